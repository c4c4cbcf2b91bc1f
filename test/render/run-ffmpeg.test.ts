import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { runFfmpeg } from '../../src/render/run-ffmpeg.ts';
import { PromoError } from '../../src/util/promo-error.ts';
import { isRunning } from '../helpers/is-running.ts';
import { processesMentioning } from '../helpers/processes-mentioning.ts';
import { waitFor } from '../helpers/wait-for.ts';

const ffmpeg = (createRequire(import.meta.url)('@ffmpeg-installer/ffmpeg') as { path: string }).path;

// A command that never ends by itself: an endless test source read in real time.
const endless = {
  global: ['-hide_banner', '-nostdin', '-loglevel', 'error'],
  inputs: [{ options: ['-re', '-f', 'lavfi'], source: 'testsrc2=size=64x64:rate=5' }],
  outputs: [{ options: ['-f', 'null'], target: '-' }],
};

/** `command` with a tag on its command line that only this run carries, to find its process. */
function tagged<T extends typeof endless>(command: T): { command: T; tag: string } {
  const tag = `promo-test-${randomUUID()}`;
  return { command: { ...command, outputs: [{ options: ['-metadata', `comment=${tag}`, '-f', 'null'], target: '-' }] }, tag };
}

/** The pid of the one ffmpeg carrying `tag`, once it is running. */
async function pidOf(tag: string): Promise<number> {
  let pids: number[] = [];
  await waitFor(async () => (pids = await processesMentioning(tag)).length === 1, `one ffmpeg process tagged ${tag}`, 30_000);
  return pids[0]!;
}

describe('runFfmpeg', () => {
  it('reports progress and succeeds on a finite command', async () => {
    const seen: number[] = [];
    await runFfmpeg({
      global: ['-hide_banner', '-nostdin', '-loglevel', 'error'],
      inputs: [{ options: ['-f', 'lavfi'], source: 'testsrc2=size=64x64:rate=10:duration=2' }],
      outputs: [{ options: ['-f', 'null'], target: '-' }],
    }, { ffmpeg, timeoutMs: 60_000, onProgress: (s) => seen.push(s) });
    expect(seen.length).toBeGreaterThan(0);
    expect(Math.max(...seen)).toBeGreaterThan(1.5);
  });

  it('kills a run that passes its time limit with SIGKILL and says so', async () => {
    const { command, tag } = tagged(endless);
    const failed = runFfmpeg(command, { ffmpeg, timeoutMs: 1500 }).catch((e: unknown) => e);
    const pid = await pidOf(tag);
    const error = await failed;
    expect(error).toBeInstanceOf(PromoError);
    expect((error as PromoError).code).toBe('RENDER_TIMEOUT');
    expect((error as PromoError).message).toMatch(/limit of 2 s/);
    expect(((error as PromoError).cause as Error).message).toMatch(/SIGKILL/);
    // Reported only once the process is gone, not merely signalled.
    expect(isRunning(pid)).toBe(false);
  });

  it('kills a run whose progress stalls', async () => {
    // -re with a huge frame interval: ffmpeg is alive but its clock stops moving.
    const { command, tag } = tagged({ ...endless, inputs: [{ options: ['-re', '-f', 'lavfi'], source: 'testsrc2=size=64x64:rate=1/1000' }] });
    const failed = runFfmpeg(command, { ffmpeg, timeoutMs: 120_000, stallMs: 1500 }).catch((e: unknown) => e);
    const pid = await pidOf(tag);
    const error = await failed;
    expect((error as PromoError).code).toBe('RENDER_TIMEOUT');
    expect((error as PromoError).message).toMatch(/no progress/);
    expect(isRunning(pid)).toBe(false);
  });

  it('stops when aborted, its ffmpeg gone', async () => {
    const controller = new AbortController();
    const { command, tag } = tagged(endless);
    const failed = runFfmpeg(command, { ffmpeg, timeoutMs: 120_000, signal: controller.signal }).catch((e: unknown) => e);
    const pid = await pidOf(tag);
    controller.abort();
    const error = await failed;
    expect((error as PromoError).code).toBe('INTERRUPTED');
    expect(isRunning(pid)).toBe(false);
  });

  it('fails with the end of ffmpeg\'s own message', async () => {
    const error = await runFfmpeg({ ...endless, inputs: [{ options: [], source: '/nonexistent/promo-test.mp4' }] }, { ffmpeg, timeoutMs: 60_000 }).catch((e: unknown) => e);
    expect((error as PromoError).code).toBe('RENDER_FAILED');
    expect((error as PromoError).message).toMatch(/No such file or directory/);
  });
});
