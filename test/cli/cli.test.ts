// The command line as a user meets it: exit codes, help, every command, Ctrl-C and kill -9.
import { chmod, readFile, readdir, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { makeStill, makeVideo } from '../helpers/fixtures.ts';
import { ffmpegPath } from '../helpers/media-assert.ts';
import { makeSpecDir, runCli, REPO, TINY_SQUARE } from '../helpers/spec-dir.ts';
import { processesMentioning } from '../helpers/processes-mentioning.ts';
import { waitFor } from '../helpers/wait-for.ts';

let video: string;
let long: string;
let logo: string;

beforeAll(async () => {
  [video, long, logo] = await Promise.all([
    makeVideo({ width: 320, height: 180, duration: 3 }),
    makeVideo({ width: 1280, height: 720, duration: 12 }),
    makeStill({ width: 128, height: 128, format: 'png' }),
  ]);
});

const spec = (extra: object = {}) => ({
  stream: { title: '测试直播', start: '2026-12-01 20:00' },
  brand: { logo: 'logo.png' },
  products: [{ sku: 'TEA-001', name: '明前龙井', price: 99, footage: 'tea.mp4', clips: [{ in: 0, out: 2, caption: '鲜爽回甘' }] }],
  outputs: [TINY_SQUARE],
  quality: 'draft',
  ...extra,
});

async function listTemps(dir: string): Promise<string[]> {
  const found: string[] = [];
  const walk = async (d: string) => {
    // A folder promo removes while this walks is simply not there any more.
    const entries = await readdir(d, { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return [];
      throw error;
    });
    for (const entry of entries) {
      if (entry.name.startsWith('.promo-tmp-')) found.push(join(d, entry.name));
      if (entry.isDirectory()) await walk(join(d, entry.name));
    }
  };
  if (existsSync(dir)) await walk(dir);
  return found;
}

/** Renders `dir`'s spec and sends `signal` to promo as soon as its first temporary file appears. */
async function renderAndSignal(dir: { spec: string; config: string; out: string }, signal: NodeJS.Signals) {
  let sent = false;
  const result = await runCli(['render', dir.spec, '--config', dir.config], {
    onSpawn: (child) => {
      // One look at a time: under load a walk outlasts the interval, and two looks that both saw
      // a temp file would send the signal twice (a second Ctrl-C quits at once, on purpose).
      let looking = false;
      const timer = setInterval(async () => {
        if (sent || looking) return;
        looking = true;
        const found = (await listTemps(dir.out)).length > 0;
        looking = false;
        if (found && !sent) {
          sent = true;
          clearInterval(timer);
          child.kill(signal);
        }
      }, 100);
      child.on('close', () => clearInterval(timer));
    },
  });
  return { ...result, sent };
}

const longSpec = () => spec({
  products: [{ sku: 'LONG-1', footage: 'long.mp4', clips: [{ in: 0, out: 11 }] }],
  outputs: ['douyin'],
  quality: 'high',
});

describe('promo CLI', () => {
  it('prints its version and help', async () => {
    const version = await runCli(['--version']);
    expect(version.code).toBe(0);
    expect(version.stdout.trim()).toBe(JSON.parse(await readFile(join(REPO, 'package.json'), 'utf8')).version);
    const help = await runCli(['--help']);
    expect(help.code).toBe(0);
    for (const command of ['render', 'validate', 'preview', 'presets', 'init', 'schema']) expect(help.stdout).toContain(command);
    const renderHelp = await runCli(['render', '--help']);
    for (const option of ['--out', '--only', '--preset', '--dry-run', '--force', '--concurrency', '--json', '--config']) expect(renderHelp.stdout).toContain(option);
  });

  it('exits 2 on a bad command line', async () => {
    expect((await runCli(['render'])).code).toBe(2);
    expect((await runCli(['render', 'x.yaml', '--bogus'])).code).toBe(2);
    expect((await runCli(['frobnicate'])).code).toBe(2);
    const dir = await makeSpecDir(spec(), { files: { 'tea.mp4': video, 'logo.png': logo } });
    const bad = await runCli(['render', dir.spec, '--config', dir.config, '--concurrency', 'zero']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--concurrency zero: expected a whole number/);
    const unknownSku = await runCli(['render', dir.spec, '--config', dir.config, '--only', 'NOPE-1']);
    expect(unknownSku.code).toBe(2);
    expect(unknownSku.stderr).toMatch(/--only NOPE-1: no such SKU.*TEA-001/);
  });

  it('exits 2 with every problem of a broken spec as file:line:col', async () => {
    const dir = await makeSpecDir('stream:\n  title: x\n  tittle: y\nproducts:\n  - sku: A\n    footage: a.mp4\n    clips: [{ in: 2, out: 1 }]\noutputs: [douyn]\n');
    const result = await runCli(['render', 'spec.yaml'], { cwd: dir.dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^spec\.yaml:3:3 .*tittle/m);
    expect(result.stderr).toMatch(/^spec\.yaml:7:\d+ /m);
    expect(result.stderr).toMatch(/^spec\.yaml:8:\d+ .*douyin/m);
    expect(result.stderr).toMatch(/3 problems; nothing was rendered/);
  });

  it('lists presets, prints the schema, and initialises a project that validates', async () => {
    const presets = await runCli(['presets', '--json']);
    const names = JSON.parse(presets.stdout).map((p: { name: string }) => p.name);
    expect(names).toEqual(['douyin', 'kuaishou', 'channels', 'xiaohongshu', 'tiktok', 'reels', 'shorts', 'square', 'landscape']);
    expect((await runCli(['presets'])).stdout).toMatch(/douyin\s+1080×1920\s+30/);
    const schema = JSON.parse((await runCli(['schema'])).stdout);
    expect(schema.properties.products).toBeDefined();
    const dir = await makeSpecDir({});
    const init = await runCli(['init', 'project'], { cwd: dir.dir });
    expect(init.code).toBe(0);
    for (const file of ['config.yaml', 'spec.yaml', 'templates/intro.yaml', 'templates/badge.yaml']) {
      expect(existsSync(join(dir.dir, 'project', file)), file).toBe(true);
    }
    // The spec's first line points editors at a schema file that is there and is promo's schema.
    const firstLine = (await readFile(join(dir.dir, 'project', 'spec.yaml'), 'utf8')).split('\n')[0]!;
    const schemaPath = /^# yaml-language-server: \$schema=(.+)$/.exec(firstLine)?.[1];
    expect(schemaPath).toBeDefined();
    expect(JSON.parse(await readFile(join(dir.dir, 'project', schemaPath!), 'utf8'))).toEqual(schema);
    // And the starter project validates as far as it can without footage: only the media is missing.
    const validate = await runCli(['validate', 'spec.yaml', '--config', 'config.yaml'], { cwd: join(dir.dir, 'project') });
    expect(validate.code).toBe(1);
    expect(validate.stderr).toMatch(/footage\/TEA-001\.mp4 does not exist/);
    expect(validate.stderr).toMatch(/footage\/CUP-002\.jpg does not exist/);
    expect(validate.stdout + validate.stderr).toMatch(/2 problems with the media/);
    // Running it again keeps the user's edits.
    await writeFile(join(dir.dir, 'project', 'spec.yaml'), '# mine\n');
    await runCli(['init', 'project'], { cwd: dir.dir });
    expect(await readFile(join(dir.dir, 'project', 'spec.yaml'), 'utf8')).toBe('# mine\n');
  });

  it('makes one preview PNG per product and preset at the preset size', async () => {
    const dir = await makeSpecDir(spec({ outputs: ['douyin', TINY_SQUARE] }), { files: { 'tea.mp4': video, 'logo.png': logo } });
    const result = await runCli(['preview', dir.spec, '--config', dir.config]);
    expect(result.code, result.stderr).toBe(0);
    const douyin = await sharp(join(dir.out, 'preview', 'TEA-001', 'douyin.png')).metadata();
    expect([douyin.width, douyin.height]).toEqual([1080, 1920]);
    const tiny = await sharp(join(dir.out, 'preview', 'TEA-001', 'tiny.png')).metadata();
    expect([tiny.width, tiny.height]).toEqual([240, 240]);
  });

  it('runs no ffmpeg at all for an unchanged spec (a configured engine logs every call)', async () => {
    const dir = await makeSpecDir(spec(), { files: { 'tea.mp4': video, 'logo.png': logo } });
    const log = join(dir.dir, 'ffmpeg-calls.log');
    const wrapper = join(dir.dir, 'ffmpeg-wrapper.sh');
    await writeFile(wrapper, `#!/bin/sh\necho "$*" >> '${log}'\nexec '${ffmpegPath()}' "$@"\n`);
    await chmod(wrapper, 0o755);
    const config = join(dir.dir, 'engine.yaml');
    await writeFile(config, `out: out\nffmpeg: ${wrapper}\n`);
    const first = await runCli(['render', dir.spec, '--config', config]);
    expect(first.code, first.stderr).toBe(0);
    const calls = (await readFile(log, 'utf8')).trim().split('\n').length;
    expect(calls).toBeGreaterThanOrEqual(3); // capabilities, loudness, render, covers
    const second = await runCli(['render', dir.spec, '--config', config]);
    expect(second.code).toBe(0);
    expect((await readFile(log, 'utf8')).trim().split('\n').length).toBe(calls);
    const forced = await runCli(['render', dir.spec, '--config', config, '--force']);
    expect(forced.code).toBe(0);
    expect((await readFile(log, 'utf8')).trim().split('\n').length).toBeGreaterThan(calls);
  });

  it('Ctrl-C stops the render, removes unfinished files and exits 130', async () => {
    const dir = await makeSpecDir(longSpec(), { files: { 'long.mp4': long, 'logo.png': logo } });
    const result = await renderAndSignal(dir, 'SIGINT');
    expect(result.sent).toBe(true);
    expect(result.code).toBe(130);
    expect(await listTemps(dir.out)).toEqual([]);
    expect(existsSync(join(dir.out, 'LONG-1', 'douyin.mp4'))).toBe(false);
    // Footage untouched.
    expect(existsSync(join(dir.dir, 'long.mp4'))).toBe(true);
  });

  it('after kill -9 mid-render, the next run cleans up and completes', async () => {
    const dir = await makeSpecDir(longSpec(), { files: { 'long.mp4': long, 'logo.png': logo } });
    const killed = await renderAndSignal(dir, 'SIGKILL');
    expect(killed.sent).toBe(true);
    // Its ffmpeg died with it (parent-death signal): nothing is still writing into out/.
    await waitFor(async () => (await processesMentioning(dir.out)).length === 0, `every process writing into ${dir.out} to be gone`, 10_000);
    expect(existsSync(join(dir.out, 'LONG-1', 'douyin.mp4'))).toBe(false);
    // Switch to draft so the rerun is quick; the stale temp (from a dead pid) must go.
    await writeFile(dir.spec, (await readFile(dir.spec, 'utf8')).replace('quality: high', 'quality: draft'));
    const rerun = await runCli(['render', dir.spec, '--config', dir.config]);
    expect(rerun.code, rerun.stderr).toBe(0);
    expect(existsSync(join(dir.out, 'LONG-1', 'douyin.mp4'))).toBe(true);
    expect(await listTemps(dir.out)).toEqual([]);
  });
});
