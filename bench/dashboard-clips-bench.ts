// Benchmark 15: server time of the dashboard's Clips page (GET /clips over loopback, whole
// response) with 1 000 artifacts in the manifest (100 products × 5 presets, video and cover),
// against the same page with 10 artifacts (the fixed cost of the shell, the state and the spec).
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { loadConfig } from '../src/config/load-config.ts';
import { startDashboard } from '../src/dashboard/start-dashboard.ts';
import { writeManifest, type ManifestArtifact } from '../src/render/manifest.ts';
import { median } from './bench-tools.ts';

const PRESETS = ['douyin', 'kuaishou', 'channels', 'xiaohongshu', 'square'];
const REQUESTS = 30;

/** A project with `products` products rendered (as far as the manifest and the files go) in every preset. */
async function makeProject(products: number): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'promo-clips-bench-'));
  await writeFile(join(dir, 'tea.mp4'), '');
  await writeFile(join(dir, 'spec.yaml'), stringify({
    stream: { title: '千品专场', timezone: 'Asia/Shanghai' },
    products: Array.from({ length: products }, (_, i) => ({ sku: `SKU-${i}`, name: `商品 ${i}`, footage: 'tea.mp4', clips: [{ in: 0, out: 2, caption: `第 ${i} 号 <好茶>` }, { in: 2, out: 4 }] })),
    outputs: PRESETS,
  }));
  const artifacts: ManifestArtifact[] = [];
  for (let i = 0; i < products; i++) {
    await mkdir(join(dir, 'out', `SKU-${i}`), { recursive: true });
    for (const preset of PRESETS) {
      for (const kind of ['video', 'cover'] as const) {
        const path = `SKU-${i}/${preset}.${kind === 'video' ? 'mp4' : 'jpg'}`;
        await writeFile(join(dir, 'out', path), 'x');
        artifacts.push({ sku: `SKU-${i}`, preset, kind, path, ...(kind === 'video' ? { duration: 4 } : {}), width: 1080, height: 1920, sha256: `${i}`.padEnd(64, 'a'), bytes: 1, key: 'k', renderedAt: '2026-12-01T00:00:00Z', spec: '../spec.yaml' });
      }
    }
  }
  await writeManifest(join(dir, 'out'), { version: 1, spec: '../spec.yaml', generatedAt: '2026-12-01T00:00:00Z', artifacts, failures: [], warnings: [] });
  return dir;
}

function get(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    http.get(url, (res) => {
      res.resume();
      res.on('end', () => (res.statusCode === 200 ? resolve(Number(process.hrtime.bigint() - start) / 1e6) : reject(new Error(`GET ${url}: ${res.statusCode}`))));
    }).on('error', reject);
  });
}

/** 15. The Clips page with 1 000 artifacts vs 10. */
export async function benchDashboardClips(): Promise<string> {
  const big = await makeProject(100);
  const small = await makeProject(1);
  const servers = await Promise.all([big, small].map(async (dir) => startDashboard({ config: await loadConfig(undefined, { cwd: dir }), port: 0, lang: 'en' })));
  try {
    const [bigUrl, smallUrl] = servers.map((s) => `${s.url}clips`);
    // The first request also loads the spec (kept while its file is unchanged) and compiles the page code.
    const firstMs = await get(bigUrl!);
    for (let i = 0; i < 5; i++) await Promise.all([get(bigUrl!), get(smallUrl!)]);
    const bigMs: number[] = [];
    const smallMs: number[] = [];
    for (let i = 0; i < REQUESTS; i++) {
      bigMs.push(await get(bigUrl!));
      smallMs.push(await get(smallUrl!));
    }
    return [
      `15. dashboard Clips page, server time (GET /clips over loopback, ${REQUESTS} alternating requests each)`,
      `  1 000 artifacts (100 products × 5 presets)   median ${median(bigMs).toFixed(1)} ms, max ${Math.max(...bigMs).toFixed(1)} ms`,
      `  10 artifacts (baseline)                     median ${median(smallMs).toFixed(1)} ms, max ${Math.max(...smallMs).toFixed(1)} ms`,
      `  the first request, loading the 100-product spec: ${firstMs.toFixed(1)} ms`,
      '  target < 100 ms for 1 000 artifacts',
    ].join('\n');
  } finally {
    await Promise.all(servers.map((s) => s.close()));
    await Promise.all([big, small].map((dir) => rm(dir, { recursive: true, force: true })));
  }
}
