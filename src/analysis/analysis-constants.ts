// Every threshold and weight the footage analysis and the clip selection use, each named and
// documented in one place (the README's "Automatic clips" section lists them). Luma values are
// 8-bit grey as ffmpeg's `format=gray` gives it from video: full range, black 0, white 255.

/** Bump when the analysis or its stored shape changes: cached analyses of older versions are ignored. */
export const ANALYSIS_VERSION = 9;
/**
 * Bump when the reading of an analysis into defects and clips changes (thresholds, rules): a
 * product with `clips: auto` is then rendered again (its key holds this) while the stored analyses
 * stay good. 2: blur within each scene, frozen only where frames repeat. 3: clips may meet in one
 * pause (never overlap).
 */
export const SELECTION_VERSION = 3;

// --- Decode ------------------------------------------------------------------------------------
/** Frames per second analysed (one decode, thinned by ffmpeg's fps filter before scaling). */
export const ANALYSIS_FPS = 10;
/** The analysed picture's longer side, px; the shorter follows the display aspect (even). */
export const ANALYSIS_LONG_SIDE = 160;
/**
 * Every decoded frame is also scored at this size (any aspect), against the one decoded before it,
 * to place each cut on its exact frame.
 */
export const FRAME_LOG_WIDTH = 32;
export const FRAME_LOG_HEIGHT = 18;
/**
 * A cut is placed on the logged frame that changed most near it only when that frame's scene score
 * (0–1) reaches this; hard cuts score 0.6–0.95, frames within a shot (even shaken) below 0.3.
 */
export const CUT_PLACE_MIN_SCORE = 0.05;
/** Audio is analysed mono at this rate (speech energy lies well below 4 kHz). */
export const ANALYSIS_AUDIO_RATE = 8000;
/** Length of one audio loudness window, seconds (two per analysed frame). */
export const AUDIO_WINDOW_SECONDS = 0.05;
/**
 * A take is decoded in two halves side by side (split at a keyframe near its middle, which keeps
 * both cores busier than one decoder's frame threads do) when each half would last at least this
 * long, seconds; shorter takes are one decode.
 */
export const ANALYSIS_SPLIT_MIN_SECONDS = 8;
/** How far either side of the middle (seconds) a keyframe to split at is looked for. */
export const ANALYSIS_SPLIT_SEARCH_SECONDS = 10;
/**
 * Decoder threads of each half: one. The two halves side by side already keep two cores busy;
 * frame threads on top cost about a tenth more CPU (4.2–4.6 s against 3.7–4.0 s of ffmpeg CPU per
 * minute of 1080p30, benchmark 17's take, measured alternating).
 */
export const ANALYSIS_HALF_THREADS = 1;

// --- Exposure ----------------------------------------------------------------------------------
/** A pixel at or below this Y counts as black. */
export const BLACK_PIXEL_Y = 25;
/** A frame is black when at least this share of its pixels is black (as ffmpeg's blackdetect). */
export const BLACK_FRAME_SHARE = 0.98;
/** A frame whose mean Y is below this (and that is not black) is dark. */
export const DARK_MEAN_Y = 50;
/** A pixel at or above this Y is clipped white. */
export const CLIPPED_PIXEL_Y = 250;
/** A frame is overexposed when at least this share of its pixels is clipped white… */
export const OVEREXPOSED_SHARE = 0.45;
/** …or when its mean Y is above this. */
export const OVEREXPOSED_MEAN_Y = 220;

// --- Sharpness ---------------------------------------------------------------------------------
/**
 * A frame is blurred when its sharpness (mean |Laplacian|) is below this share of its scene's
 * typical sharpness (the SHARP_REFERENCE_PERCENTILE of the scene's usable frames): focus lost
 * within a shot. Scenes differ in how much detail they hold (a glass against a soft background
 * has a fifth of the edges of a close-up of tea leaves, both in focus), so a scene is measured
 * against itself…
 */
export const BLUR_RELATIVE = 0.45;
/**
 * …or below this share of the whole take's typical sharpness: a shot out of focus from its first
 * frame to its last, which its own scene cannot show. Kept low on purpose: at the analysis size
 * a lack of detail and a lack of focus measure alike (the sample's in-focus glass scene is 0.22
 * of its leaf close-up; benchmark 17's 1080p shot under a Gaussian blur of σ 16 px is 0.37 of
 * the same shot sharp, found within its scene by BLUR_RELATIVE), and a product on a plain
 * backdrop must not be rejected beside a close-up of texture. A moderately soft shot from end to
 * end is therefore not called blurred; it ranks low on sharpness and is proposed after sharper ones…
 */
export const BLUR_ACROSS_SCENES = 0.12;
/** …or below this absolute floor (a take blurred from end to end). */
export const BLUR_ABSOLUTE = 1.2;
/** Which percentile of a scene's (or take's) sharpness stands for "sharp" in it. */
export const SHARP_REFERENCE_PERCENTILE = 0.75;

// --- Motion ------------------------------------------------------------------------------------
/** Mean |Y difference| to the previous analysed frame below which the picture has not changed. */
export const FROZEN_DIFF = 0.35;
/** A still picture lasting at least this long (seconds) is a frozen span… */
export const FROZEN_MIN_SECONDS = 0.8;
/**
 * …when its frames are the same picture decoded again: a mean |ΔY| at or below this. A stalled
 * camera or a paused recording repeats its frames, which decode to the same pixels (0.00 in
 * benchmark 17's frozen spans, as generated and as phones encode); a still shot is alive however
 * steady the camera (sensor noise, steam, a hand: POT-003's first 0.7 s measure 0.05–0.16, with a
 * block of the picture at 0.45–0.93). FROZEN_DIFF alone took such a shot (a product on a tripod)
 * for frozen and never proposed it.
 */
export const FROZEN_UNCHANGED_DIFF = 0.03;
/** Changed frames in a row that a freeze may hold: the encoder refreshing the same picture at a keyframe. */
export const FROZEN_REFRESH_FRAMES = 2;
/** Largest global shift searched between two analysed frames, as a share of the picture's width. */
export const MAX_SHIFT_SHARE = 0.08;
/**
 * The camera's motion is told from a subject's by the picture's blocks (this many a side): a
 * shift is the camera's unless more blocks align better unmoved than moved by it…
 */
export const CAMERA_BLOCK_GRID = 4;
/** …a block counting for one or the other only when its mean |ΔY| is below this share of the other's (a flat block counts for neither). */
export const CAMERA_BLOCK_MARGIN = 0.8;
/**
 * Shake: the mean change of the global motion between neighbouring analysed frames (px of the
 * analysed picture per frame, as a share of its width) over SHAKE_WINDOW_SECONDS; a steady pan
 * changes little, a shaking hand a lot.
 */
export const SHAKY_JITTER_SHARE = 0.035;
/** …and at least this many times the take's median jitter (a take shot walking is judged against itself). */
export const SHAKY_RELATIVE = 2;
/** Shake shorter than this (seconds) is a bump, not a shaky span. */
export const SHAKY_MIN_SECONDS = 0.5;
/** Window over which the shake is averaged, seconds. */
export const SHAKE_WINDOW_SECONDS = 1;

// --- Cuts (an adaptive content detector, as PySceneDetect's AdaptiveDetector) -------------------
/** A hard cut needs a picture change (1 − correlation with the previous frame) of at least this… */
export const CUT_MIN_CHANGE = 0.6;
/** …and at least this many times the mean change of its neighbours. */
export const CUT_ADAPTIVE_RATIO = 3;
/** Neighbours on each side the adaptive ratio compares with. */
export const CUT_WINDOW_FRAMES = 2;
/** A picture whose Y varies less than this (standard deviation) is flat — black, a wall — and has no structure to compare: never a cut. */
export const FLAT_PICTURE_DEVIATION = 3;
/** Shortest scene, seconds: a cut closer than this to the previous one is a flash, not a cut. */
export const MIN_SCENE_SECONDS = 0.6;

// --- Audio -------------------------------------------------------------------------------------
/** The take's noise floor is this percentile of its window loudness (dBFS). */
export const NOISE_FLOOR_PERCENTILE = 0.1;
/** Windows this far (dB) above the noise floor are sound (speech, product sound)… */
export const SOUND_ON_DB = 12;
/** …and sound goes on until it falls below this far above the floor (hysteresis). */
export const SOUND_OFF_DB = 6;
/** A take "has sound" when its loud windows (90th percentile) stand this far above its floor. */
export const TAKE_HAS_SOUND_DB = 15;
/** Digital silence is counted as this level (dBFS) so that logs of zero stay finite. */
export const SILENCE_DBFS = -100;
/** Quiet gaps shorter than this (seconds) are inside a word or between syllables: not a pause. */
export const PAUSE_MIN_SECONDS = 0.15;
/** Quiet lasting at least this long (seconds), in a take that has sound, is dead air (`silence`). */
export const SILENCE_MIN_SECONDS = 1.5;
/** Of a quiet span, this much (seconds) at each end is a breath, not dead air: a clip may keep it. */
export const PAUSE_LEAD_SECONDS = 0.2;

// --- Selection ---------------------------------------------------------------------------------
/** A clip may be this share shorter or longer than asked, to start and end in pauses or on cuts. */
export const LENGTH_TOLERANCE = 0.25;
/** Analysed frames kept clear on each side of a defect (its edges are seldom exact). */
export const DEFECT_MARGIN_FRAMES = 1;
/** Weights of a clip's score: sharpness, light, audio presence and steadiness (they sum to 1). */
export const WEIGHT_SHARPNESS = 0.35;
export const WEIGHT_LIGHT = 0.25;
export const WEIGHT_AUDIO = 0.3;
export const WEIGHT_STEADY = 0.1;
/** A clip from a scene that already gave one loses this much score (variety). */
export const SAME_SCENE_PENALTY = 0.35;

// --- fit: smart --------------------------------------------------------------------------------
/** Columns the importance of each analysed frame is measured in (edges + motion), for `fit: smart`. */
export const SALIENCE_BINS = 32;
