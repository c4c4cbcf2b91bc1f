// What a watched inbox's job reports as it renders for real (ffmpeg on tiny footage): the figures
// `promo render` draws its bars from, named by product, presets and stage, through the real
// embedded runner (which records them, throttled, while the job runs).
import { copyFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.ts';
import { LocalJobRunner } from '../../src/queue/local-job-runner.ts';
import { createWatchJobHandler } from '../../src/watch/render-watch-job.ts';
import { PrunePacer } from '../../src/render/kept-cache/prune-pacer.ts';
import { holdSpec } from '../../src/watch/spec-holder.ts';
import { makeVideo } from '../helpers/fixtures.ts';
import { makeSpecDir } from '../helpers/spec-dir.ts';

describe('a watched job\'s render progress', () => {
  it('goes from images through encoding (ffmpeg\'s own figures) to done, never backwards, for the product\'s presets', async () => {
    const footage = await makeVideo({ width: 320, height: 180, duration: 3, fps: 15 });
    const dir = await makeSpecDir({
      stream: { title: 'Tea night', timezone: 'Asia/Shanghai', start: '2030-06-01 20:00' },
      products: [{ sku: 'TEA-001', footage: 'tea.mp4', clips: [{ in: 0, out: 2.5 }] }],
      outputs: [{ name: 'small', width: 180, height: 320, fps: 15 }, { name: 'wide', width: 320, height: 180, fps: 15 }],
      intro: false, outro: false, quality: 'draft',
    }, { files: { 'tea.mp4': footage } });
    const config = await loadConfig(dir.config, { cwd: dir.dir });
    const inbox = join(dir.dir, 'inbox');
    const work = join(dir.dir, 'TEA-001.mp4');
    await copyFile(footage, work);
    const info = await stat(work);
    const runner = LocalJobRunner.open(config.state, { inboxes: [inbox], concurrency: 1 });
    try {
      const render = createWatchJobHandler({ config, specs: new Map([[dir.spec, await holdSpec(dir.spec, { timezone: config.timezone })]]), log: () => {}, pacer: new PrunePacer(60_000) });
      const reports: [number, string][] = [];
      const { job } = await runner.submit({ inbox, spec: dir.spec, fileName: 'TEA-001.mp4', contentSha256: 'a'.repeat(64), size: info.size, mtimeMs: info.mtimeMs, sku: 'TEA-001', footage: work });
      runner.start((running, context) => render(running, { ...context, progress: (fraction, what) => { reports.push([fraction, what]); context.progress(fraction, what); } }));
      await runner.idle();
      await runner.stop();
      const ended = (await runner.get(job.id))!;
      expect(ended.state, ended.error).toBe('done');
      expect(ended.progress).toBeUndefined(); // only a running job has one
      expect(reports[0]).toEqual([0, 'TEA-001 small, wide: images']);
      expect(reports.at(-1)).toEqual([1, 'TEA-001 small, wide: done']);
      const encoding = reports.filter(([, what]) => what === 'TEA-001 small, wide: encoding').map(([fraction]) => fraction);
      // ffmpeg's -progress lines between the start of the encode (0.08) and its end (0.92).
      expect(encoding.filter((fraction) => fraction > 0.08 && fraction < 0.92).length).toBeGreaterThan(0);
      const fractions = reports.map(([fraction]) => fraction);
      expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
    } finally {
      await runner.close();
    }
  }, 60_000);
});
