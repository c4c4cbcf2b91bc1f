// The shapes footage analysis produces and clip selection reads: per-frame signal series at the
// analysis rate, the audio loudness envelope, and what is found in them (scenes, defects, clips).

/** Per analysed frame (index i is at time[i] seconds), every series the same length. */
export interface FrameSeries {
  /**
   * Seconds on the render's timeline (the file's, which the sound and a clip's -ss follow):
   * time[0] + i / fps, time[0] later than 0 when the picture starts after the sound.
   */
  time: number[];
  /** Mean Y (0–255). */
  luma: number[];
  /** Standard deviation of Y: the picture's contrast. */
  contrast: number[];
  /** Share of pixels at or below BLACK_PIXEL_Y. */
  blackShare: number[];
  /** Share of pixels at or above CLIPPED_PIXEL_Y. */
  clippedShare: number[];
  /** Mean |Laplacian| of Y: edge energy, which blur takes away. */
  sharpness: number[];
  /** Mean |ΔY| to the previous analysed frame (0 for the first). */
  diff: number[];
  /** 1 − correlation with the previous analysed frame: about 1 at a hard cut, near 0 within a shot. */
  change: number[];
  /** Global shift from the previous frame, px of the analysed picture (0 for the first). */
  shiftX: number[];
  shiftY: number[];
}

/** Every frame one picture decode decoded: its time (seconds) and change from the one before (ffmpeg's scene score, 0–1). */
export interface FrameLog {
  time: number[];
  score: number[];
}

/** A cut placed on the source's frames. */
export interface PlacedCut {
  /** The analysed frame it was found at (the first of the new scene). */
  frame: number;
  /** Seconds: the new scene's first frame. */
  start: number;
  /**
   * Seconds: where the old scene's last decoded frame ends (start, unless frames between were not
   * decoded: those may show either scene, so neither side's clip keeps them).
   */
  end: number;
}

export interface AudioSeries {
  /** Seconds per window. */
  window: number;
  /** RMS loudness of each window, dBFS (SILENCE_DBFS for digital silence). */
  db: number[];
}

/** What one decode of a footage file measured; stored in the analysis cache by content hash. */
export interface FootageAnalysis {
  version: number;
  /** Seconds (the container's duration). */
  duration: number;
  /** Analysed frames per second. */
  fps: number;
  /** Analysed picture size, px. */
  width: number;
  height: number;
  frames: FrameSeries;
  /** Undefined when the file has no audio stream. */
  audio?: AudioSeries;
  /** Per analysed frame, the importance (edges + motion) of each of SALIENCE_BINS columns, left to right. */
  columns: number[][];
  /** The cuts found in `frames`, placed on the source's frames (a cut missing here stays between analysed frames). */
  cuts?: PlacedCut[];
}

export type DefectKind = 'black' | 'dark' | 'overexposed' | 'blur' | 'frozen' | 'shaky' | 'silence';

/** A span of seconds, start inclusive, end exclusive. */
export interface Span {
  start: number;
  end: number;
}

export interface Defect extends Span {
  kind: DefectKind;
}

export interface ProposedClip {
  in: number;
  out: number;
  /** 0–1, relative to the take. */
  score: number;
  reasons: string[];
}

/** What `promo suggest --json` prints per file. */
export interface ClipSuggestion {
  file: string;
  duration: number;
  scenes: Span[];
  defects: Defect[];
  clips: ProposedClip[];
  /** Why fewer clips than asked were proposed (or none), for a person to read. */
  notes: string[];
}

export interface SuggestOptions {
  count: number;
  /** Seconds. */
  length: number;
}
