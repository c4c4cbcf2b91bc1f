// HDR phone footage (HLG, 10-bit HEVC, BT.2020) is tone-mapped to SDR BT.709, not shown raw.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { fixturePath } from '../helpers/fixtures.ts';
import { extractFrame, ffmpeg, meanColour, probeFile } from '../helpers/media-assert.ts';
import { makeSpecDir, runCli } from '../helpers/spec-dir.ts';

let hlg: string;

beforeAll(async () => {
  hlg = fixturePath('hdr-v1/hlg-1280x720.mp4');
  if (!existsSync(hlg)) {
    const temp = `${hlg}.${process.pid}.tmp.mp4`;
    await ffmpeg(['-y', '-v', 'error', '-f', 'lavfi', '-i', 'testsrc2=s=1280x720:r=30:d=2', '-f', 'lavfi', '-i', 'sine=d=2',
      '-pix_fmt', 'yuv420p10le', '-c:v', 'libx265', '-preset', 'ultrafast',
      '-x265-params', 'colorprim=bt2020:transfer=arib-std-b67:colormatrix=bt2020nc:log-level=error',
      '-tag:v', 'hvc1', '-c:a', 'aac', '-shortest', temp]);
    await (await import('node:fs/promises')).rename(temp, hlg);
  }
});

describe('HDR footage', () => {
  it('comes out as 8-bit BT.709 with a normal picture', async () => {
    const source = await probeFile(hlg);
    expect(source.video[0]!.color_transfer).toBe('arib-std-b67');
    const dir = await makeSpecDir({
      stream: { title: 'hdr' },
      products: [{ sku: 'H-1', footage: 'hlg.mp4', clips: [{ in: 0, out: 1.5 }] }],
      outputs: [{ name: 'tiny', width: 320, height: 320 }],
      intro: false,
      outro: false,
      quality: 'draft',
    }, { files: { 'hlg.mp4': hlg } });
    const result = await runCli(['render', dir.spec, '--config', dir.config]);
    expect(result.code, result.stderr).toBe(0);
    const file = join(dir.out, 'H-1', 'tiny.mp4');
    const probe = await probeFile(file);
    expect(probe.video[0]).toMatchObject({ pix_fmt: 'yuv420p', color_transfer: 'bt709', color_primaries: 'bt709', color_space: 'bt709' });
    // testsrc2's colour bars survive: a bright, saturated picture, neither crushed nor washed out.
    const colour = await meanColour(await extractFrame(file, 0.5));
    const brightness = (colour.r + colour.g + colour.b) / 3;
    expect(brightness).toBeGreaterThan(60);
    expect(brightness).toBeLessThan(220);
  });
});
