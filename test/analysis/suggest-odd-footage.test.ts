// `promo suggest` as a person runs it, on hostile and odd footage: no audio, a still image, a very
// short take, one long scene, an all-dark take, a missing file, text named .mp4. Each gets a
// sensible answer or a clear error, never a crash; --json has the documented shape; --sheet
// writes a PNG.
import { join } from 'node:path';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateFootage } from '../helpers/analysis-footage.ts';
import { makeBrokenFiles, makeStill } from '../helpers/fixtures.ts';
import { makeTempDir } from '../helpers/make-temp-dir.ts';
import { runCli, type CliResult } from '../helpers/spec-dir.ts';

interface FileResult {
  file: string;
  duration?: number;
  scenes?: { start: number; end: number }[];
  defects?: { kind: string; start: number; end: number }[];
  clips?: { in: number; out: number; score: number; reasons: string[] }[];
  error?: { code: string; message: string };
}

const files: Record<string, string> = {};
let run: CliResult;
let results: Record<string, FileResult>;
let dir: string;

beforeAll(async () => {
  const small = { width: 160, height: 90, fps: 30 };
  files.silent = (await generateFootage({ ...small, audio: 'none', scenes: [{ seconds: 8 }, { seconds: 8 }] })).file;
  files.short = (await generateFootage({ ...small, audio: 'none', scenes: [{ seconds: 0.4 }] })).file;
  files.long = (await generateFootage({ ...small, audio: 'speech', scenes: [{ seconds: 30 }] })).file;
  files.dark = (await generateFootage({ ...small, audio: 'speech', scenes: [{ seconds: 8, defects: [{ kind: 'dark', start: 0, end: 8 }] }] })).file;
  files.still = await makeStill({ width: 320, height: 240, format: 'jpg' });
  files.text = (await makeBrokenFiles()).textFile;
  dir = makeTempDir('promo-suggest-');
  files.missing = join(dir, 'nope.mp4');
  run = await runCli(['suggest', ...Object.values(files), '--json', '--sheet', join(dir, 'sheet.png'), '-o', join(dir, 'out')], { cwd: dir });
  const parsed = JSON.parse(run.stdout) as FileResult[];
  results = Object.fromEntries(Object.keys(files).map((key, i) => [key, parsed[i]!]));
});

describe('promo suggest on odd footage', () => {
  it('answers for every file, exit 1 because two could not be read', () => {
    expect(run.code, run.stderr).toBe(1);
    expect(Object.values(results)).toHaveLength(7);
    expect(run.stderr).not.toMatch(/TypeError|RangeError|at .*\.ts:\d+/);
  });

  it('prints per file exactly { file, duration, scenes, defects, clips }; notes go to stderr', () => {
    const r = results.long!;
    expect(Object.keys(r).sort()).toEqual(['clips', 'defects', 'duration', 'file', 'scenes']);
    expect(r.duration).toBeCloseTo(30, 1);
    for (const clip of r.clips!) expect(Object.keys(clip).sort()).toEqual(['in', 'out', 'reasons', 'score']);
  });

  it('a take without audio: clips cut on the picture, no silence defects', () => {
    const r = results.silent!;
    expect(r.defects!.filter((d) => d.kind === 'silence')).toEqual([]);
    expect(r.scenes).toHaveLength(2);
    expect(r.clips!.length).toBe(3);
    for (const c of r.clips!) expect(r.scenes!.some((s) => c.in >= s.start && c.out <= s.end + 1e-6)).toBe(true);
  });

  it('a very short take is proposed whole, with a note', () => {
    const r = results.short!;
    expect(r.clips).toHaveLength(1);
    expect(r.clips![0]!.in).toBe(0);
    expect(run.stderr).toMatch(/note: .*: the take is only 0.4 s long/);
  });

  it('one long scene still gives three separate clips', () => {
    const r = results.long!;
    expect(r.scenes).toHaveLength(1);
    expect(r.clips).toHaveLength(3);
    const [a, b, c] = r.clips!;
    expect(a!.out).toBeLessThanOrEqual(b!.in);
    expect(b!.out).toBeLessThanOrEqual(c!.in);
  });

  it('an all-dark take: no clip, and a note saying why', () => {
    const r = results.dark!;
    expect(r.clips).toEqual([]);
    expect(r.defects!.some((d) => d.kind === 'dark' && d.start === 0)).toBe(true);
    expect(run.stderr).toMatch(/note: .*: no clip: every second has a defect \(dark/);
  });

  it('a still image: one clip of the asked length, nothing to analyse', () => {
    expect(results.still!.clips).toEqual([{ in: 0, out: 4, score: 1, reasons: ['a still image: shown once for the asked length'] }]);
  });

  it('a missing file and a text file named .mp4 are clear errors naming the file', () => {
    expect(results.missing!.error).toMatchObject({ code: 'FOOTAGE_MISSING' });
    expect(results.missing!.error!.message).toMatch(/nope\.mp4 does not exist/);
    expect(results.text!.error!.code).toMatch(/^FOOTAGE_/);
    expect(run.stderr).toMatch(/textfile\.mp4/);
  });

  it('writes a contact sheet with a row block per analysed take', async () => {
    const meta = await sharp(join(dir, 'sheet.png')).metadata();
    expect(meta.format).toBe('png');
    expect(meta.width).toBeGreaterThan(1000);
    expect(meta.height).toBeGreaterThan(600);
  });

  it('refuses a --length out of range before analysing anything', async () => {
    const bad = await runCli(['suggest', files.long!, '--length', '0'], { cwd: dir });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--length 0 is out of range; give seconds between 0.5 and 60/);
  });
});
