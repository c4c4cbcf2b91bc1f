// One screen of what needs looking at (`promo status`, the dashboard's banner): is the daemon
// publishing, what goes out next, which posts need a person, which jobs wait or failed, which
// inbox files are not complete yet, which platform accounts need connecting (again).
import type { Job } from '../queue/job-runner.ts';
import type { WaitingFileView } from '../store/waiting-file-store.ts';
import { readAccountAttention, type AccountAttention } from './read-account-attention.ts';
import type { DaemonStatus } from './read-daemon-status.ts';
import type { PostView } from './read-posts.ts';
import type { StateReader } from './state-reader.ts';

/** Failed jobs are shown for this long after they ended. */
const FAILED_JOBS_FOR_MS = 24 * 3_600_000;
const NEXT_POSTS = 10;

export interface StatusView {
  /** The clock the status is judged by (ISO). */
  now: string;
  /** The state database; `exists: false` until something is scheduled or watched. */
  state: { file: string; exists: boolean };
  daemon: DaemonStatus;
  /** Posts not sent yet (pending or sending), soonest first, at most 10; `pendingCount` counts them all. */
  nextPosts: PostView[];
  pendingCount: number;
  /** Failed, missed or unknown posts of streams that have not started: a retry or a cancel can still help. */
  needsPerson: PostView[];
  jobs: {
    /** Queued and running jobs, newest first. */
    open: Job[];
    /** Jobs that failed in the 24 hours before `now`, newest first. */
    failed: Job[];
  };
  /** Inbox files not complete yet, longest waiting first. */
  waiting: WaitingFileView[];
  /** Video-platform accounts that need a person (never a token); `unreadable`: why the credentials file could not be read. */
  accounts: { needsPerson: AccountAttention[]; unreadable?: string };
}

/** The status as of `now`. */
export async function readStatus(reader: StateReader, now: Date): Promise<StatusView> {
  const unsent = reader.posts({ states: ['pending', 'sending'] });
  const failedSince = new Date(now.getTime() - FAILED_JOBS_FOR_MS).toISOString();
  const failed = await reader.jobs({ states: ['failed'], limit: 200 });
  return {
    now: now.toISOString(),
    state: { file: reader.config.state, exists: reader.exists },
    daemon: reader.daemon(now),
    nextPosts: unsent.slice(0, NEXT_POSTS),
    pendingCount: unsent.length,
    needsPerson: reader.posts({ states: ['failed', 'missed', 'unknown'], upcoming: true, now }),
    jobs: {
      open: await reader.jobs({ states: ['queued', 'running'], limit: 1000 }),
      failed: failed.filter((job) => (job.finishedAt ?? job.createdAt) >= failedSince),
    },
    waiting: reader.waiting(),
    accounts: await readAccountAttention(reader.config, now),
  };
}
