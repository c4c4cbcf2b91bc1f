// Watches one inbox: notices files (file system events plus a periodic rescan), waits until each
// has been unchanged for `settle` and is structurally complete, matches it to a product, moves it
// into the work folder and hands it to the job runner (the only thing it asks about jobs). What
// cannot be used goes to failed/ with a note saying why and what to do. Nothing is ever deleted.
// A file settled but not complete yet is recorded as waiting (WaitingFileStore), for `promo jobs`.
import { randomBytes } from 'node:crypto';
import { lstat, readdir, realpath, rename, stat } from 'node:fs/promises';
import { extname, join, relative, sep } from 'node:path';
import { STILL_EXTENSIONS } from '../render/resolve-product-media.ts';
import chokidar, { type FSWatcher } from 'chokidar';
import type { WatchConfig } from '../config/config-types.ts';
import type { JobRunner } from '../queue/job-runner.ts';
import type { InboxFileStore } from '../store/inbox-file-store.ts';
import type { WaitingFileStore } from '../store/waiting-file-store.ts';
import { processOwner } from '../util/process-owner.ts';
import { checkFileComplete } from './check-file-complete.ts';
import { freeName, moveNoClobber, type InboxFolders } from './inbox-folders.ts';
import { isIgnoredName } from './is-ignored-name.ts';
import { matchSku } from './match-sku.ts';
import { moveJobFile } from './move-job-file.ts';
import type { SpecHolder } from './spec-holder.ts';
import { writeErrorNote } from './write-error-note.ts';

export interface InboxWatcherOptions {
  watch: WatchConfig;
  folders: InboxFolders;
  spec: SpecHolder;
  runner: JobRunner;
  /** Where taken files are recorded (the watcher's bookkeeping, apart from the runner). */
  files: InboxFileStore;
  /** Where files waiting to become complete are recorded. */
  waiting: WaitingFileStore;
  hashFile: (file: string) => Promise<string>;
  /** Probe used to check formats whose structure promo cannot check itself (see checkFileComplete). */
  probe: (file: string) => Promise<unknown>;
  log: (line: string) => void;
}

interface Candidate {
  size: number;
  mtimeMs: number;
  /** When size or mtime last changed (ms). */
  changedAt: number;
  firstSeen: number;
  busy: boolean;
  /** The last "waiting" reason logged, so it is logged once. */
  waitingFor?: string;
}

const VIDEO_EXTENSIONS = new Set(['.mp4', '.mov', '.m4v', '.3gp', '.mkv', '.webm', '.avi', '.mts', '.m2ts', '.ts', '.flv', '.wmv', '.mpg', '.mpeg']);
const FOOTAGE_EXTENSIONS = new Set([...VIDEO_EXTENSIONS, ...STILL_EXTENSIONS]);
const TICK_MS = 200;
const RESCAN_MS = 5000;

export class InboxWatcher {
  private readonly candidates = new Map<string, Candidate>();
  private watcher?: FSWatcher;
  private tickTimer?: NodeJS.Timeout;
  private rescanTimer?: NodeJS.Timeout;
  private stopped = false;
  private readonly inFlight = new Set<Promise<void>>();

  constructor(private readonly options: InboxWatcherOptions) {}

  /** Starts watching; files already in the inbox are picked up too. */
  async start(): Promise<void> {
    const { inbox } = this.options.folders;
    this.watcher = chokidar.watch(inbox, {
      depth: 0,
      ignoreInitial: true,
      usePolling: this.options.watch.poll,
      interval: 500,
      ignored: (path) => path !== inbox && (isIgnoredName(path.slice(path.lastIndexOf(sep) + 1)) || this.isOwnFolder(path)),
    });
    this.watcher.on('add', (path) => this.notice(path));
    this.watcher.on('change', (path) => this.notice(path));
    this.watcher.on('unlink', (path) => this.forget(relative(inbox, path)));
    this.watcher.on('error', (error) => this.options.log(`watching ${inbox}: ${(error as Error).message}`));
    await new Promise<void>((resolve) => this.watcher!.once('ready', () => resolve()));
    this.options.waiting.clearInbox(inbox); // left by an earlier watcher of this inbox
    await this.rescan();
    this.tickTimer = setInterval(() => this.tick(), Math.min(TICK_MS, this.options.watch.settle * 250));
    this.rescanTimer = setInterval(() => void this.rescan(), RESCAN_MS);
  }

  /** Stops taking files; a file being moved into the work folder finishes moving. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.tickTimer);
    clearInterval(this.rescanTimer);
    await this.watcher?.close();
    await Promise.all(this.inFlight);
    this.options.waiting.clearInbox(this.options.folders.inbox); // nothing waits for them now
  }

  /** Whether files are still waiting to settle or being taken. */
  get busy(): boolean {
    return this.candidates.size > 0 || this.inFlight.size > 0;
  }

  private isOwnFolder(path: string): boolean {
    const { work, done, failed } = this.options.folders;
    return [work, done, failed].some((dir) => path === dir || path.startsWith(`${dir}${sep}`));
  }

  /** Drops a candidate that left the inbox (taken, refused or removed), and its waiting record. */
  private forget(name: string): void {
    const candidate = this.candidates.get(name);
    this.candidates.delete(name);
    if (candidate?.waitingFor !== undefined) this.options.waiting.clear(this.options.folders.inbox, name);
  }

  private notice(path: string): void {
    const name = relative(this.options.folders.inbox, path);
    if (name.includes(sep) || isIgnoredName(name) || this.candidates.has(name)) return;
    const now = Date.now();
    this.candidates.set(name, { size: -1, mtimeMs: -1, changedAt: now, firstSeen: now, busy: false });
  }

  /** Finds files events may have missed (and every file at start-up). */
  private async rescan(): Promise<void> {
    if (this.stopped) return;
    const entries = await readdir(this.options.folders.inbox, { withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      if (entry.isDirectory()) continue;
      this.notice(join(this.options.folders.inbox, entry.name));
    }
  }

  private tick(): void {
    if (this.stopped) return;
    const now = Date.now();
    for (const [name, candidate] of this.candidates) {
      if (candidate.busy) continue;
      candidate.busy = true;
      const work = this.step(name, candidate, now).catch((error: unknown) => {
        this.options.log(`${name}: ${(error as Error).message}`);
      }).finally(() => {
        candidate.busy = false;
        this.inFlight.delete(work);
      });
      this.inFlight.add(work);
    }
  }

  private async step(name: string, candidate: Candidate, now: number): Promise<void> {
    const path = join(this.options.folders.inbox, name);
    const info = await lstat(path).catch(() => undefined);
    if (!info) {
      this.forget(name);
      return;
    }
    if (info.size !== candidate.size || info.mtimeMs !== candidate.mtimeMs) {
      candidate.size = info.size;
      candidate.mtimeMs = info.mtimeMs;
      candidate.changedAt = now;
      return;
    }
    if (now - candidate.changedAt < this.options.watch.settle * 1000 || this.stopped) return;
    await this.take(name, path, candidate, now);
  }

  private async take(name: string, path: string, candidate: Candidate, now: number): Promise<void> {
    const { folders, log } = this.options;
    const info = await lstat(path);
    if (info.isSymbolicLink()) {
      const target = await realpath(path).catch(() => undefined);
      const inside = target !== undefined && target.startsWith(`${await realpath(folders.inbox)}${sep}`);
      return this.reject(name, path, inside
        ? `is a link to another file in the inbox (${relative(folders.inbox, target!)}); drop the file itself, not a link`
        : `is a link to ${target ?? 'a missing file'}, outside the inbox; promo only takes files that are in the inbox — copy the footage in instead of linking it`);
    }
    if (!info.isFile()) return this.reject(name, path, 'is not a regular file; drop video or image files only');
    if (!FOOTAGE_EXTENSIONS.has(extname(name).toLowerCase())) {
      return this.reject(name, path, `is not footage: promo takes videos (${[...VIDEO_EXTENSIONS].join(' ')}) and images (jpg png webp); captions and other files belong next to the spec`);
    }
    const spec = await this.options.spec.current();
    const sku = matchSku(name, spec.products.map((p) => p.sku));
    if (!sku) {
      const skus = spec.products.map((p) => p.sku);
      return this.reject(name, path, `matches no product of ${relative(process.cwd(), spec.file)}: a file's name must start with a SKU (${skus.slice(0, 8).join(', ')}${skus.length > 8 ? ', …' : ''}), e.g. ${skus[0] ?? 'TEA-001'}.mp4 or ${skus[0] ?? 'TEA-001'}_take2.mp4`);
    }

    const complete = await checkFileComplete(path, this.options.probe);
    if (!complete.complete) {
      if (complete.broken) return this.reject(name, path, `cannot be used: ${complete.reason}; export the footage again as MP4 (H.264) and drop that`);
      // An empty file that stays empty for a few settle periods is not a copy about to start.
      const patience = info.size === 0 ? 3 * this.options.watch.settle : this.options.watch.giveUp;
      if (now - candidate.firstSeen > patience * 1000) {
        return this.reject(name, path, `was still incomplete after ${Math.round(patience)} s: ${complete.reason}; copy it again`);
      }
      if (candidate.waitingFor !== complete.reason) {
        log(`${name}: waiting, not complete yet (${complete.reason})`);
        this.options.waiting.set({
          inbox: folders.inbox,
          fileName: name,
          size: info.size,
          reason: complete.reason,
          since: new Date(candidate.firstSeen).toISOString(),
          giveUpAt: new Date(candidate.firstSeen + patience * 1000).toISOString(),
          owner: processOwner(),
        });
      }
      candidate.waitingFor = complete.reason;
      candidate.changedAt = now; // look again after another settle period
      return;
    }

    // Claim: one rename into the work folder. If anything else took the file first, it is gone.
    const workPath = join(folders.work, `${randomBytes(6).toString('hex')}-${name}`);
    try {
      await rename(path, workPath);
    } catch {
      this.forget(name);
      return;
    }
    this.forget(name);
    const claimed = await stat(workPath);
    const sha256 = await this.options.hashFile(workPath);
    const { runner, files } = this.options;
    const submitted = await runner.submit({ inbox: folders.inbox, spec: spec.file, fileName: name, contentSha256: sha256, size: claimed.size, mtimeMs: claimed.mtimeMs, sku, footage: workPath });
    // Recorded after the runner has it: a crash in between leaves an open job whose footage
    // recovery knows, or a duplicate's file that recovery gives back to the inbox (taken again).
    files.add({ jobId: submitted.job.id, inbox: folders.inbox, fileName: name, workPath });
    if (submitted.duplicate) {
      await moveJobFile(submitted.job, files, log);
      return;
    }
    log(`${name}: job #${submitted.job.id} for ${sku} queued`);
  }

  /** Moves a file that cannot be used to failed/, with a note beside it. */
  private async reject(name: string, path: string, reason: string): Promise<void> {
    const { folders, log } = this.options;
    const final = await freeName(folders.failed, name, { note: true });
    const message = `${name} ${reason}`;
    await writeErrorNote(final, name, message);
    await moveNoClobber(path, final);
    this.forget(name);
    const info = await lstat(final);
    await this.options.runner.refuse({ inbox: folders.inbox, fileName: name, size: info.size, mtimeMs: info.mtimeMs, error: message });
    log(`${name}: ${reason} → ${relative(folders.inbox, final)}`);
  }
}
