// `promo render <spec>` with queue.backend: bullmq and two `promo worker` processes: the workers
// render the products and then the reel (the flow's parent, leaving out the product that failed),
// and the command writes the same manifest and exits with the same code as a local render, from
// the workers' results: the machine running `promo render` runs no ffmpeg.
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeVideo } from '../helpers/fixtures.ts';
import { makeSpecDir, PROMO_BIN, runCli, TINY_SQUARE } from '../helpers/spec-dir.ts';
import { spawnTracked } from '../helpers/spawn-tracked.ts';
import { afterThisTest } from '../helpers/test-cleanup.ts';
import { TEST_REDIS_URL, testQueuePrefix } from '../helpers/test-redis.ts';
import { waitFor } from '../helpers/wait-for.ts';

let clip: string;
beforeAll(async () => {
  clip = await makeVideo({ width: 160, height: 90, duration: 2, audio: 'stereo' });
});

const spec = {
  stream: { title: 'Distributed' },
  products: [
    { sku: 'A-1', footage: 'f/a.mp4', clips: [{ in: 0, out: 1 }] },
    { sku: 'B-2', footage: 'f/b.mp4', clips: [{ in: 0.5, out: 1.5 }] },
    { sku: 'GONE-3', footage: 'f/nope.mp4', clips: [{ in: 0, out: 1 }] },
  ],
  outputs: [TINY_SQUARE],
  intro: false,
  outro: false,
  quality: 'draft',
  reel: true,
};

interface Report {
  jobs: { name: string; status: string }[];
  artifacts: { sku: string | null; kind: string; path: string; preset: string }[];
  failures: { sku: string | null; code: string }[];
  warnings: string[];
}

const shape = (report: Report) => ({
  artifacts: report.artifacts.map((a) => `${a.sku ?? 'reel'} ${a.kind} ${a.preset} ${a.path}`).sort(),
  failures: report.failures.map((f) => `${f.sku} ${f.code}`).sort(),
  warnings: report.warnings,
});

describe.skipIf(!TEST_REDIS_URL)('promo render on BullMQ workers', () => {
  it('renders on two workers, the reel after its products, with the manifest and exit code of a local render', async () => {
    const files = { 'f/a.mp4': clip, 'f/b.mp4': clip };
    const local = await makeSpecDir(spec, { files });
    const localRun = await runCli(['render', local.spec, '--config', local.config, '--json'], { cwd: local.dir });
    expect(localRun.code, localRun.stderr).toBe(1);

    const queued = await makeSpecDir(spec, { files, config: { queue: { backend: 'bullmq', redis: TEST_REDIS_URL, prefix: testQueuePrefix(), lock: '2s' } } });
    const workers = [0, 1].map(() => {
      const child = spawnTracked(process.execPath, [PROMO_BIN, 'worker', '--config', queued.config, '--concurrency', '1'], { cwd: queued.dir, stdio: ['ignore', 'ignore', 'pipe'] });
      let log = '';
      child.stderr!.on('data', (d: Buffer) => { log += d.toString(); });
      return { child, log: () => log };
    });
    await waitFor(() => workers.every((w) => w.log().includes('taking jobs')), () => `the workers to start (${workers.map((w) => w.log()).join('\n')})`);
    const run = await runCli(['render', queued.spec, '--config', queued.config, '--json'], { cwd: queued.dir });
    expect(run.code, `${run.stderr}\n${workers.map((w) => w.log()).join('\n')}`).toBe(1);

    const report: Report = JSON.parse(run.stdout);
    expect(shape(report)).toEqual(shape(JSON.parse(localRun.stdout)));
    expect(report.warnings).toEqual(['the reel leaves out GONE-3 (failed)']);
    // The summary is the workers': what they rendered, not what a second pass found current.
    expect(Object.fromEntries(report.jobs.map((j) => [j.name, j.status]))).toEqual({ 'A-1': 'rendered', 'B-2': 'rendered', 'GONE-3': 'failed', reel: 'rendered' });
    const logs = workers.map((w) => w.log()).join('\n');
    for (const name of ['A-1', 'B-2', 'reel']) expect(logs).toContain(`render ${name}: rendered`);
    expect(logs).toMatch(/render GONE-3: failed/);
    const manifest = JSON.parse(await readFile(join(queued.out, 'manifest.json'), 'utf8'));
    expect(manifest.artifacts.length).toBe(report.artifacts.length);
    // promo jobs lists them beside inbox jobs, with a failed product's reason.
    const listed = await runCli(['jobs', '--config', queued.config, '--json'], { cwd: queued.dir });
    expect(listed.code, listed.stderr).toBe(0);
    const jobs: { sku: string; state: string; error?: string }[] = JSON.parse(listed.stdout).jobs;
    expect(jobs.map((j) => `${j.sku} ${j.state}`).sort()).toEqual(['A-1 done', 'B-2 done', 'GONE-3 failed', 'reel done']);
    expect(jobs.find((j) => j.sku === 'GONE-3')!.error).toMatch(/footage not found: f\/nope\.mp4/);
    for (const worker of workers) worker.child.kill('SIGTERM');
  });

  it('runs no ffmpeg on the CLI machine: a product that failed on a worker is reported with its place in the spec, not retried', async () => {
    // ffmpeg and ffprobe wrappers that log every run to the file named by FF_LOG, then run the real
    // ones: the workers get one log, the CLI another (same config, so the same render cache keys).
    const bin = await mkdtemp(join(tmpdir(), 'promo-ff-'));
    afterThisTest(() => rm(bin, { recursive: true, force: true }));
    for (const tool of ['ffmpeg', 'ffprobe']) {
      await writeFile(join(bin, tool), `#!/bin/sh\necho "${tool} $*" >> "$FF_LOG"\nexec /usr/bin/${tool} "$@"\n`);
      await chmod(join(bin, tool), 0o755);
    }
    const badSpec = {
      ...spec,
      products: [
        { sku: 'GOOD-1', footage: 'f/a.mp4', clips: [{ in: 0, out: 1 }] },
        { sku: 'BAD-2', footage: 'f/a.mp4', clips: [{ in: 1, out: 5 }] }, // the footage is 2 s long
      ],
    };
    const dir = await makeSpecDir(badSpec, {
      files: { 'f/a.mp4': clip },
      config: { queue: { backend: 'bullmq', redis: TEST_REDIS_URL, prefix: testQueuePrefix(), lock: '2s' }, ffmpeg: join(bin, 'ffmpeg'), ffprobe: join(bin, 'ffprobe') },
    });
    const workerLog = join(bin, 'workers.log');
    const cliLog = join(bin, 'cli.log');
    const worker = spawnTracked(process.execPath, [PROMO_BIN, 'worker', '--config', dir.config, '--concurrency', '1'], {
      cwd: dir.dir, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, FF_LOG: workerLog },
    });
    let log = '';
    worker.stderr!.on('data', (d: Buffer) => { log += d.toString(); });
    await waitFor(() => log.includes('taking jobs'), () => `the worker to start (${log})`);
    const run = await runCli(['render', dir.spec, '--config', dir.config, '--json'], { cwd: dir.dir, env: { FF_LOG: cliLog } });
    expect(run.code, `${run.stderr}\n${log}`).toBe(1);

    const report: Omit<Report, 'jobs'> & { jobs: { name: string; status: string; error?: { code: string; message: string } }[] } = JSON.parse(run.stdout);
    expect(Object.fromEntries(report.jobs.map((j) => [j.name, j.status]))).toEqual({ 'GOOD-1': 'rendered', 'BAD-2': 'failed', reel: 'rendered' });
    const failure = report.jobs.find((j) => j.name === 'BAD-2')!.error!;
    expect(failure.message).toMatch(/^spec\.yaml:\d+:\d+ clips\[0\]\.out: .* is past the end of/);
    const manifest = JSON.parse(await readFile(join(dir.out, 'manifest.json'), 'utf8'));
    expect(manifest.failures).toEqual([expect.objectContaining({ sku: 'BAD-2', location: expect.stringMatching(/^spec\.yaml:\d+:\d+$/), message: expect.stringMatching(/past the end/) })]);
    expect(manifest.warnings).toEqual(['the reel leaves out BAD-2 (failed)']);
    expect(report.warnings).toEqual(manifest.warnings);
    expect(log).toContain('render reel of ' + dir.spec + ' leaving out BAD-2 (failed on the workers)');
    expect(manifest.artifacts.map((a: { sku: string | null; kind: string }) => `${a.sku ?? 'reel'} ${a.kind}`).sort()).toEqual(['GOOD-1 cover', 'GOOD-1 video', 'reel cover', 'reel reel']);
    // The wrappers were used (the worker's log has its encodes), and the CLI ran neither tool.
    expect(await readFile(workerLog, 'utf8')).toMatch(/^ffmpeg .*\.mp4/m);
    await expect(readFile(cliLog, 'utf8')).rejects.toThrow(/ENOENT/);
    worker.kill('SIGTERM');
  });
});
