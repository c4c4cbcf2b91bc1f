// The engine is configurable: promo detects what an ffmpeg can do and uses it. The bundled 4.1
// has no xfade (a crossfade becomes a fade through black, with a notice); Debian's ffmpeg 5.1
// has it. .ci/run installs Debian's ffmpeg and sets PROMO_REQUIRE_SYSTEM_FFMPEG so CI runs both.
import { execFile } from 'node:child_process';
import { chmod, copyFile, stat } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeVideo } from '../helpers/fixtures.ts';
import { extractFrame, meanColour, probeFile, ffprobePath } from '../helpers/media-assert.ts';
import { makeSpecDir, runCli } from '../helpers/spec-dir.ts';

const SYSTEM_FFMPEG = '/usr/bin/ffmpeg';
const SYSTEM_FFPROBE = '/usr/bin/ffprobe';
const haveSystem = existsSync(SYSTEM_FFMPEG) && existsSync(SYSTEM_FFPROBE);

let video: string;
beforeAll(async () => {
  video = await makeVideo({ width: 320, height: 180, duration: 4 });
});

const spec = (transition: object | string) => ({
  stream: { title: 'engines' },
  products: [{ sku: 'T-1', footage: 'v.mp4', clips: [{ in: 0, out: 1.5 }, { in: 2, out: 3.5 }] }],
  outputs: [{ name: 'tiny', width: 160, height: 160 }],
  intro: { duration: 1 },
  outro: false,
  transition,
  quality: 'draft',
});

describe('engines', () => {
  // Without the variable the xfade test below may skip; with it, it must run and mean something.
  it.runIf(process.env.PROMO_REQUIRE_SYSTEM_FFMPEG)('requires the system ffmpeg, with xfade, where CI says it is installed', async () => {
    expect(haveSystem, `${SYSTEM_FFMPEG} and ${SYSTEM_FFPROBE} exist`).toBe(true);
    const { stdout } = await promisify(execFile)(SYSTEM_FFMPEG, ['-hide_banner', '-filters']);
    expect(stdout).toMatch(/^\s*\S+\s+xfade\s+VV->V\b/m);
  });

  it('turns a crossfade into a fade through black on an engine without xfade, and says so', async () => {
    const dir = await makeSpecDir(spec({ type: 'crossfade', duration: 0.4 }), { files: { 'v.mp4': video } });
    const result = await runCli(['render', dir.spec, '--config', dir.config]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/no xfade filter: crossfades become fades through black/);
    const file = join(dir.out, 'T-1', 'tiny.mp4');
    const probe = await probeFile(file);
    expect(probe.video[0]!.duration).toBeCloseTo(4, 2);
    // At the join between the intro card and the first clip the picture passes through black.
    const join1 = await meanColour(await extractFrame(file, 0.99));
    expect(join1.r + join1.g + join1.b).toBeLessThan(60);
    const inClip = await meanColour(await extractFrame(file, 1.7));
    expect(inClip.r + inClip.g + inClip.b).toBeGreaterThan(100);
  });

  it.skipIf(!haveSystem)('crossfades with xfade on ffmpeg 5, the video shorter by the overlaps', async () => {
    const dir = await makeSpecDir(spec({ type: 'crossfade', duration: 0.4 }), {
      files: { 'v.mp4': video },
      config: { ffmpeg: SYSTEM_FFMPEG, ffprobe: SYSTEM_FFPROBE },
    });
    const result = await runCli(['render', dir.spec, '--config', dir.config]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).not.toMatch(/xfade/);
    const probe = await probeFile(join(dir.out, 'T-1', 'tiny.mp4'), { countFrames: true });
    // 1 + 1.5 + 1.5 s, two joins of 0.4 s (12 frames) each.
    expect(probe.video[0]!.nb_read_frames).toBe(120 - 24);
    expect(probe.video[0]!.avg_frame_rate).toBe('30/1');
    expect(probe.video[0]!.profile).toBe('High');
    expect(Math.abs(probe.audio[0]!.duration! - probe.video[0]!.duration!)).toBeLessThanOrEqual(1 / 30);
  });

  it('makes a bundled ffprobe executable when its install script did not run', async () => {
    const dir = await makeSpecDir(spec('cut'), { files: { 'v.mp4': video } });
    const copy = join(dir.dir, 'ffprobe-copy');
    await copyFile(ffprobePath(), copy);
    await chmod(copy, 0o644);
    const config = join(dir.dir, 'probe.yaml');
    await (await import('node:fs/promises')).writeFile(config, `out: out\nffprobe: ${copy}\n`);
    const result = await runCli(['render', dir.spec, '--config', config]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/made .*ffprobe-copy executable/);
    expect((await stat(copy)).mode & 0o100).toBe(0o100);
  });

  it('exits 3 with what to do when the configured ffmpeg does not exist', async () => {
    const dir = await makeSpecDir(spec('cut'), { files: { 'v.mp4': video }, config: { ffmpeg: '/nonexistent/ffmpeg' } });
    const result = await runCli(['render', dir.spec, '--config', dir.config]);
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/ffmpeg not found at \/nonexistent\/ffmpeg; install it or set `ffmpeg:` in config.yaml/);
  });
});
