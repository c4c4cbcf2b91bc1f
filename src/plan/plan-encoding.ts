// Encoder settings per quality level. The README's "Quality" table documents these exact values;
// change both together.
import type { Quality } from '../promo-spec/spec-types.ts';
import type { EncodeSettings } from './plan-types.ts';

const SETTINGS: Record<Quality, EncodeSettings> = {
  // Quick looks: cheapest x264 preset that still compresses sensibly on these machines.
  draft: { x264Preset: 'superfast', crf: 27, maxrate: '8M', bufsize: '16M', audioBitrate: '96k' },
  // Platforms re-encode everything they receive: CRF 21 leaves headroom so the second
  // generation still looks clean on a phone. veryfast is x264's best speed/quality trade here.
  standard: { x264Preset: 'veryfast', crf: 21, maxrate: '12M', bufsize: '24M', audioBitrate: '128k' },
  high: { x264Preset: 'slow', crf: 18, maxrate: '20M', bufsize: '40M', audioBitrate: '192k' },
};

/** The encoder settings of a quality level. */
export function planEncoding(quality: Quality): EncodeSettings {
  return SETTINGS[quality];
}
