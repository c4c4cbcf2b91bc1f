// Very quiet footage: a clean tone at about -63 LUFS reaches the -14 LUFS target (more than the
// +30 dB promo allows whatever the peaks); faint sound under a click 37 dB above it cannot (the
// limiter would have to flatten the click by ~25 dB), so the manifest and the CLI summary say so.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeVideo } from '../helpers/fixtures.ts';
import { ffmpeg, measureLoudness } from '../helpers/media-assert.ts';
import { makeSpecDir, runCli, TINY_SQUARE, type CliResult, type SpecDir } from '../helpers/spec-dir.ts';

/** A 2 s clip: a 440 Hz tone at about -64 LUFS with a 0.1 ms click to -19 dBFS at 1 s (PCM, kept exact). */
async function makeClickyVideo(dir: string): Promise<string> {
  const file = join(dir, 'clicky.mov');
  await ffmpeg([
    '-v', 'error', '-f', 'lavfi', '-i', 'testsrc2=s=320x180:r=30:d=2',
    '-f', 'lavfi', '-i', 'aevalsrc=0.0007*sin(2*PI*440*t)+0.1*lt(abs(t-1)\\,0.00005):c=stereo:s=48000:d=2',
    '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-c:a', 'pcm_s16le', '-shortest', file,
  ]);
  return file;
}

const spec = (sku: string, footage: string) => ({
  stream: { title: 'quiet' },
  products: [{ sku, footage, clips: [{ in: 0, out: 2 }] }],
  outputs: [TINY_SQUARE],
  intro: false,
  outro: false,
  loudness: -14,
  quality: 'draft',
});

describe('very quiet footage', () => {
  let clean: SpecDir;
  let clicky: SpecDir;
  let cleanRun: CliResult;
  let clickyRun: CliResult;

  beforeAll(async () => {
    const tone = await makeVideo({ width: 320, height: 180, duration: 2, audio: 'stereo', loud: -63 });
    clean = await makeSpecDir(spec('TEA-001', 'tone.mp4'), { files: { 'tone.mp4': tone } });
    clicky = await makeSpecDir(spec('TEA-002', 'clicky.mov'));
    await makeClickyVideo(clicky.dir);
    [cleanRun, clickyRun] = await Promise.all([
      runCli(['render', clean.spec, '--config', clean.config]),
      runCli(['render', clicky.spec, '--config', clicky.config]),
    ]);
  });

  it('the sources are as quiet as they claim, and only the click peaks high', async () => {
    const tone = await measureLoudness(join(clean.dir, 'tone.mp4'));
    expect(tone.integrated).toBeLessThan(-61);
    expect(tone.truePeak).toBeLessThan(-50);
    const click = await measureLoudness(join(clicky.dir, 'clicky.mov'));
    expect(click.integrated).toBeLessThan(-50);
    expect(click.truePeak).toBeGreaterThan(-25);
  });

  it('raises a clean quiet tone all the way to the target, without a warning', async () => {
    expect(cleanRun.code, cleanRun.stderr).toBe(0);
    const out = await measureLoudness(join(clean.out, 'TEA-001', 'tiny.mp4'));
    expect(Math.abs(out.integrated - -14)).toBeLessThanOrEqual(1.5);
    expect(out.truePeak).toBeLessThanOrEqual(-1);
    const manifest = JSON.parse(await readFile(join(clean.out, 'manifest.json'), 'utf8')) as { warnings: string[] };
    expect(manifest.warnings).toEqual([]);
    expect(cleanRun.stderr).not.toMatch(/warning/);
  });

  it('warns in the manifest and the summary when peaks keep quiet sound from the target', async () => {
    expect(clickyRun.code, clickyRun.stderr).toBe(0);
    const out = await measureLoudness(join(clicky.out, 'TEA-002', 'tiny.mp4'));
    expect(out.integrated).toBeLessThan(-20);
    expect(out.truePeak).toBeLessThanOrEqual(-1);
    const manifest = JSON.parse(await readFile(join(clicky.out, 'manifest.json'), 'utf8')) as { warnings: string[] };
    expect(manifest.warnings).toHaveLength(1);
    const warning = manifest.warnings[0]!;
    const match = /^TEA-002: audio is very quiet \((-\d+\.\d) LUFS, peaks (-?\d+\.\d) dBTP\); raised to (-\d+\.\d) LUFS, short of the -14 LUFS target/.exec(warning);
    expect(match, warning).not.toBeNull();
    const [, measured, , achieved] = match!.map(Number);
    expect(measured).toBeLessThan(-50);
    // The achieved figure is what the file really measures.
    expect(Math.abs(achieved! - out.integrated)).toBeLessThanOrEqual(0.5);
    expect(clickyRun.stderr).toContain(`warning: ${warning}`);
  });

  it('keeps the warning while the video is current: a re-render from the cache still says it', async () => {
    const first = JSON.parse(await readFile(join(clicky.out, 'manifest.json'), 'utf8')) as { warnings: string[]; artifacts: { kind: string; warning?: string }[] };
    const again = await runCli(['render', clicky.spec, '--config', clicky.config]);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout + again.stderr).toMatch(/cached/);
    const manifest = JSON.parse(await readFile(join(clicky.out, 'manifest.json'), 'utf8')) as typeof first;
    expect(manifest.warnings).toEqual(first.warnings);
    expect(manifest.artifacts.filter((a) => a.kind === 'video').map((a) => a.warning)).toEqual([first.warnings[0]]);
    expect(again.stderr).toContain(`warning: ${first.warnings[0]}`);
  });
});
