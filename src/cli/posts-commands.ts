// `promo posts plan|retry|cancel`, `promo posts` (list) and `promo schedule`.
import { existsSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import type { PromoConfig } from '../config/config-types.ts';
import type { PromoSpec } from '../promo-spec/spec-types.ts';
import { renderWithKeptCache } from '../render/kept-cache/render-with-kept-cache.ts';
import { renderBatch } from '../render/render-batch.ts';
import { planPosts, type PlannedPost, type PostPlan } from '../schedule/plan-posts.ts';
import { configTextLimits } from '../schedule/config-text-limits.ts';
import { localTime } from '../schedule/local-time.ts';
import { checkPostMedia } from '../schedule/check-post-media.ts';
import { probeMedia } from '../media/probe-media.ts';
import { resolveEngine } from '../engine/resolve-engine.ts';
import { openStateDb } from '../store/open-state-db.ts';
import { openStateDbReadonly } from '../store/open-state-db-readonly.ts';
import { bestTimesLookup } from '../insights/best-times-lookup.ts';
import { StateReader } from '../read/state-reader.ts';
import { PostStore } from '../schedule/post-store.ts';
import type { PostRecord, PostState } from '../schedule/post-record.ts';
import { PromoError } from '../util/promo-error.ts';
import { retryPost } from '../schedule/retry-post.ts';
import { cancelPosts } from '../schedule/cancel-posts.ts';
import { markPosted } from '../schedule/mark-posted.ts';
import { CredentialsFile } from '../accounts/credentials-file.ts';
import { ExitError, type CliIo } from './cli-io.ts';
import { loadCliConfig, loadCliSpec } from './cli-load.ts';
import { EXIT } from './exit-codes.ts';
import { formatTable } from './format-table.ts';
import { oneLine } from './one-line.ts';
import { parseNow } from './parse-now.ts';

/** Plans a spec's posts or prints every problem and exits 2. */
function planOrExit(io: CliIo, spec: PromoSpec, config: PromoConfig, now: Date): PostPlan {
  // `at: best` reads the imported insights (only when a post asks, and only reading).
  const db = spec.posts.some((p) => p.best) ? openStateDbReadonly(config.state) : undefined;
  let plan: PostPlan;
  try {
    plan = planPosts(spec, config, {
      now,
      textLimit: configTextLimits(config),
      bestTimes: bestTimesLookup(db, config),
    });
  } finally {
    db?.close();
  }
  for (const warning of plan.warnings) io.stderr.write(`warning: ${warning}\n`);
  if (plan.issues.length > 0) {
    for (const issue of plan.issues) io.stderr.write(`${issue.describe(process.cwd())}\n`);
    io.stderr.write(`${relative(process.cwd(), spec.file)}: ${plan.issues.length} problem${plan.issues.length === 1 ? '' : 's'} with its posts; nothing was scheduled\n`);
    throw new ExitError(EXIT.invalid);
  }
  return plan;
}

/** Checks the posts' videos (those that exist) against their platforms' limits, or prints every problem and exits 2. */
async function checkMediaOrExit(io: CliIo, spec: PromoSpec, config: PromoConfig, posts: readonly PlannedPost[]): Promise<void> {
  let engine: Promise<{ ffprobe: string }> | undefined;
  const issues = await checkPostMedia(posts, {
    spec, config,
    duration: async (file) => (await probeMedia(file, { ffprobe: (await (engine ??= resolveEngine(config.engine))).ffprobe, kind: 'video' })).duration,
  });
  if (issues.length === 0) return;
  for (const issue of issues) io.stderr.write(`${issue.describe(process.cwd())}\n`);
  io.stderr.write(`${relative(process.cwd(), spec.file)}: ${issues.length} problem${issues.length === 1 ? '' : 's'} with the posts' videos; nothing was scheduled\n`);
  throw new ExitError(EXIT.invalid);
}

/** `promo posts plan <spec>`: what would be scheduled; writes nothing. */
export async function postsPlanCommand(io: CliIo, specFile: string, options: { config?: string; json?: boolean; now?: string }): Promise<number> {
  const config = await loadCliConfig(options.config);
  const spec = await loadCliSpec(io, specFile, config);
  const plan = planOrExit(io, spec, config, parseNow(options.now));
  await checkMediaOrExit(io, spec, config, plan.posts);
  if (options.json) {
    io.stdout.write(`${JSON.stringify(plan.posts.map((p) => ({ ...p, due: p.due.toISOString(), occurrence: p.occurrence.toISOString() })), null, 2)}\n`);
    return EXIT.ok;
  }
  io.stdout.write(formatTable([['local time', 'UTC', 'channel', 'video', 'text'], ...plan.posts.map((p) => [
    `${p.local} ${p.zone}`, p.due.toISOString().replace('.000Z', 'Z'), p.channel, p.subject ?? '-',
    // A platform post's title and tags, before its text (description), so all of it can be checked.
    oneLine(`${p.title ? `«${p.title}» ` : ''}${p.text}${p.tags?.length ? ` [${p.tags.join(', ')}]` : ''}`),
  ])]));
  for (const p of plan.posts) if (p.why) io.stdout.write(`posts[${p.postIndex}] at: best → ${p.local} on ${p.channel}: ${p.why}\n`);
  io.stdout.write(`${plan.posts.length} post${plan.posts.length === 1 ? '' : 's'} (nothing scheduled; \`promo schedule ${relative(process.cwd(), spec.file)}\` stores them)\n`);
  return EXIT.ok;
}

/** `promo schedule <spec>`: stores the posts, rendering any video they need first. */
export async function scheduleCommand(io: CliIo, specFile: string, options: { config?: string; now?: string }): Promise<number> {
  const config = await loadCliConfig(options.config);
  const spec = await loadCliSpec(io, specFile, config);
  const plan = planOrExit(io, spec, config, parseNow(options.now));
  let posts = plan.posts;
  let exit: number = EXIT.ok;
  const missing = posts.filter((p) => p.video && !existsSync(p.video));
  if (missing.length > 0) {
    const subjects = [...new Set(missing.map((p) => p.subject!))];
    const presets = [...new Set(missing.map((p) => p.preset!))];
    io.stderr.write(`rendering what the posts need: ${subjects.join(', ')} (${presets.join(', ')})\n`);
    // Under the kept cache's mark, as promo render: a prune beside it leaves its kept files alone.
    const result = await renderWithKeptCache({ outDir: config.out, limits: config.cache }, () => renderBatch({
      spec: { ...spec, reel: spec.reel || subjects.includes('reel') },
      config,
      outDir: config.out,
      only: subjects,
      presets: presets.filter((name) => spec.outputs.some((o) => o.name === name)),
    }));
    for (const job of result.jobs.filter((j) => j.status === 'failed')) {
      io.stderr.write(`✘ ${job.name}: ${job.error?.describe(process.cwd()) ?? 'failed'}\n`);
    }
    const unusable = posts.filter((p) => p.video && !existsSync(p.video));
    for (const post of unusable) io.stderr.write(`post for ${post.channel} at ${post.local} not scheduled: its video ${relative(process.cwd(), post.video!)} could not be made\n`);
    if (unusable.length > 0) exit = EXIT.someFailed;
    posts = posts.filter((p) => !unusable.includes(p));
  }
  await checkMediaOrExit(io, spec, config, posts);
  const db = openStateDb(config.state);
  try {
    const store = new PostStore(db);
    const changes = store.schedule(spec.file, posts);
    // A recurring stream: the daemon keeps scheduling its next occurrences as they come within the horizon.
    store.setRecurring(spec.file, Boolean(spec.stream.repeat));
    io.stdout.write(`${relative(process.cwd(), spec.file)}: ${posts.length} post${posts.length === 1 ? '' : 's'} scheduled (${changes.added} new, ${changes.updated} updated, ${changes.unchanged} unchanged, ${changes.settled} already sent or settled), ${changes.cancelled} cancelled\n`);
    io.stdout.write(listTable(store.find({ spec: spec.file })));
  } finally {
    db.close();
  }
  return exit;
}

/** `promo posts`: the stored posts (of one spec, in some states, of streams not started yet); reads only. */
export async function postsListCommand(io: CliIo, options: { config?: string; json?: boolean; spec?: string; state?: string[]; upcoming?: boolean; now?: string }): Promise<number> {
  const config = await loadCliConfig(options.config);
  const filter = {
    spec: options.spec === undefined ? undefined : resolve(options.spec),
    states: options.state === undefined ? undefined : postStates(options.state),
    upcoming: options.upcoming,
    now: parseNow(options.now),
  };
  const reader = StateReader.open(config);
  try {
    const posts = reader.posts(filter);
    if (options.json) io.stdout.write(`${JSON.stringify(posts, null, 2)}\n`);
    else if (!reader.exists) io.stdout.write('no posts scheduled yet (`promo schedule <spec>`)\n');
    else {
      io.stdout.write(listTable(posts));
      for (const line of await accountProblems(config, new Set(posts.map((p) => p.channel)))) io.stdout.write(`${line}\n`);
    }
    return EXIT.ok;
  } finally {
    await reader.close();
  }
}

const POST_STATES: readonly PostState[] = ['pending', 'sending', 'sent', 'failed', 'missed', 'unknown', 'cancelled'];

function postStates(names: string[]): PostState[] {
  for (const name of names) {
    if (!POST_STATES.includes(name as PostState)) throw new PromoError('USAGE', `--state ${name}: expected ${POST_STATES.join(', ')}`);
  }
  return names as PostState[];
}

/** `promo posts retry <id>`. */
export async function postsRetryCommand(io: CliIo, id: string, options: { config?: string; now?: string }): Promise<number> {
  const config = await loadCliConfig(options.config);
  const db = openStateDb(config.state);
  try {
    const { post, until } = retryPost(new PostStore(db), postId(id), { now: parseNow(options.now), graceSeconds: config.posts.grace });
    io.stdout.write(`post #${id} → ${post.channel}: pending again; the daemon sends it at its next tick (until ${localTime(until, post.zone)} ${post.zone})\n`);
    return EXIT.ok;
  } finally {
    db.close();
  }
}

/** `promo posts cancel <id|spec>`. */
export async function postsCancelCommand(io: CliIo, target: string, options: { config?: string }): Promise<number> {
  const config = await loadCliConfig(options.config);
  const db = openStateDb(config.state);
  try {
    const store = new PostStore(db);
    // Cancelling a spec also stops the daemon scheduling its recurring stream ahead.
    const count = await cancelPosts(store, config, /^\d+$/.test(target) ? { id: postId(target) } : { spec: resolve(target) });
    io.stdout.write(`${count} post${count === 1 ? '' : 's'} cancelled\n`);
    return EXIT.ok;
  } finally {
    db.close();
  }
}

/** `promo posts mark-posted <id> [--url]`: an unknown post (it is there) or an outbox post (posted by hand) is posted. */
export async function postsMarkPostedCommand(io: CliIo, id: string, options: { config?: string; url?: string; now?: string }): Promise<number> {
  const config = await loadCliConfig(options.config);
  const db = openStateDb(config.state);
  try {
    const post = markPosted(new PostStore(db), config, postId(id), { now: parseNow(options.now), url: options.url });
    io.stdout.write(`post #${id} → ${post.channel}: marked as posted${post.remoteUrl ? ` (${post.remoteUrl})` : ''}\n`);
    return EXIT.ok;
  } finally {
    db.close();
  }
}

function postId(text: string): number {
  const id = Number(text);
  if (!Number.isInteger(id) || id < 1) throw new PromoError('USAGE', `${text} is not a post id`, { hint: 'see `promo posts` for ids' });
  return id;
}

function listTable(posts: readonly Pick<PostRecord, 'id' | 'local' | 'zone' | 'channel' | 'state' | 'subject' | 'detail' | 'text' | 'remoteUrl' | 'remoteId'>[]): string {
  return formatTable([['id', 'local time', 'channel', 'state', 'video', 'detail / text'], ...posts.map((p) => [
    String(p.id), `${p.local} ${p.zone}`, p.channel, p.state, p.subject ?? '-',
    // A video platform's post: where it can be watched first (the detail may be cut to fit).
    `${p.remoteUrl ?? (p.remoteId ? `id ${p.remoteId}` : '')}${p.remoteUrl || p.remoteId ? ' ' : ''}${oneLine(p.detail ?? p.text)}`,
  ])]);
}

/** Lines about the accounts of `channels` that must be connected again (from the credentials file; reads only). */
async function accountProblems(config: PromoConfig, channels: ReadonlySet<string>): Promise<string[]> {
  try {
    const accounts = await CredentialsFile.forState(config.state).read();
    return Object.entries(accounts).filter(([name, entry]) => channels.has(name) && entry.needsReconnect)
      .map(([name, entry]) => `${name}: the account needs reconnecting: ${entry.needsReconnect}; run \`promo accounts connect ${name}\``);
  } catch (error) {
    return [`warning: ${(error as Error).message} (account problems not shown)`];
  }
}
