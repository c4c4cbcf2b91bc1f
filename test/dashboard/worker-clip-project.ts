// The project of the Clips-page tests with queue.backend bullmq: one product (TEA-001, a 3 s
// footage, one clip) rendered once here so the Clips page lists it, its queue on the test Redis
// under a fresh prefix; `videoOf` reads the product's video from the manifest as it is now.
import { loadConfig } from '../../src/config/load-config.ts';
import { loadSpec } from '../../src/promo-spec/load-spec.ts';
import { readManifest } from '../../src/render/manifest.ts';
import { renderBatch } from '../../src/render/render-batch.ts';
import { makeVideo } from '../helpers/fixtures.ts';
import { makeSpecDir } from '../helpers/spec-dir.ts';
import { TEST_REDIS_URL, testQueuePrefix } from '../helpers/test-redis.ts';

/** A rendered one-product project whose renders go to the workers. */
export async function makeWorkerClipProject() {
  const prefix = testQueuePrefix();
  const footage = await makeVideo({ width: 320, height: 180, duration: 3, fps: 15 });
  const dir = await makeSpecDir({
    stream: { title: 'Tea night', timezone: 'Asia/Shanghai', start: '2030-06-01 20:00' },
    products: [{ sku: 'TEA-001', footage: 'tea.mp4', clips: [{ in: 0, out: 2, caption: 'first caption' }] }],
    outputs: [{ name: 'small', width: 180, height: 320, fps: 15 }],
    intro: false, outro: false, quality: 'draft',
  }, { files: { 'tea.mp4': footage }, config: { queue: { backend: 'bullmq', redis: TEST_REDIS_URL, prefix, lock: '5s' } } });
  const config = await loadConfig(dir.config, { cwd: dir.dir });
  // The first render, so the Clips page lists the product (done here: only the edit is under test).
  const loaded = await loadSpec(dir.spec, { timezone: config.timezone });
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.issues));
  await renderBatch({ spec: loaded.spec, config, outDir: dir.out });
  const videoOf = async () => (await readManifest(dir.out))!.artifacts.find((a) => a.sku === 'TEA-001' && a.path.endsWith('.mp4'))!;
  return { dir, config, prefix, videoOf };
}
