// The pacing of the automatic prune in a long-running promo (watcher, worker): pure, on a clock
// and a scheduler of the test's own; then on real renders, a job whose prune is put off still
// records the kept files it used (from its own files, not a listing), and the prune run later
// removes what the size cap asks for and nothing an output uses.
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { loadConfig } from '../../src/config/load-config.ts';
import { loadSpec } from '../../src/promo-spec/load-spec.ts';
import { renderBatch } from '../../src/render/render-batch.ts';
import { PrunePacer } from '../../src/render/kept-cache/prune-pacer.ts';
import { renderWithKeptCache } from '../../src/render/kept-cache/render-with-kept-cache.ts';
import { makeKeptCacheMedia } from '../helpers/kept-cache-media.ts';
import { makeSpecDir, TINY_SQUARE, type SpecDir } from '../helpers/spec-dir.ts';
import { waitFor } from '../helpers/wait-for.ts';

/** A clock and a scheduler the test moves by hand. */
function manualTime() {
  let now = 1_000_000;
  const timers: { at: number; run: () => void; cancelled: boolean }[] = [];
  return {
    now: () => now,
    schedule: (run: () => void, ms: number) => {
      const timer = { at: now + ms, run, cancelled: false };
      timers.push(timer);
      return () => { timer.cancelled = true; };
    },
    /** Moves the clock on and runs the timers that fall due. */
    advance(ms: number) {
      now += ms;
      for (const timer of timers.filter((t) => !t.cancelled && t.at <= now)) {
        timer.cancelled = true;
        timer.run();
      }
    },
    pending: () => timers.filter((t) => !t.cancelled).length,
  };
}

describe('PrunePacer', () => {
  it('lets the first prune of a folder run, then one per interval; a skipped one runs when the interval is over', async () => {
    const time = manualTime();
    const pacer = new PrunePacer(60_000, time);
    const ran: string[] = [];
    const later = (name: string) => async () => { ran.push(name); };
    expect(pacer.take('/out', later('a'))).toBe(true);
    time.advance(10_000);
    expect(pacer.take('/out', later('b'))).toBe(false);
    time.advance(10_000);
    // Only the latest skipped prune is kept: one prune covers every job before it.
    expect(pacer.take('/out', later('c'))).toBe(false);
    expect(time.pending()).toBe(1);
    time.advance(39_999);
    expect(ran).toEqual([]);
    time.advance(1);
    expect(ran).toEqual(['c']);
    // The deferred prune counts as the folder's last: the next job within the interval waits again.
    time.advance(30_000);
    expect(pacer.take('/out', later('d'))).toBe(false);
    time.advance(30_000);
    expect(ran).toEqual(['c', 'd']);
  });

  it('paces each folder on its own, and a prune due at a job runs there instead of the timer', () => {
    const time = manualTime();
    const pacer = new PrunePacer(60_000, time);
    const ran: string[] = [];
    expect(pacer.take('/a', async () => { ran.push('a0'); })).toBe(true);
    expect(pacer.take('/b', async () => { ran.push('b0'); })).toBe(true);
    time.advance(30_000);
    expect(pacer.take('/a', async () => { ran.push('a1'); })).toBe(false);
    time.advance(30_000);
    // The timer for /a fell due at the same moment as this job's prune would have: it ran once.
    expect(ran).toEqual(['a1']);
    time.advance(60_000);
    expect(pacer.take('/a', async () => { ran.push('a2'); })).toBe(true);
    expect(time.pending()).toBe(0);
    expect(ran).toEqual(['a1']);
  });

  it('flush() runs the prunes put off at once and waits for them', async () => {
    const time = manualTime();
    const pacer = new PrunePacer(60_000, time);
    const ran: string[] = [];
    pacer.take('/out', async () => { ran.push('first'); });
    pacer.take('/out', async () => {
      await new Promise((resolve) => setImmediate(resolve));
      ran.push('put off');
    });
    await pacer.flush();
    expect(ran).toEqual(['put off']);
    expect(time.pending()).toBe(0);
    // Flushed, so the timer it replaced never runs it again.
    time.advance(120_000);
    expect(ran).toEqual(['put off']);
  });

  it('close() cancels the prunes not run yet', () => {
    const time = manualTime();
    const pacer = new PrunePacer(60_000, time);
    const ran: string[] = [];
    pacer.take('/out', async () => { ran.push('first'); });
    pacer.take('/out', async () => { ran.push('skipped'); });
    pacer.close();
    time.advance(120_000);
    expect(ran).toEqual([]);
  });
});

describe('renderWithKeptCache with a pacer', () => {
  let footage: string;
  let logo: string;

  beforeAll(async () => {
    ({ footage, logo } = await makeKeptCacheMedia(3));
  }, 120_000);

  const spec = (caption: string) => ({
    stream: { title: 'paced' },
    brand: { logo: 'logo.png', color: '#E60012' },
    products: [{ sku: 'TEA-001', price: 39, footage: 'tea.mp4', clips: [{ in: 0, out: 1, caption }] }],
    outputs: [TINY_SQUARE],
    intro: false,
    outro: false,
    reel: false,
    quality: 'draft',
  });
  const captions = async (dir: SpecDir) => (await readdir(join(dir.out, '.promo', 'images'))).filter((n) => n.startsWith('caption-')).sort();
  const uses = async (dir: SpecDir) => JSON.parse(await readFile(join(dir.out, '.promo', 'kept-uses.json'), 'utf8')) as { uses: Record<string, string[]> };

  it('records each job\'s kept files when its prune is put off, and the prune run later keeps only what the outputs use', async () => {
    // A size cap of one byte: every kept file no output uses is a victim of each prune.
    const dir = await makeSpecDir(spec('第一'), { files: { 'tea.mp4': footage, 'logo.png': logo }, config: { cache: { maxSize: 1, maxAge: 'off' } } });
    const config = await loadConfig(dir.config, { cwd: dir.dir });
    const time = manualTime();
    const pacer = new PrunePacer(60_000, time);
    const notices: string[] = [];
    const render = async (caption: string) => {
      await writeFile(dir.spec, stringify(spec(caption)));
      const loaded = await loadSpec(dir.spec, { timezone: config.timezone });
      if (!loaded.ok) throw new Error(JSON.stringify(loaded.issues));
      return renderWithKeptCache({ outDir: config.out, limits: config.cache, pacer, onNotice: (t) => notices.push(t) }, () => renderBatch({ spec: loaded.spec, config, outDir: config.out }));
    };
    await render('第一');
    expect(await captions(dir)).toHaveLength(1);
    const [first] = await captions(dir);
    // Two edits within the interval: their prunes are put off, so the old captions stay for now…
    await render('第二');
    await render('第三');
    expect(await captions(dir)).toHaveLength(3);
    expect(notices).toEqual([]);
    // …while the record of use already names the current caption alone for the video (the same
    // record a listing of every kept file would have given).
    const current = (await captions(dir)).filter((n) => n !== first);
    const recorded = Object.values((await uses(dir)).uses).flat().filter((p) => p.includes('caption-'));
    expect(recorded.length).toBeGreaterThan(0);
    expect(new Set(recorded).size).toBe(1);
    expect(current.map((n) => `.promo/images/${n}`)).toContain(recorded[0]);
    // The put-off prune runs once the interval is over.
    time.advance(60_000);
    await waitFor(async () => (await captions(dir)).length === 1, 'the put-off prune to remove the old captions');
    expect(`.promo/images/${(await captions(dir))[0]}`).toBe(recorded[0]);
    expect(notices.join('\n')).toMatch(/pruned \d+ kept files? no current output uses/);
    pacer.close();
  }, 300_000);
});
