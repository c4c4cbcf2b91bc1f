// `promo insights import`: reads each export file, finds each sheet's format by its headers and
// stores its rows (one transaction per file). A file or row promo cannot read becomes a problem
// naming the file, row and column; everything else still imports.
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { DateTime } from 'luxon';
import type { StateDb } from '../store/open-state-db.ts';
import { EXPORT_FORMATS } from './export-formats.ts';
import { findExportFormat, type SheetLayout } from './find-export-format.ts';
import { InsightStore, type Scope } from './insight-store.ts';
import { readExportRows, type ExportRecord, type ImportProblem } from './read-export-rows.ts';
import { readTableFile, UnreadableFileError, type TableSheet } from './read-table-file.ts';

export interface ImportExportsOptions {
  files: string[];
  db: StateDb;
  /** Only formats of this platform (when headers are shared or localised). */
  platform?: string;
  /** The account the rows belong to (default: the platform's name). */
  account?: string;
  /** The zone an account's exports write their times in. */
  zoneOf: (account: string) => string;
  /** The import's clock: year-less dates (TikTok) are the latest not after it. */
  now: number;
  maxFileBytes?: number;
}

export interface ImportedSheet {
  file: string;
  sheet: string;
  format: string;
  platform: string;
  account: string;
  rows: number;
  added: number;
  skipped: number;
}

export interface ImportResult {
  sheets: ImportedSheet[];
  /** Sheets of a workbook that are no export promo reads (渠道分析 …): left alone. */
  ignored: string[];
  problems: ImportProblem[];
}

export const MAX_FILE_BYTES = 200 * 1024 * 1024;

/** Imports export files into the state database. */
export async function importExports(options: ImportExportsOptions): Promise<ImportResult> {
  const store = new InsightStore(options.db);
  const formats = options.platform ? EXPORT_FORMATS.filter((f) => f.platform === options.platform) : EXPORT_FORMATS;
  const result: ImportResult = { sheets: [], ignored: [], problems: [] };
  const importedAt = new Date(options.now).toISOString();
  for (const file of options.files) {
    const problem = (message: string) => result.problems.push({ where: file, message });
    let bytes: Buffer;
    try {
      const size = (await stat(file)).size;
      if (size > (options.maxFileBytes ?? MAX_FILE_BYTES)) {
        problem(`is ${(size / 1024 / 1024).toFixed(0)} MB, over the ${((options.maxFileBytes ?? MAX_FILE_BYTES) / 1024 / 1024).toFixed(0)} MB an export can be; split the date range`);
        continue;
      }
      bytes = await readFile(file);
    } catch (error) {
      problem(`cannot be read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
      continue;
    }
    let sheets: TableSheet[];
    try {
      sheets = await readTableFile(file, bytes);
    } catch (error) {
      if (!(error instanceof UnreadableFileError)) throw error;
      problem(error.message);
      continue;
    }
    const found = sheets.map((sheet) => ({ sheet, layout: findExportFormat(sheet, formats) }));
    const known = found.filter((f): f is { sheet: TableSheet; layout: SheetLayout } => f.layout !== undefined);
    if (known.length === 0) {
      problem(`has no header row promo knows in its first 10 rows${options.platform ? ` for ${options.platform}` : ''}; it reads ${formats.map((f) => f.label).join(', ')} (see README, Insights)`);
      continue;
    }
    for (const f of found) if (!f.layout && f.sheet.rows.some((row) => row.some((cell) => cell.trim() !== ''))) result.ignored.push(f.sheet.name);
    // A workbook's stream comes first: its other sheets (整体看板, 短视频引流, 商品明细) belong to it.
    known.sort((a, b) => rank(a.layout) - rank(b.layout));
    const before = store.count();
    options.db.transaction(() => {
      let streamStart: number | undefined;
      for (const { sheet, layout } of known) {
        const { format } = layout;
        const account = options.account ?? format.platform;
        const scope: Scope = { platform: format.platform, account };
        const zone = options.zoneOf(account);
        const { records, problems, skipped } = readExportRows(sheet, layout, zone, options.now);
        result.problems.push(...problems);
        const sheetBefore = store.count();
        const needsStream = format.kind === 'referrals' || format.kind === 'products' || (format.kind === 'streams' && !layout.columns.has('start') && !layout.columns.has('startEnd'));
        if (needsStream && streamStart === undefined) {
          result.problems.push({ where: sheet.name, message: `${format.label} belongs to one stream, but no sheet of this file says when it started; import the whole 整场数据 workbook (its 基本信息 sheet has 直播时间)` });
          continue;
        }
        let stored = 0;
        for (const record of records) {
          const missing = missingField(format.kind, record, needsStream);
          if (missing) {
            result.problems.push({ where: sheet.name, row: record.row, message: `has no ${missing}; the row is left out` });
            continue;
          }
          if (format.kind === 'posts') store.putPost(scope, format.id, record, importedAt);
          else if (format.kind === 'streams') store.putStream(scope, (record.start as number | undefined) ?? streamStart!, record, importedAt);
          else if (format.kind === 'referrals') store.putReferral(scope, streamStart!, record, importedAt);
          else if (format.kind === 'products') store.putProduct(scope, streamStart!, record, importedAt);
          else {
            // FollowerActivity zero-fills the hours after the export: no data, not no followers.
            if (!record.active) continue;
            store.putActivity(scope, DateTime.fromMillis(record.date as number, { zone }).startOf('day').plus({ hours: record.hour as number }).toMillis(), record.active as number);
          }
          stored++;
        }
        if (format.kind === 'streams' && records.length === 1 && typeof records[0]!.start === 'number') streamStart = records[0]!.start;
        result.sheets.push({ file, sheet: sheet.sheet, format: format.id, platform: format.platform, account, rows: stored, added: store.count() - sheetBefore, skipped });
      }
      const sha = createHash('sha256').update(bytes).digest('hex');
      const mine = result.sheets.filter((s) => s.file === file);
      options.db.prepare('INSERT INTO insight_imports (file, sha256, format, platform, account, rows, added, imported_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
        .run(file, sha, [...new Set(mine.map((s) => s.format))].join(','), mine[0]?.platform ?? '', mine[0]?.account ?? '', mine.reduce((n, s) => n + s.rows, 0), store.count() - before, importedAt);
    })();
  }
  return result;
}

function rank(layout: SheetLayout): number {
  if (layout.format.kind !== 'streams') return 2;
  return layout.columns.has('start') || layout.columns.has('startEnd') ? 0 : 1;
}

function missingField(kind: string, r: ExportRecord, inStream: boolean): string | undefined {
  if (kind === 'posts' || kind === 'referrals') return typeof r.published === 'number' ? undefined : 'publish time';
  if (kind === 'streams') return inStream || typeof r.start === 'number' ? undefined : 'start time';
  if (kind === 'products') return r.productId ? undefined : 'product id';
  if (kind === 'activity') return typeof r.date === 'number' && typeof r.hour === 'number' && r.hour >= 0 && r.hour <= 23 ? undefined : 'date and hour (0–23)';
  return undefined;
}
