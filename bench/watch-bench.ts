// Benchmarks of the watched folder: latency from a file becoming stable to its job starting, and
// throughput of a 200-file burst against `promo render` of the same files.
import { spawn } from 'node:child_process';
import { copyFile, mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { stringify } from 'yaml';
import { FFMPEG, median, timeCommand } from './bench-tools.ts';

const COUNT = 200;
const sku = (i: number) => `P${String(i + 1).padStart(3, '0')}`;

interface Project {
  dir: string;
  config: string;
  spec: string;
  inbox: string;
}

async function makeProject(root: string, name: string, settle: string, products: number, footage: (i: number) => string | undefined): Promise<Project> {
  const dir = join(root, name);
  await rm(dir, { recursive: true, force: true });
  await mkdir(join(dir, 'specs'), { recursive: true });
  const spec = join(dir, 'specs', 'spec.yaml');
  await writeFile(spec, stringify({
    stream: { title: 'bench' },
    products: Array.from({ length: products }, (_, i) => ({ sku: sku(i), ...(footage(i) ? { footage: footage(i) } : {}), clips: [{ in: 0, out: 0.8 }] })),
    outputs: [{ name: 'small', width: 360, height: 640 }],
    intro: false,
    outro: false,
    quality: 'draft',
  }));
  const config = join(dir, 'config.yaml');
  await writeFile(config, stringify({ out: 'out', state: '.promo/state.db', render: { concurrency: 1 }, watch: [{ inbox: 'inbox', spec: 'specs/spec.yaml', settle }] }));
  return { dir, config, spec, inbox: join(dir, 'inbox') };
}

async function makeClips(root: string): Promise<string[]> {
  const dir = join(root, 'burst-clips');
  if (existsSync(join(dir, `${sku(COUNT - 1)}.mp4`))) return Array.from({ length: COUNT }, (_, i) => join(dir, `${sku(i)}.mp4`));
  await mkdir(dir, { recursive: true });
  const base = join(dir, 'base.mp4');
  const made = await timeCommand(FFMPEG, ['-hide_banner', '-loglevel', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc2=size=640x360:rate=30:duration=1',
    '-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=48000:duration=1', '-c:v', 'libx264', '-preset', 'veryfast', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-shortest', base]);
  if (made.code !== 0) throw new Error(made.stderr);
  const { readFile } = await import('node:fs/promises');
  const bytes = await readFile(base);
  const paths: string[] = [];
  for (let i = 0; i < COUNT; i++) {
    // A distinct top-level `free` box per copy: same picture, different content hash.
    const free = Buffer.alloc(16);
    free.writeUInt32BE(16, 0);
    free.write('free', 4, 'latin1');
    free.writeBigUInt64BE(BigInt(i), 8);
    const path = join(dir, `${sku(i)}.mp4`);
    await writeFile(path, Buffer.concat([bytes, free]));
    paths.push(path);
  }
  return paths;
}

function startWatch(promo: string, project: Project) {
  const child = spawn(process.execPath, [promo, 'watch', '--config', project.config], { cwd: project.dir, stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  child.stderr.on('data', (d: Buffer) => { log += d.toString(); });
  const exited = new Promise<void>((resolve) => child.on('close', () => resolve()));
  return { child, log: () => log, exited };
}

async function waitFor(check: () => Promise<boolean> | boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('benchmark timed out');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** 6. Seconds from a file becoming stable (dropped complete) to its job starting, beyond settle. */
export async function benchLatency(promo: string, root: string, runs: number): Promise<string> {
  const clips = await makeClips(root);
  const settle = 1;
  const project = await makeProject(root, 'latency', `${settle}s`, runs, () => undefined);
  const watch = startWatch(promo, project);
  await waitFor(() => watch.log().includes('watching'), 30_000);
  const delays: number[] = [];
  for (let i = 0; i < runs; i++) {
    const staged = join(project.dir, `staged-${i}.mp4`);
    await copyFile(clips[i]!, staged);
    const dropped = Date.now();
    await rename(staged, join(project.inbox, `${sku(i)}.mp4`));
    await waitFor(() => existsSync(join(project.inbox, 'done', `${sku(i)}.mp4`)), 60_000);
    const db = new Database(join(project.dir, '.promo', 'state.db'), { readonly: true });
    const row = db.prepare('SELECT started_at FROM jobs WHERE file_name = ?').get(`${sku(i)}.mp4`) as { started_at: string };
    db.close();
    delays.push((Date.parse(row.started_at) - dropped) / 1000 - settle);
  }
  watch.child.kill('SIGTERM');
  await watch.exited;
  return [
    `6. from a file becoming stable to its job starting, beyond settle (${settle} s)`,
    `  median ${median(delays).toFixed(3)} s   (runs: ${delays.map((d) => d.toFixed(3)).join(' ')})`,
    '  target < 1 s',
  ].join('\n');
}

/** 7. A burst of 200 one-second files: promo watch against promo render of the same files. */
export async function benchBurst(promo: string, root: string, runs: number): Promise<string> {
  const clips = await makeClips(root);
  const watchTimes: number[] = [];
  const renderTimes: number[] = [];
  for (let r = 0; r < runs; r++) {
    // promo watch: all files appear at once; done when every original is in done/.
    const project = await makeProject(root, 'burst-watch', '500ms', COUNT, () => undefined);
    const watch = startWatch(promo, project);
    await waitFor(() => watch.log().includes('watching'), 30_000);
    const staging = join(project.dir, 'staging');
    await mkdir(staging);
    await Promise.all(clips.map((clip, i) => copyFile(clip, join(staging, `${sku(i)}.mp4`))));
    const started = Date.now();
    await Promise.all(clips.map((_, i) => rename(join(staging, `${sku(i)}.mp4`), join(project.inbox, `${sku(i)}.mp4`))));
    await waitFor(async () => (await readdir(join(project.inbox, 'done')).catch(() => [])).length === COUNT, 1_800_000);
    watchTimes.push((Date.now() - started) / 1000);
    watch.child.kill('SIGTERM');
    await watch.exited;

    // promo render: one spec naming the same 200 files.
    const batch = await makeProject(root, 'burst-render', '500ms', COUNT, (i) => clips[i]);
    const timed = await timeCommand(process.execPath, [promo, 'render', batch.spec, '--config', batch.config], { cwd: batch.dir });
    if (timed.code !== 0) throw new Error(timed.stderr);
    renderTimes.push(timed.seconds);
  }
  const w = median(watchTimes);
  const b = median(renderTimes);
  return [
    `7. ${COUNT} one-second files at once (360×640, draft): throughput`,
    `  promo watch                  median ${w.toFixed(1)} s = ${(COUNT / w).toFixed(2)} files/s   (runs: ${watchTimes.map((x) => x.toFixed(1)).join(' ')})`,
    `  promo render (same files)    median ${b.toFixed(1)} s = ${(COUNT / b).toFixed(2)} files/s   (runs: ${renderTimes.map((x) => x.toFixed(1)).join(' ')})`,
    `  ratio ${(b / w).toFixed(3)} (watch throughput / render throughput)   target ≥ 0.9`,
  ].join('\n');
}
