// Bad footage fails its product only, with a clear error and its place in the spec; the rest of
// the batch renders; nothing half-written is left; a playlist disguised as .mp4 is never opened.
import { readFile, readdir } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeBrokenFiles, makeVideo } from '../helpers/fixtures.ts';
import { makeSpecDir, runCli, TINY_SQUARE } from '../helpers/spec-dir.ts';

let good: string;
let broken: Awaited<ReturnType<typeof makeBrokenFiles>>;

beforeAll(async () => {
  [good, broken] = await Promise.all([makeVideo({ width: 320, height: 180, duration: 3 }), makeBrokenFiles()]);
});

describe('bad footage', () => {
  it('fails each bad product with its reason and location, renders the good one, exits 1', async () => {
    const dir = await makeSpecDir({
      stream: { title: 'Bad input day' },
      products: [
        { sku: 'GOOD-1', footage: 'f/good.mp4', clips: [{ in: 0, out: 1 }] },
        { sku: 'EMPTY-1', footage: 'f/empty.mp4', clips: [{ in: 0, out: 1 }] },
        { sku: 'GARBAGE-1', footage: 'f/garbage.mp4', clips: [{ in: 0, out: 1 }] },
        { sku: 'TEXT-1', footage: 'f/notes.mp4', clips: [{ in: 0, out: 1 }] },
        { sku: 'TRUNC-1', footage: 'f/truncated.mp4', clips: [{ in: 0.5, out: 2.8 }] },
        { sku: 'HLS-1', footage: 'f/hls/x.mp4', clips: [{ in: 0, out: 0.8 }] },
        { sku: 'MISSING-1', footage: 'f/nope.mp4', clips: [{ in: 0, out: 1 }] },
        { sku: 'PAST-END', footage: 'f/good.mp4', clips: [{ in: 1, out: 99 }] },
      ],
      outputs: [TINY_SQUARE],
      intro: false,
      outro: false,
      quality: 'draft',
      reel: true,
    }, { files: {
      'f/good.mp4': good, 'f/empty.mp4': broken.empty, 'f/garbage.mp4': broken.garbage, 'f/notes.mp4': broken.textFile,
      'f/truncated.mp4': broken.truncated, 'f/hls/x.mp4': broken.playlist, 'f/hls/secret.ts': broken.secret,
    } });
    // The playlist names the fixture's own secret segment by absolute path: if ffmpeg followed
    // it, it would read that file. The whitelist must refuse the playlist before that.
    const result = await runCli(['render', dir.spec, '--config', dir.config, '--json']);
    expect(result.code, result.stderr).toBe(1);
    const report = JSON.parse(result.stdout);
    const bySku = Object.fromEntries(report.failures.map((f: { sku: string }) => [f.sku, f]));
    expect(Object.keys(bySku).sort()).toEqual(['EMPTY-1', 'GARBAGE-1', 'HLS-1', 'MISSING-1', 'PAST-END', 'TEXT-1', 'TRUNC-1']);
    expect(bySku['EMPTY-1'].message).toMatch(/empty/);
    expect(bySku['GARBAGE-1'].code).toBe('FOOTAGE_UNREADABLE');
    expect(bySku['TEXT-1'].code).toBe('FOOTAGE_UNREADABLE');
    expect(bySku['HLS-1'].code).toBe('FOOTAGE_REFUSED');
    expect(bySku['HLS-1'].message).toMatch(/playlist/);
    expect(bySku['MISSING-1'].code).toBe('FOOTAGE_MISSING');
    expect(bySku['MISSING-1'].location).toMatch(/^spec\.yaml:\d+:\d+$/);
    expect(bySku['PAST-END'].code).toBe('CLIP_OUT_OF_RANGE');
    expect(bySku['PAST-END'].message).toMatch(/99 s is past the end of good\.mp4 \(3 s\)/);
    expect(bySku['PAST-END'].location).toMatch(/^spec\.yaml:\d+:\d+$/);
    expect(['FOOTAGE_UNREADABLE', 'RENDER_FAILED']).toContain(bySku['TRUNC-1'].code);
    // The good product and the reel (of the good products) are there, nothing of the bad ones.
    expect(existsSync(join(dir.out, 'GOOD-1', 'tiny.mp4'))).toBe(true);
    expect(existsSync(join(dir.out, 'reel', 'tiny.mp4'))).toBe(true);
    for (const sku of Object.keys(bySku)) {
      const files = existsSync(join(dir.out, sku)) ? await readdir(join(dir.out, sku)) : [];
      expect(files, sku).toEqual([]);
    }
    expect(report.warnings.join(' ')).toMatch(/reel leaves out .*TRUNC-1/);
    const manifest = JSON.parse(await readFile(join(dir.out, 'manifest.json'), 'utf8'));
    expect(manifest.failures).toHaveLength(7);
    // Footage is never touched.
    expect(existsSync(join(dir.dir, 'f', 'truncated.mp4'))).toBe(true);
  });

  it('refuses a spec with a URL as footage before rendering anything (exit 2)', async () => {
    const dir = await makeSpecDir([
      'stream: { title: t }',
      'products:',
      '  - sku: A-1',
      '    footage: http://example.com/a.mp4',
      '    clips: [{ in: 0, out: 1 }]',
      '  - sku: B-1',
      '    footage: concat:/etc/passwd|x.mp4',
      '    clips: [{ in: 0, out: 1 }]',
      'outputs: [douyin, nosuchpreset]',
      '',
    ].join('\n'));
    const result = await runCli(['render', dir.spec, '--config', dir.config]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/spec\.yaml:4:\d+ .*local file/);
    expect(result.stderr).toMatch(/spec\.yaml:7:\d+ /);
    expect(result.stderr).toMatch(/spec\.yaml:9:\d+ .*nosuchpreset/);
    expect(existsSync(dir.out)).toBe(false);
  });

  it('validate finds the truncated clip that a probe cannot see', async () => {
    const dir = await makeSpecDir({
      stream: { title: 'v' },
      products: [
        { sku: 'GOOD-1', footage: 'f/good.mp4', clips: [{ in: 0, out: 2.5 }] },
        { sku: 'TRUNC-1', footage: 'f/truncated.mp4', clips: [{ in: 0.2, out: 2.8 }] },
      ],
      outputs: ['douyin'],
    }, { files: { 'f/good.mp4': good, 'f/truncated.mp4': broken.truncated } });
    const result = await runCli(['validate', 'spec.yaml'], { cwd: dir.dir });
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/✔ GOOD-1/);
    expect(result.stderr).toMatch(/✘ TRUNC-1: spec\.yaml:\d+:\d+ .*truncated\.mp4/);
  });
});
