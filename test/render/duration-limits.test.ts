// A platform's duration limit refuses that preset only; the product's other presets render.
// Also: two jobs at once (--concurrency 2) both complete.
import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeVideo } from '../helpers/fixtures.ts';
import { makeSpecDir, runCli } from '../helpers/spec-dir.ts';

let video: string;

beforeAll(async () => {
  video = await makeVideo({ width: 320, height: 180, duration: 5 });
});

describe('duration limits', () => {
  it('renders the presets a product fits, reports the one it does not, exits 1', async () => {
    const dir = await makeSpecDir({
      stream: { title: 'limits' },
      products: [
        { sku: 'LONG-1', footage: 'v.mp4', clips: [{ in: 0, out: 4 }] },
        { sku: 'SHORT-1', footage: 'v.mp4', clips: [{ in: 0, out: 2 }] },
      ],
      outputs: [{ name: 'strict', width: 160, height: 160, maxDuration: 3 }, { name: 'open', width: 160, height: 160 }],
      intro: false,
      outro: false,
      quality: 'draft',
    }, { files: { 'v.mp4': video } });
    const result = await runCli(['render', dir.spec, '--config', dir.config, '--concurrency', '2', '--json']);
    expect(result.code, result.stderr).toBe(1);
    const report = JSON.parse(result.stdout);
    const status = Object.fromEntries(report.jobs.map((j: { name: string; status: string }) => [j.name, j.status]));
    expect(status).toEqual({ 'LONG-1': 'partial', 'SHORT-1': 'rendered' });
    expect(report.failures).toHaveLength(1);
    expect(report.failures[0]).toMatchObject({ sku: 'LONG-1', code: 'DURATION_LIMIT' });
    expect(report.failures[0].message).toMatch(/4\.0 s, over strict's limit of 3 s/);
    expect(report.failures[0].location).toMatch(/^spec\.yaml:\d+:\d+$/);
    expect(existsSync(join(dir.out, 'LONG-1', 'open.mp4'))).toBe(true);
    expect(existsSync(join(dir.out, 'LONG-1', 'strict.mp4'))).toBe(false);
    expect(existsSync(join(dir.out, 'SHORT-1', 'strict.mp4'))).toBe(true);
    const manifest = JSON.parse(await readFile(join(dir.out, 'manifest.json'), 'utf8'));
    expect(manifest.artifacts.filter((a: { sku: string }) => a.sku === 'LONG-1').map((a: { preset: string; kind: string }) => `${a.preset}/${a.kind}`).sort())
      .toEqual(['open/cover', 'open/video']);

    // Run again: the rendered presets are current, the refused one is still reported.
    const again = JSON.parse((await runCli(['render', dir.spec, '--config', dir.config, '--json'])).stdout);
    expect(again.failures.map((f: { code: string }) => f.code)).toEqual(['DURATION_LIMIT']);
    expect(again.artifacts.filter((a: { sku: string }) => a.sku === 'LONG-1')).toHaveLength(2);
  });
});
