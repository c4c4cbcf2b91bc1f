// Reads a take's loudness envelope against the take's own noise floor (not a fixed dB: phones
// and rooms differ by 30 dB): where there is sound (speech, product sound), where the pauses
// between phrases are, and where the dead air is.
import {
  NOISE_FLOOR_PERCENTILE, PAUSE_MIN_SECONDS, SILENCE_MIN_SECONDS, SOUND_OFF_DB, SOUND_ON_DB, TAKE_HAS_SOUND_DB,
} from './analysis-constants.ts';
import type { AudioSeries, Span } from './analysis-types.ts';
import { findRuns } from './find-runs.ts';
import { percentile } from './percentile.ts';

export interface SoundReading {
  /** Whether the take has sound worth keeping at all (else no pause or silence rules apply). */
  hasSound: boolean;
  /** dBFS. */
  floorDb: number;
  /** Seconds per window of `active`. */
  window: number;
  /** Per window: sound is on (hysteresis between SOUND_ON_DB and SOUND_OFF_DB above the floor). */
  active: boolean[];
  /** Quiet spans long enough to cut in (PAUSE_MIN_SECONDS or more), seconds. */
  pauses: Span[];
  /** Quiet spans of SILENCE_MIN_SECONDS or more: dead air. */
  silences: Span[];
}

/** Reads `audio` (undefined: the file has no sound). */
export function readSound(audio: AudioSeries | undefined): SoundReading {
  if (!audio || audio.db.length === 0) return { hasSound: false, floorDb: -Infinity, window: audio?.window ?? 0.05, active: [], pauses: [], silences: [] };
  const floorDb = percentile(audio.db, NOISE_FLOOR_PERCENTILE);
  const loud = percentile(audio.db, 0.9);
  const hasSound = loud - floorDb >= TAKE_HAS_SOUND_DB;
  const active: boolean[] = [];
  let on = false;
  for (const db of audio.db) {
    if (on) on = db >= floorDb + SOUND_OFF_DB;
    else on = db >= floorDb + SOUND_ON_DB;
    active.push(on);
  }
  if (!hasSound) return { hasSound, floorDb, window: audio.window, active, pauses: [], silences: [] };
  const w = audio.window;
  const quiet = findRuns(active.map((a) => !a)).map(([start, end]) => ({ start: start * w, end: end * w }));
  return {
    hasSound,
    floorDb,
    window: w,
    active,
    pauses: quiet.filter((span) => span.end - span.start >= PAUSE_MIN_SECONDS - 1e-9),
    silences: quiet.filter((span) => span.end - span.start >= SILENCE_MIN_SECONDS - 1e-9),
  };
}
