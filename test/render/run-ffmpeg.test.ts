import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { runFfmpeg } from '../../src/render/run-ffmpeg.ts';
import { PromoError } from '../../src/util/promo-error.ts';

const ffmpeg = (createRequire(import.meta.url)('@ffmpeg-installer/ffmpeg') as { path: string }).path;

// A command that never ends by itself: an endless test source read in real time.
const endless = {
  global: ['-hide_banner', '-nostdin', '-loglevel', 'error'],
  inputs: [{ options: ['-re', '-f', 'lavfi'], source: 'testsrc2=size=64x64:rate=5' }],
  outputs: [{ options: ['-f', 'null'], target: '-' }],
};

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
    const started = Date.now();
    const error = await runFfmpeg(endless, { ffmpeg, timeoutMs: 1500 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PromoError);
    expect((error as PromoError).code).toBe('RENDER_TIMEOUT');
    expect((error as PromoError).message).toMatch(/limit of 2 s/);
    expect(((error as PromoError).cause as Error).message).toMatch(/SIGKILL/);
    expect(Date.now() - started).toBeLessThan(30_000);
  });

  it('kills a run whose progress stalls', async () => {
    // -re with a huge frame interval: ffmpeg is alive but its clock stops moving.
    const error = await runFfmpeg({ ...endless, inputs: [{ options: ['-re', '-f', 'lavfi'], source: 'testsrc2=size=64x64:rate=1/1000' }] },
      { ffmpeg, timeoutMs: 120_000, stallMs: 1500 }).catch((e: unknown) => e);
    expect((error as PromoError).code).toBe('RENDER_TIMEOUT');
    expect((error as PromoError).message).toMatch(/no progress/);
  });

  it('stops at once when aborted', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 300);
    const error = await runFfmpeg(endless, { ffmpeg, timeoutMs: 120_000, signal: controller.signal }).catch((e: unknown) => e);
    expect((error as PromoError).code).toBe('INTERRUPTED');
  });

  it('fails with the end of ffmpeg\'s own message', async () => {
    const error = await runFfmpeg({ ...endless, inputs: [{ options: [], source: '/nonexistent/promo-test.mp4' }] }, { ffmpeg, timeoutMs: 60_000 }).catch((e: unknown) => e);
    expect((error as PromoError).code).toBe('RENDER_FAILED');
    expect((error as PromoError).message).toMatch(/No such file or directory/);
  });
});
