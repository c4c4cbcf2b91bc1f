// A post's video to the upload endpoint Kuaishou's start_upload named: under 10 MB in one
// `POST /api/upload` (raw body), otherwise in 5 MiB fragments (`/api/upload/fragment`,
// fragment_id from 0) and `/api/upload/complete` with the fragment count. Each confirmed
// fragment is checkpointed; a resumed upload asks `/api/upload/resume` where it stands, and a
// fragment cut mid-way is sent again.
import type { ChannelConfigOf } from './channel-types.ts';
import { fileRangeBody } from './http-request.ts';
import { callKuaishou } from './kuaishou-api.ts';
import type { ProgressKeeper } from './progress-keeper.ts';
import type { Attachment } from './read-attachment.ts';
import { retryUpload } from './retry-upload.ts';
import type { SendScope } from './send-scope.ts';

type KuaishouConfig = ChannelConfigOf<'kuaishou'>;

export interface KuaishouUploadProgress {
  uploadToken: string;
  endpoint: string;
  /** Fragments the endpoint confirmed (0-based ids below this). */
  fragmentsDone: number;
  uploaded: boolean;
}

// Clients of the open platform upload whole under 10 MB and in 5–8 MB fragments above (?: the
// thresholds are the clients', not documented figures).
const WHOLE_MAX_BYTES = 10_000_000;
const FRAGMENT_BYTES = 5 * 1024 * 1024;

/** Uploads `video` with the saved upload token (or goes on with a saved upload); checkpoints `uploaded`. */
export async function uploadKuaishouVideo(config: KuaishouConfig, scope: SendScope, video: Attachment, progress: ProgressKeeper<KuaishouUploadProgress>): Promise<void> {
  if (progress.saved.uploaded) return;
  const { uploadToken, endpoint } = progress.saved as KuaishouUploadProgress;
  const at = (path: string) => endpointUrl(config, endpoint, path);
  const upload = (path: string, query: Record<string, string>, start: number, end: number) =>
    retryUpload(() => callKuaishou(config, scope, { method: 'POST', path: at(path), upload: true, query: { upload_token: uploadToken, ...query }, body: fileRangeBody(video.path, start, end, video.contentType), postsNothing: true }));

  if (video.bytes < WHOLE_MAX_BYTES) {
    await upload('/api/upload', {}, 0, video.bytes);
    await progress.save({ uploaded: true });
    return;
  }
  const count = Math.ceil(video.bytes / FRAGMENT_BYTES);
  let next = progress.saved.fragmentsDone ?? 0;
  if (next > 0) next = await resumeFrom(config, scope, at('/api/upload/resume'), uploadToken, next);
  for (let id = next; id < count; id++) {
    await upload('/api/upload/fragment', { fragment_id: String(id) }, id * FRAGMENT_BYTES, Math.min(video.bytes, (id + 1) * FRAGMENT_BYTES));
    await progress.save({ fragmentsDone: id + 1 });
  }
  await callKuaishou(config, scope, { method: 'POST', path: at('/api/upload/complete'), upload: true, query: { upload_token: uploadToken, fragment_count: String(count) }, postsNothing: true });
  await progress.save({ uploaded: true });
}

// What the endpoint says it holds, when it says (`fragment_index`, the last contiguous id it
// has: the shape is the clients', ?): it may hold a fragment whose confirmation a crash lost.
// Else what was checkpointed.
async function resumeFrom(config: KuaishouConfig, scope: SendScope, url: string, uploadToken: string, saved: number): Promise<number> {
  try {
    const answer = await callKuaishou(config, scope, { method: 'GET', path: url, upload: true, query: { upload_token: uploadToken }, postsNothing: true });
    return typeof answer.fragment_index === 'number' && answer.fragment_index >= -1 ? answer.fragment_index + 1 : saved;
  } catch {
    return saved;
  }
}

// http://{endpoint}{path}, as Kuaishou's doc has it; with `api:` set, its base instead.
function endpointUrl(config: KuaishouConfig, endpoint: string, path: string): string {
  return config.api ? `${config.api.replace(/\/+$/, '')}${path}` : `http://${endpoint}${path}`;
}
