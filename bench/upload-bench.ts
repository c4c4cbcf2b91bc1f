// Benchmarks 9 and 10: promo's YouTube upload (resumable, 100 MiB chunks streamed from disk) of a
// 1 GiB file to the loopback fake YouTube, against curl uploading the same file in one PUT to a
// session of the same fake; and promo's peak memory while doing it. The fake hashes every byte
// either way, so both sides do the same work on the server.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { open, rename, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { build } from 'esbuild';
import { startFakeYoutube } from '../test/helpers/fake-youtube-server.ts';
import { alternate, median, timeCommand, type Timed } from './bench-tools.ts';

const MiB = 1024 * 1024;
const FILE_BYTES = 1024 * MiB;

/** Both figures, formatted side by side with their targets. */
export async function benchUpload(repo: string, work: string, runs: number): Promise<string> {
  const file = await makeUploadFile(join(work, 'upload-1gib.mp4'));
  const child = await bundleChild(repo, work);
  const fake = await startFakeYoutube();
  const token = fake.oauth.grant().accessToken;
  try {
    const promoSide = async (): Promise<Timed> => {
      const timed = await timeCommand(process.execPath, [child, fake.url, token, file], { cwd: work, keepStdout: true });
      // The child's own measure of the send, without Node's start-up.
      return timed.code === 0 ? { ...timed, seconds: (JSON.parse(timed.stdout ?? '') as { seconds: number }).seconds } : timed;
    };
    const curlSide = async (): Promise<Timed> => {
      const session = await startSession(fake.url, token, FILE_BYTES);
      return timeCommand('curl', ['-sS', '--fail', '-o', '/dev/null', '-T', file, '-H', 'Expect:', '-H', `Authorization: Bearer ${token}`,
        '-H', 'Content-Type: video/mp4', '-H', `Content-Range: bytes 0-${FILE_BYTES - 1}/${FILE_BYTES}`, session]);
    };
    const t = await alternate(runs, promoSide, curlSide);
    if (fake.rejections.length) throw new Error(`the fake refused: ${fake.rejections.join('; ')}`);
    const rate = (x: Timed) => FILE_BYTES / MiB / x.seconds;
    const promoRate = median(t.a.map(rate));
    const curlRate = median(t.b.map(rate));
    return [
      '9. upload of a 1 GiB file to the loopback fake YouTube',
      `  promo (resumable, 100 MiB chunks)  median ${promoRate.toFixed(0)} MiB/s   (runs: ${t.a.map((x) => rate(x).toFixed(0)).join(' ')})`,
      `  curl -T (one PUT)                  median ${curlRate.toFixed(0)} MiB/s   (runs: ${t.b.map((x) => rate(x).toFixed(0)).join(' ')})`,
      `  ratio ${(promoRate / curlRate).toFixed(2)}×   target ≥ 0.9×`,
      '',
      '10. promo\'s peak memory uploading the 1 GiB file',
      `  peak RSS ${median(t.a.map((x) => x.peakMiB)).toFixed(0)} MiB (max ${Math.max(...t.a.map((x) => x.peakMiB)).toFixed(0)})   curl ${median(t.b.map((x) => x.peakMiB)).toFixed(0)} MiB   target < 150 MB`,
    ].join('\n');
  } finally {
    await fake.close();
  }
}

// The child bundled as promo runs (bin/promo.js runs an esbuild bundle of src/, not TypeScript
// through a loader, whose own ~40 MB would be counted against promo).
async function bundleChild(repo: string, work: string): Promise<string> {
  const outfile = join(work, 'youtube-upload-child.mjs');
  await build({
    entryPoints: [join(repo, 'bench', 'youtube-upload-child.ts')], outfile,
    bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', logLevel: 'silent',
  });
  return outfile;
}

async function startSession(api: string, token: string, bytes: number): Promise<string> {
  const answer = await fetch(`${api}/upload/youtube/v3/videos?uploadType=resumable&part=snippet,status`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'x-upload-content-length': String(bytes), 'x-upload-content-type': 'video/mp4' },
    body: JSON.stringify({ snippet: { title: 'bench', description: 'bench' }, status: { privacyStatus: 'unlisted' } }),
  });
  const location = answer.headers.get('location');
  if (answer.status !== 200 || !location) throw new Error(`starting a session: HTTP ${answer.status}`);
  return location;
}

// 1 GiB of incompressible bytes, written once and kept in bench/.work.
async function makeUploadFile(path: string): Promise<string> {
  if (existsSync(path) && (await stat(path)).size === FILE_BYTES) return path;
  const temp = `${path}.tmp`;
  const handle = await open(temp, 'w');
  try {
    for (let written = 0; written < FILE_BYTES; written += 4 * MiB) await handle.write(randomBytes(4 * MiB));
  } finally {
    await handle.close();
  }
  await rename(temp, path);
  return path;
}
