// Everything clip selection needs to know about one take, read from its analysis: scenes from
// hard cuts, defects (picture and dead air), which frames are unusable, where a clip may start
// and end (on a cut, at the take's edges, or in a pause of the sound), and per-frame quality.
import { DEFECT_MARGIN_FRAMES, PAUSE_LEAD_SECONDS } from './analysis-constants.ts';
import type { Defect, FootageAnalysis, Span } from './analysis-types.ts';
import { findCuts } from './find-cuts.ts';
import { findRuns } from './find-runs.ts';
import { readPicture, type PictureDefectKind, type PictureReading } from './read-picture.ts';
import { readSound, type SoundReading } from './read-sound.ts';

/** Why a clip may start or end at a frame boundary. */
export type BoundaryKind = 'edge' | 'cut' | 'pause' | 'free';

export interface Take {
  duration: number;
  fps: number;
  /** Analysed frames; frame i covers [origin + i/fps, origin + (i+1)/fps). */
  frames: number;
  /** Seconds of the render's timeline where analysed frame 0 lies (later than 0 when the picture starts after the sound). */
  origin: number;
  cuts: number[];
  scenes: Span[];
  /** Per frame, the index of its scene. */
  sceneOf: number[];
  defects: Defect[];
  /** Per frame: inside a defect or within DEFECT_MARGIN_FRAMES of one. */
  bad: boolean[];
  /**
   * Per boundary b (0…frames), seconds where a clip starting / ending there starts / ends: origin + b/fps,
   * but at a cut placed on the source's frames its new scene's first frame / its old scene's end.
   */
  startTime: number[];
  endTime: number[];
  /** Per boundary b: why a clip may start / end there, undefined when it may not. */
  startAt: (BoundaryKind | undefined)[];
  endAt: (BoundaryKind | undefined)[];
  /** Per frame: share of it with sound on (0 when the take has none). */
  sound: number[];
  picture: PictureReading;
  audio: SoundReading;
}

const PICTURE_KINDS: PictureDefectKind[] = ['black', 'dark', 'overexposed', 'blur', 'frozen', 'shaky'];

/** Reads `analysis` into a Take (pure). */
export function readTake(analysis: FootageAnalysis): Take {
  const fps = analysis.fps;
  const n = analysis.frames.time.length;
  const duration = analysis.duration;
  // Every time below is on the render's timeline: the sound's, and the picture's from its start.
  const origin = analysis.frames.time[0] ?? 0;
  const end = (i: number) => Math.min(duration, origin + i / fps);
  const cuts = findCuts(analysis.frames, fps);
  const startTime = Array.from({ length: n + 1 }, (_, b) => end(b));
  const endTime = startTime.slice();
  const cutSet = new Set(cuts);
  for (const placed of analysis.cuts ?? []) {
    if (!cutSet.has(placed.frame)) continue;
    startTime[placed.frame] = placed.start;
    endTime[placed.frame] = placed.end;
  }
  const edges = [0, ...cuts, n];
  const scenes = edges.slice(1).map((stop, k) => ({ start: startTime[edges[k]!]!, end: k === edges.length - 2 ? duration : endTime[stop]! }));
  const sceneOf = new Array<number>(n);
  for (let k = 0; k + 1 < edges.length; k++) for (let i = edges[k]!; i < edges[k + 1]!; i++) sceneOf[i] = k;

  const picture = readPicture(analysis, cuts);
  const audio = readSound(analysis.audio);
  const defects: Defect[] = [];
  const raw = new Array<boolean>(n).fill(false);
  for (const kind of PICTURE_KINDS) {
    for (const [a, b] of findRuns(picture.flags[kind])) {
      defects.push({ kind, start: end(a), end: end(b) });
      for (let i = a; i < b; i++) raw[i] = true;
    }
  }
  // Picture defects' edges are only as exact as the analysed frames: keep a margin around them.
  const bad = raw.map((_, i) => {
    for (let j = Math.max(0, i - DEFECT_MARGIN_FRAMES); j <= Math.min(n - 1, i + DEFECT_MARGIN_FRAMES); j++) if (raw[j]) return true;
    return false;
  });
  // Dead air is the quiet minus a breath at each end (the lead-in and lead-out a clip may keep).
  for (const quiet of audio.silences) {
    const silence = { start: quiet.start + PAUSE_LEAD_SECONDS, end: Math.min(duration, quiet.end - PAUSE_LEAD_SECONDS) };
    defects.push({ kind: 'silence', ...silence });
    for (let i = Math.max(0, Math.floor((silence.start - origin) * fps + 1e-6)); i < Math.min(n, Math.ceil((silence.end - origin) * fps - 1e-6)); i++) bad[i] = true;
  }
  defects.sort((a, b) => a.start - b.start || a.end - b.end);

  const sound = new Array<number>(n).fill(0);
  if (audio.hasSound) {
    const perFrame = Math.max(1, Math.round(1 / fps / audio.window));
    const first = Math.round(origin / audio.window);
    for (let i = 0; i < n; i++) {
      let on = 0;
      for (let w = first + i * perFrame; w < first + (i + 1) * perFrame; w++) if (audio.active[w]) on++;
      sound[i] = on / perFrame;
    }
  }

  const startAt: (BoundaryKind | undefined)[] = [];
  const endAt: (BoundaryKind | undefined)[] = [];
  const slack = 1e-6;
  for (let b = 0; b <= n; b++) {
    // The last boundary can lie past the take's end (a 29.97 fps take's is not on the frame grid):
    // its sound is judged at the end, not in windows past it that count as quiet.
    const t = end(b);
    const fixed: BoundaryKind | undefined = b === 0 || b === n ? 'edge' : cutSet.has(b) ? 'cut' : undefined;
    // A cut or the take's edge is a boundary too, but not while someone speaks across it.
    if (fixed && audio.hasSound && !quietAround(audio, t)) {
      startAt.push(undefined);
      endAt.push(undefined);
      continue;
    }
    if (fixed || !audio.hasSound) {
      startAt.push(fixed ?? 'free');
      endAt.push(fixed ?? 'free');
      continue;
    }
    // Anywhere in a pause: a long one is dead air (a defect but for a breath at each end), so a
    // clip that starts or ends in it keeps at most PAUSE_LEAD_SECONDS of it.
    const inPause = audio.pauses.some((p) => p.start - slack <= t && t <= p.end + slack);
    startAt.push(inPause ? 'pause' : undefined);
    endAt.push(inPause ? 'pause' : undefined);
  }
  return { duration, fps, frames: n, origin, cuts, scenes, sceneOf, defects, bad, startTime, endTime, startAt, endAt, sound, picture, audio };
}

// No sound in the windows either side of `t` (the take's edges count as quiet beyond them).
function quietAround(audio: SoundReading, t: number): boolean {
  const w = Math.round(t / audio.window);
  return !audio.active[w - 1] && !audio.active[w];
}
