// `promo status` as one screen of text: the daemon, the next posts, the posts that need a person,
// the platform accounts that do, open and failed jobs, and inbox files not complete yet.
import { relative } from 'node:path';
import type { StatusView } from '../read/read-status.ts';
import type { PostView } from '../read/read-posts.ts';
import { formatTable } from './format-table.ts';
import { oneLine } from './one-line.ts';

/** The status as text for a terminal; paths relative to `cwd`. */
export function formatStatus(status: StatusView, cwd: string): string {
  const show = (path: string) => relative(cwd, path) || path;
  const time = (iso: string) => `${iso.replace('T', ' ').slice(0, 19)} UTC`;
  const { daemon } = status;
  const lines: string[] = [];
  const beat = daemon.lastHeartbeat ? `; last heartbeat ${daemon.heartbeatAgeSeconds} s ago (${time(daemon.lastHeartbeat)})` : '';
  lines.push(`daemon: ${daemon.state}${beat}`, `  ${daemon.message}`, '');
  const { accounts } = status;
  if (accounts.unreadable) lines.push(`platform accounts: cannot tell: ${accounts.unreadable}`);
  else lines.push(accounts.needsPerson.length === 0 ? 'platform accounts needing a person: none' : `platform accounts needing a person (${accounts.needsPerson.length}):`);
  if (accounts.needsPerson.length > 0) {
    lines.push(indent(formatTable([['channel', 'type', 'account', 'problem', 'what to do'], ...accounts.needsPerson.map((account) => [
      // What to do is the point of the row: not cut where an error says first what the service answered.
      account.channel, account.type, account.account ?? '-', account.problem, oneLine(account.message, 500),
    ])])));
  }
  if (!status.state.exists) {
    lines.push(`no state yet (${show(status.state.file)} does not exist): nothing is scheduled or watched`);
    return `${lines.join('\n')}\n`;
  }
  lines.push(status.pendingCount === 0
    ? 'next posts: none pending'
    : `next posts (${status.nextPosts.length} of ${status.pendingCount} not sent yet):`);
  if (status.nextPosts.length > 0) lines.push(indent(postTable(status.nextPosts)));
  lines.push(status.needsPerson.length === 0
    ? 'posts needing a person: none'
    : `posts needing a person (${status.needsPerson.length}; \`promo posts retry <id>\` or \`promo posts cancel <id>\`):`);
  if (status.needsPerson.length > 0) lines.push(indent(postTable(status.needsPerson, true)));
  const { open, failed } = status.jobs;
  const queued = open.filter((job) => job.state === 'queued').length;
  lines.push(`jobs: ${queued} queued, ${open.length - queued} running, ${failed.length} failed in the last 24 h${open.length + failed.length > 0 ? ':' : ''}`);
  if (open.length + failed.length > 0) {
    lines.push(indent(formatTable([['id', 'file', 'sku', 'state', 'since', 'error'], ...[...open, ...failed].map((job) => [
      job.id, job.fileName, job.sku ?? '-', job.state, time(job.finishedAt ?? job.startedAt ?? job.createdAt), oneLine(job.error ?? '', 300),
    ])])));
  }
  lines.push(status.waiting.length === 0 ? 'inbox files waiting: none' : `inbox files waiting to become complete (${status.waiting.length}):`);
  if (status.waiting.length > 0) {
    lines.push(indent(formatTable([['file', 'inbox', 'since', 'given up at', 'why'], ...status.waiting.map((file) => [
      file.fileName, show(file.inbox), time(file.since), file.watcherAlive ? time(file.giveUpAt) : '- (its watcher is not running)', file.reason,
    ])])));
  }
  return `${lines.join('\n')}\n`;
}

function postTable(posts: readonly PostView[], withDetail = false): string {
  return formatTable([['id', 'local time', 'channel', 'state', withDetail ? 'detail' : 'text'], ...posts.map((post) => [
    String(post.id), `${post.local} ${post.zone}`, post.channel, post.state, withDetail ? oneLine(post.detail ?? '', 300) : oneLine(post.text),
  ])]);
}

function indent(text: string): string {
  return text.trimEnd().split('\n').map((line) => `  ${line}`).join('\n');
}
