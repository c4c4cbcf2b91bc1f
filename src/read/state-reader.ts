// The read model the CLI (`promo posts`, `promo jobs`, `promo status`) and the dashboard share:
// posts, jobs, inboxes, artifacts and the daemon's heartbeat as plain JSON-able data. Opening it
// never creates, migrates or writes the state database (see openStateDbReadonly); jobs are read
// through the job runner's `list()`, never from the jobs table, so another backend shows the same.
// A reader of a database no process has open reads a copy (a snapshot); one beside a running
// daemon or watcher sees each change as it is committed. Open a new reader to see the present.
import type { PromoConfig } from '../config/config-types.ts';
import type { Job, JobRunner, ListJobsOptions } from '../queue/job-runner.ts';
import { openStateDbReadonly } from '../store/open-state-db-readonly.ts';
import type { StateDb } from '../store/open-state-db.ts';
import { PostStore } from '../schedule/post-store.ts';
import { WaitingFileStore, type WaitingFileView } from '../store/waiting-file-store.ts';
import { findArtifactFolders } from './find-artifact-folders.ts';
import { openJobLister } from './open-job-lister.ts';
import { readArtifacts, type ArtifactFolderView } from './read-artifacts.ts';
import { readDaemonStatus, type DaemonStatus } from './read-daemon-status.ts';
import { readInboxes, type InboxView } from './read-inboxes.ts';
import { readInsights, type InsightsView } from './read-insights.ts';
import { readInsightsMark } from './read-insights-mark.ts';
import { readPosts, type PostView, type ReadPostsFilter } from './read-posts.ts';
import { readStatus, type StatusView } from './read-status.ts';
import { readStreams, type StreamView } from './read-streams.ts';

/** The read side of a job runner. */
export type JobLister = Pick<JobRunner, 'list' | 'close'>;

/** Opens the job runner's read side over the read-only database (undefined: no state yet). */
export type OpenJobLister = (config: PromoConfig, db: StateDb | undefined) => JobLister | undefined;

export class StateReader {
  // Opened at the first jobs() call: reading posts must not depend on the job runner's backend.
  private jobLister?: JobLister;

  private constructor(
    readonly config: PromoConfig,
    private readonly db: StateDb | undefined,
    private readonly openJobs: OpenJobLister,
  ) {}

  /** Opens the state of `config` to read; with no state database yet every list is empty. */
  static open(config: PromoConfig, openJobs: OpenJobLister = openJobLister): StateReader {
    return new StateReader(config, openStateDbReadonly(config.state), openJobs);
  }

  /** Whether a state database exists (false: nothing was scheduled or watched yet). */
  get exists(): boolean {
    return this.db !== undefined;
  }

  /** Stored posts, by due time. */
  posts(filter: ReadPostsFilter = {}): PostView[] {
    return readPosts(this.db, filter);
  }

  /** Jobs, newest first, as the job runner lists them. */
  async jobs(options: ListJobsOptions = {}): Promise<Job[]> {
    this.jobLister ??= this.openJobs(this.config, this.db);
    return this.jobLister ? this.jobLister.list(options) : [];
  }

  /** Streams with posts that have not started by `now`, soonest first. */
  streams(now = new Date()): StreamView[] {
    return readStreams(this.db, now);
  }

  /** The watched inboxes: files waiting to become complete, files in the work folder. */
  inboxes(): InboxView[] {
    return readInboxes(this.config, this.db);
  }

  /** Every inbox file not complete yet, longest waiting first. */
  waiting(): WaitingFileView[] {
    return this.db ? new WaitingFileStore(this.db).list() : [];
  }

  /** Whether a daemon publishes, with its last heartbeat, as of `now`. */
  daemon(now = new Date()): DaemonStatus {
    return readDaemonStatus(this.db, now);
  }

  /**
   * The artifacts of the configured `out`, of `folders`, and of every output folder a stored
   * post's video or a job's output is in (while its manifest is there).
   */
  async artifacts(options: { folders?: readonly string[] } = {}): Promise<ArtifactFolderView[]> {
    const videos = this.db ? new PostStore(this.db).videos() : [];
    const outputs = (await this.jobs({ states: ['done'], limit: 1000 })).flatMap((job) => job.outputs);
    return readArtifacts(findArtifactFolders({ out: this.config.out, extra: options.folders, files: [...videos, ...outputs] }));
  }

  /** What the imported platform exports answer (`promo insights`). */
  insights(): InsightsView {
    return readInsights(this.config, this.db);
  }

  /** Changes whenever an import is recorded (cheap: the Insights page's SSE feed asks it each pass). */
  insightsMark(): string {
    return readInsightsMark(this.db);
  }

  /** One screen of what needs looking at, as of `now` (see StatusView). */
  status(now = new Date()): Promise<StatusView> {
    return readStatus(this, now);
  }

  /** Releases the database and the runner. */
  async close(): Promise<void> {
    try {
      await this.jobLister?.close();
    } finally {
      this.db?.close();
    }
  }
}
