// promo's exit codes (documented in the README).
export const EXIT = {
  /** Everything asked for was rendered (or already current). */
  ok: 0,
  /** Some products failed; the rest rendered and are in the manifest. */
  someFailed: 1,
  /** The spec, the config or the command line is invalid; nothing was rendered. */
  invalid: 2,
  /** promo cannot run here (ffmpeg, fonts or the output folder unusable). */
  environment: 3,
  /** Another promo daemon is publishing from the same state database. */
  busy: 4,
  /** Interrupted (Ctrl-C / SIGTERM); finished outputs are kept, unfinished ones removed. */
  interrupted: 130,
} as const;
