// promo's configuration after loading: every path absolute, every default applied.
import type { BEST_TIMES_METRIC_NAMES } from './insights-schema.ts';

export interface RenderConfig {
  /** ffmpeg jobs at once. */
  concurrency: number;
  /** Multiplies the derived ffmpeg time limit (1 = default). */
  timeoutScale: number;
}

/** How far the output folder's kept files (`<out>/.promo/`) may grow (`cache:` in config.yaml). */
export interface CacheConfig {
  /** Bytes; undefined: no size limit. */
  maxSize?: number;
  /** Seconds an unused kept file stays; undefined: no age limit. */
  maxAge?: number;
}

export interface EngineConfig {
  /** Absolute path of an ffmpeg binary to use instead of the bundled one. */
  ffmpeg?: string;
  /** Absolute path of an ffprobe binary to use instead of the bundled one. */
  ffprobe?: string;
}

export interface WatchConfig {
  /** Absolute inbox folder. */
  inbox: string;
  /** Absolute path of the spec its files are matched against. */
  spec: string;
  /** Seconds a file's size and mtime must stay unchanged before it is taken. */
  settle: number;
  /** Seconds after which a file that never became complete goes to failed/. */
  giveUp: number;
  /** Poll the folder instead of using file system events. */
  poll: boolean;
}

/** A configured channel as written: secrets are still ${ENV} references (resolved when used). */
export type ChannelDefinition = import('./channels-schema.ts').ChannelInput & { name: string };

export interface QueueConfig {
  /** Which job runner keeps and runs render jobs (createJobRunner). */
  backend: 'local' | 'bullmq';
  /** Redis URL (backend bullmq). */
  redis?: string;
  /** Prefix of the Redis keys (backend bullmq). */
  prefix?: string;
  /** Seconds a worker's lock on a job lasts without renewal (backend bullmq). */
  lock?: number;
  /** Where `backend` is written (`config.yaml:LINE:COL`), for errors about it; undefined when defaulted. */
  at?: import('../util/source-location.ts').SourceLocation;
}

export interface PostsConfig {
  /** Seconds a post may go out late. */
  grace: number;
  /** Seconds ahead recurring streams are scheduled. */
  horizon: number;
  /** Seconds one request to a channel may take. */
  timeout: number;
  /** Public address of the output folder, for links to videos a channel cannot attach. */
  mediaUrl?: string;
}

export interface DashboardConfig {
  /** Address to listen on (127.0.0.1 unless set). */
  host: string;
  port: number;
  /** The pages' language; undefined: the browser's. */
  lang?: 'zh' | 'en';
  /** The address people reach it by through a reverse proxy. */
  publicUrl?: string;
}

/** What best times are measured by (`insights.metric`). */
export type BestTimesMetric = (typeof BEST_TIMES_METRIC_NAMES)[number];

export interface InsightsConfig {
  /** The default measure (views when unset). */
  metric?: BestTimesMetric;
  /** Per platform (`insights.platforms.douyin.metric`). */
  platforms: Record<string, { metric?: BestTimesMetric }>;
  /** Zone and measure of each account's exports (`insights.accounts.NAME.timezone`, `.metric`). */
  accounts: Record<string, { timezone?: string; metric?: BestTimesMetric }>;
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
  cache: CacheConfig;
  /** Watched inboxes (empty when none). */
  watch: WatchConfig[];
  /** The job runner. */
  queue: QueueConfig;
  /** Announcement channels by name. */
  channels: Record<string, ChannelDefinition>;
  posts: PostsConfig;
  insights?: InsightsConfig;
  /** Present when `promo daemon` serves the dashboard too (`dashboard:` in config.yaml). */
  dashboard?: DashboardConfig;

}

