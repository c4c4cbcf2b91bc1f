// The insight tables of the state database (migration in src/store/open-state-db.ts): upserts
// keyed by what stays the same from one export to the next, so a re-import or an overlapping
// export updates rows and never adds one twice. A later export's non-empty value wins (counts
// of a post keep growing after the first export); an empty one keeps what was there.
import type { StateDb } from '../store/open-state-db.ts';
import { postKey } from './post-key.ts';
import type { ExportRecord } from './read-export-rows.ts';

export interface Scope {
  platform: string;
  account: string;
}

const POST_FIELDS = ['views', 'likes', 'comments', 'shares', 'saves', 'completion', 'followers_gained', 'live_referrals', 'gmv', 'paid'] as const;
const EXTRA_FIELDS = ['contentType', 'watchSeconds', 'impressions', 'clickRate', 'product'] as const;
const STREAM_FIELDS = ['end_ms', 'title', 'exposure', 'viewers', 'peak_online', 'avg_online', 'gmv', 'orders', 'new_followers'] as const;

/** Writes imported records into the insight tables. */
export class InsightStore {
  readonly db: StateDb;
  private readonly statements;

  constructor(db: StateDb) {
    this.db = db;
    const merge = (fields: readonly string[]) => fields.map((f) => `${f} = COALESCE(excluded.${f}, ${f})`).join(', ');
    this.statements = {
      post: db.prepare(`INSERT INTO insight_posts (platform, account, key, remote_id, title, published_ms, time_known, format, ${POST_FIELDS.join(', ')}, extra, imported_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ${POST_FIELDS.map(() => '?').join(', ')}, ?, ?)
        ON CONFLICT (platform, account, key) DO UPDATE SET remote_id = COALESCE(excluded.remote_id, remote_id), ${merge(POST_FIELDS)}, extra = CASE WHEN excluded.extra IS NULL THEN extra WHEN extra IS NULL THEN excluded.extra ELSE json_patch(extra, excluded.extra) END, imported_at = excluded.imported_at`),
      stream: db.prepare(`INSERT INTO insight_streams (platform, account, start_ms, ${STREAM_FIELDS.join(', ')}, imported_at)
        VALUES (@platform, @account, @start_ms, ${STREAM_FIELDS.map((f) => `@${f}`).join(', ')}, @imported_at)
        ON CONFLICT (platform, account, start_ms) DO UPDATE SET ${merge(STREAM_FIELDS)}, imported_at = excluded.imported_at`),
      referral: db.prepare(`INSERT INTO insight_referrals (platform, account, stream_start_ms, title, posted_ms, entry_impressions, referrals, imported_at)
        VALUES (@platform, @account, @stream_start_ms, @title, @posted_ms, @entry_impressions, @referrals, @imported_at)
        ON CONFLICT (platform, account, stream_start_ms, title, posted_ms) DO UPDATE SET ${merge(['entry_impressions', 'referrals'])}, imported_at = excluded.imported_at`),
      product: db.prepare(`INSERT INTO insight_products (platform, account, stream_start_ms, product_id, name, gmv, units, buyers, exposure, clicks, imported_at)
        VALUES (@platform, @account, @stream_start_ms, @product_id, @name, @gmv, @units, @buyers, @exposure, @clicks, @imported_at)
        ON CONFLICT (platform, account, stream_start_ms, product_id) DO UPDATE SET name = excluded.name, ${merge(['gmv', 'units', 'buyers', 'exposure', 'clicks'])}, imported_at = excluded.imported_at`),
      activity: db.prepare(`INSERT INTO insight_activity (platform, account, hour_ms, active) VALUES (@platform, @account, @hour_ms, @active)
        ON CONFLICT (platform, account, hour_ms) DO UPDATE SET active = excluded.active`),
    };
  }

  /** Rows of every insight table (to tell added rows from updated ones). */
  count(): number {
    const row = this.db.prepare(`SELECT (SELECT COUNT(*) FROM insight_posts) + (SELECT COUNT(*) FROM insight_streams) + (SELECT COUNT(*) FROM insight_referrals)
      + (SELECT COUNT(*) FROM insight_products) + (SELECT COUNT(*) FROM insight_activity) AS n`).get() as { n: number };
    return row.n;
  }

  /**
   * A post of an export, known by the first line of its title (at most 30 characters: Douyin's
   * 作品名称 carries the body text too, 罗盘's 视频标题 only the title) and its publish minute, so
   * the same post in two kinds of export is one row; the platform's id is kept beside it.
   */
  putPost(scope: Scope, format: string, r: ExportRecord, importedAt: string): void {
    const title = String(r.title ?? '');
    const published = r.published as number;
    const remoteId = r.remoteId ? String(r.remoteId) : null;
    const key = postKey(title, published);
    // The JSON of the extra fields present, written as JSON.stringify of an object of them would
    // (keys in this order) without building the object on every row.
    let extra: string | null = null;
    for (const field of EXTRA_FIELDS) {
      const value = r[field];
      if (value === undefined || value === null || value === '') continue;
      extra = `${extra === null ? '{' : `${extra},`}"${field}":${JSON.stringify(value)}`;
    }
    // Positional: better-sqlite3 binds an array several times faster than named parameters,
    // which was most of an import's time (order: the INSERT's columns).
    this.statements.post.run(
      scope.platform, scope.account, key, remoteId, title, published, r.dateOnly ? 0 : 1, format,
      num(r.views), num(r.likes), num(r.comments), num(r.shares), num(r.saves),
      num(r.completion), num(r.followersGained), num(r.liveReferrals), num(r.gmv), num(r.paid),
      extra === null ? null : `${extra}}`, importedAt,
    );
  }

  /** A stream, known by its start; sheets of one workbook fill in each other's columns. */
  putStream(scope: Scope, startMs: number, r: ExportRecord, importedAt: string): void {
    this.statements.stream.run({
      platform: scope.platform, account: scope.account, start_ms: startMs, end_ms: num(r.end), title: r.title ? String(r.title) : null,
      exposure: num(r.exposure), viewers: num(r.viewers), peak_online: num(r.peakOnline), avg_online: num(r.avgOnline),
      gmv: num(r.gmv), orders: num(r.orders), new_followers: num(r.newFollowers), imported_at: importedAt,
    });
  }

  /** A clip that sent viewers into the stream starting at `streamStartMs`. */
  putReferral(scope: Scope, streamStartMs: number, r: ExportRecord, importedAt: string): void {
    this.statements.referral.run({
      platform: scope.platform, account: scope.account, stream_start_ms: streamStartMs, title: String(r.title ?? ''), posted_ms: r.published as number,
      entry_impressions: num(r.entryImpressions), referrals: num(r.referrals), imported_at: importedAt,
    });
  }

  /** A product's results in the stream starting at `streamStartMs`. */
  putProduct(scope: Scope, streamStartMs: number, r: ExportRecord, importedAt: string): void {
    this.statements.product.run({
      platform: scope.platform, account: scope.account, stream_start_ms: streamStartMs, product_id: String(r.productId), name: String(r.name ?? ''),
      gmv: num(r.gmv), units: num(r.units), buyers: num(r.buyers), exposure: num(r.exposure), clicks: num(r.clicks), imported_at: importedAt,
    });
  }

  /** Active followers in the hour starting at `hourMs`. */
  putActivity(scope: Scope, hourMs: number, active: number): void {
    this.statements.activity.run({ platform: scope.platform, account: scope.account, hour_ms: hourMs, active });
  }
}

function num(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}
