// What an export format is: a small mapping table from the platform's column headers to promo's
// fields. One file per format under formats/ (listed in export-formats.ts); the importer finds a
// sheet's format by its header row and reads each mapped column with its field's parser.

/** Which table a format's rows go into. */
export type ExportKind = 'posts' | 'streams' | 'referrals' | 'products' | 'activity';

/** How a field's cells are read (see parse-count.ts, parse-rate.ts, parse-watch-seconds.ts, parse-export-time.ts). */
export type FieldType = 'text' | 'time' | 'count' | 'rate' | 'seconds' | 'flag' | 'time-range';

/** promo's fields, with how each is read. */
export const FIELD_TYPES = {
  remoteId: 'text',
  title: 'text',
  published: 'time',
  contentType: 'text',
  views: 'count',
  impressions: 'count',
  likes: 'count',
  comments: 'count',
  shares: 'count',
  saves: 'count',
  completion: 'rate',
  clickRate: 'rate',
  watchSeconds: 'seconds',
  followersGained: 'count',
  liveReferrals: 'count',
  gmv: 'count',
  paid: 'flag',
  product: 'text',
  // Streams.
  start: 'time',
  end: 'time',
  startEnd: 'time-range',
  exposure: 'count',
  viewers: 'count',
  peakOnline: 'count',
  avgOnline: 'count',
  orders: 'count',
  newFollowers: 'count',
  // 短视频引流 (clips that sent viewers into a stream).
  entryImpressions: 'count',
  referrals: 'count',
  // Products.
  productId: 'text',
  name: 'text',
  units: 'count',
  buyers: 'count',
  clicks: 'count',
  // Follower activity.
  date: 'time',
  hour: 'count',
  active: 'count',
} as const satisfies Record<string, FieldType>;

export type FieldName = keyof typeof FIELD_TYPES;

export interface ExportFormat {
  /** Stable name, stored with every import (`douyin-works`). */
  id: string;
  /** Platform the rows belong to (`douyin`, `kuaishou`, `wechat-channels`, `xiaohongshu`, `tiktok`, `youtube`, `instagram`). */
  platform: string;
  kind: ExportKind;
  /** What the user calls the file, for messages and the README. */
  label: string;
  /** Every one of these headers must be in the header row (after normalizeHeader). */
  required: readonly string[];
  /** Headers only this format has: they break ties between formats that share the required ones. */
  distinctive?: readonly string[];
  /** Sheet names (XLSX) this format is tried on first; a sheet of another name still matches by headers. */
  sheets?: readonly string[];
  /** Field → the headers it may appear under (first present wins), as normalizeHeader leaves them. */
  columns: Partial<Record<FieldName, readonly string[]>>;
  /** Vertical sheets (`key | value` rows), read as one record. */
  vertical?: boolean;
}
