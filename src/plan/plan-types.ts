// The data a render plan is made from: a timeline of cards and clips, and for each output preset
// the images (cards, captions, badges, logo) already drawn for its frame size.
import type { FitMode, PresetDef } from '../presets/presets.ts';
import type { MediaInfo } from '../media/probe-media.ts';

/** A PNG to lay over the video at a fixed place (same shape as graphics' OverlayImage). */
export interface PlacedImage {
  path: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface TimelineCaption {
  /** Seconds from the start of the clip. */
  start: number;
  end: number;
  /** Key into PresetOutput.captions. */
  key: string;
}

export interface TimelineClip {
  kind: 'clip';
  /** Absolute path of the footage; for stills, the normalised PNG promo made of it. */
  source: string;
  media: MediaInfo;
  still: boolean;
  /** Seconds into the footage (0 for stills). */
  start: number;
  duration: number;
  /** The product's own fit, which wins in every output; undefined: each output's fit. */
  fit?: FitMode;
  focus: number;
  /** `#RRGGBB` behind a `pad` fit. */
  padColor: string;
  captions: TimelineCaption[];
  /** Which product the clip shows (key into PresetOutput.badges). */
  product: string;
  /** `fit: smart`: where the picture's important parts are over the clip (none: the blurred fill). */
  salience?: SalienceTrack;
}

/** Per analysed frame of a clip (from its start, `fps` a second), the importance of each column of the picture, left to right. */
export interface SalienceTrack {
  fps: number;
  columns: number[][];
}

export interface TimelineCard {
  kind: 'card';
  card: 'intro' | 'outro';
  duration: number;
}

export type TimelineItem = TimelineClip | TimelineCard;

export interface PresetOutput {
  preset: PresetDef;
  /** Where ffmpeg writes (a temporary name; renamed once complete). */
  target: string;
  intro?: string;
  outro?: string;
  logo?: PlacedImage;
  badges: Record<string, PlacedImage>;
  captions: Record<string, PlacedImage>;
}

export interface AudioPlan {
  music?: { file: string; volume: number; duck: boolean };
  /** dB applied to the mix; undefined leaves the level alone (a silent mix stays silent). */
  gainDb?: number;
  /** Add a true-peak limiter after the gain. */
  limit: boolean;
}

/** How consecutive items join: a cut, a fade through black, or a crossfade (xfade, overlapping). */
export interface TransitionPlan {
  type: 'cut' | 'fade' | 'crossfade';
  /** Seconds the transition takes. */
  duration: number;
}

export interface EncodeSettings {
  x264Preset: string;
  crf: number;
  maxrate: string;
  bufsize: string;
  audioBitrate: string;
}
