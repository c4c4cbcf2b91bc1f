// `clips: auto` through the normal paths: promo render picks the clips promo suggest proposes
// (the video is exactly their length), promo preview shows the first of them, and
// `promo suggest --write` writes them into the spec with its comments kept.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { demoPlan, generateFootage } from '../helpers/analysis-footage.ts';
import { probeFile } from '../helpers/media-assert.ts';
import { makeSpecDir, runCli, type SpecDir } from '../helpers/spec-dir.ts';

const SPEC = `# A spec a person wrote
stream:
  title: Auto clips
products:
  - sku: TEA-1
    footage: take.mp4
    # let promo pick
    clips: { auto: { count: 2, length: 4 } }
outputs:
  - { name: tiny, width: 240, height: 240 }
intro: false
outro: false
quality: draft
`;

let dir: SpecDir;
let suggested: { clips: { in: number; out: number }[] };

beforeAll(async () => {
  const take = await generateFootage(demoPlan(320, 180));
  dir = await makeSpecDir(SPEC, { files: { 'take.mp4': take.file } });
  const suggest = await runCli(['suggest', 'take.mp4', '--count', '2', '--length', '4', '--json', '-c', dir.config], { cwd: dir.dir });
  expect(suggest.code, suggest.stderr).toBe(0);
  suggested = (JSON.parse(suggest.stdout) as typeof suggested[])[0]!;
});

describe('clips: auto', () => {
  it('renders the proposed clips through promo render', async () => {
    expect(suggested.clips).toHaveLength(2);
    const render = await runCli(['render', dir.spec, '-c', dir.config], { cwd: dir.dir });
    expect(render.code, render.stderr).toBe(0);
    const probe = await probeFile(join(dir.out, 'TEA-1', 'tiny.mp4'));
    const total = suggested.clips.reduce((sum, c) => sum + c.out - c.in, 0);
    expect(probe.format.duration).toBeGreaterThan(total - 0.15);
    expect(probe.format.duration).toBeLessThan(total + 0.15);
    // The analysis is cached in the output folder: a second render is all cache.
    const again = await runCli(['render', dir.spec, '-c', dir.config, '--json'], { cwd: dir.dir });
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toMatch(/"cached"/);
  });

  it('promo preview and promo validate read the picked clips', async () => {
    const preview = await runCli(['preview', dir.spec, '-c', dir.config], { cwd: dir.dir });
    expect(preview.code, preview.stderr).toBe(0);
    expect(preview.stdout).toMatch(/TEA-1: .*tiny\.png/);
    const validate = await runCli(['validate', dir.spec, '-c', dir.config], { cwd: dir.dir });
    expect(validate.code, validate.stderr).toBe(0);
    expect(validate.stdout).toMatch(/2 clip\(s\)/);
  });

  it('promo suggest --write puts them into the spec, comments kept', async () => {
    const write = await runCli(['suggest', '--write', 'spec.yaml', '-c', dir.config], { cwd: dir.dir });
    expect(write.code, write.stderr).toBe(0);
    const text = await readFile(dir.spec, 'utf8');
    expect(text).toMatch(/^# A spec a person wrote/);
    expect(text).toMatch(/# let promo pick/);
    expect(text).toMatch(/promo suggest: score/);
    const clips = (parse(text) as { products: { clips: unknown }[] }).products[0]!.clips;
    expect(clips).toEqual(suggested.clips.map((c) => ({ in: c.in, out: c.out })));
  });
});
