// promo's configuration after loading: every path absolute, every default applied.

export interface RenderConfig {
  /** ffmpeg jobs at once. */
  concurrency: number;
  /** Multiplies the derived ffmpeg time limit (1 = default). */
  timeoutScale: number;
}

export interface EngineConfig {
  /** Absolute path of an ffmpeg binary to use instead of the bundled one. */
  ffmpeg?: string;
  /** Absolute path of an ffprobe binary to use instead of the bundled one. */
  ffprobe?: string;
}

export interface PromoConfig {
  /** Absolute path of the file it came from; undefined when no file exists and defaults apply. */
  file?: string;
  /** Folder relative paths in the config are resolved against. */
  dir: string;
  /** Absolute output folder. */
  out: string;
  /** Absolute path of the SQLite state database. */
  state: string;
  /** IANA zone used when a spec gives none. */
  timezone: string;
  engine: EngineConfig;
  render: RenderConfig;
  /** Sections owned by later stages, passed through as written and not yet validated. */
  extra?: ConfigExtraSections;
}

export interface ConfigExtraSections {
  watch?: unknown;
  channels?: unknown;
  posts?: unknown;
}
