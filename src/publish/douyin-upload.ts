// A post's video to Douyin, as the upload doc says
// (https://developer.open-douyin.com/docs/resource/zh-CN/dop/develop/openapi/video-management/douyin/create-video/upload-video):
// at most 128 MB in one upload_video, larger files in parts (init → upload_video_part 1..N,
// multipart field `video`, 20 MB parts → complete). The upload id and each confirmed part are
// checkpointed, so a resumed send goes on at the next part; parts cut mid-way are sent again.
import type { ChannelConfigOf } from './channel-types.ts';
import { callDouyin } from './douyin-api.ts';
import { jsonBody } from './http-request.ts';
import { multipartBody } from './multipart-body.ts';
import type { ProgressKeeper } from './progress-keeper.ts';
import type { Attachment } from './read-attachment.ts';
import { retryUpload } from './retry-upload.ts';
import { scopedError, type SendScope } from './send-scope.ts';

type DouyinConfig = ChannelConfigOf<'douyin'>;

export interface DouyinUploadProgress {
  uploadId: string;
  /** Parts (1-based) the service confirmed, in order. */
  partsDone: number;
  videoId: string;
}

// Above this, the upload must be in parts (decimal, the safe side of "128 MB").
const SINGLE_MAX_BYTES = 128_000_000;
// The doc suggests 20 MB parts and requires at least 5 MB; the last part takes the rest.
const PART_BYTES = 20 * 1024 * 1024;

/** Uploads `video` (or goes on with a saved upload) and returns its video_id, checkpointed. */
export async function uploadDouyinVideo(config: DouyinConfig, scope: SendScope, openId: string, video: Attachment, progress: ProgressKeeper<DouyinUploadProgress>): Promise<string> {
  if (progress.saved.videoId) return progress.saved.videoId;
  const part = (start: number, size: number) => multipartBody([{ name: 'video', file: video.path, filename: video.name, contentType: video.contentType, size, start }]);
  if (video.bytes <= SINGLE_MAX_BYTES) {
    const data = await retryUpload(() => callDouyin(config, scope, openId, { path: '/api/douyin/v1/video/upload_video/', body: part(0, video.bytes), postsNothing: true }));
    return saveVideoId(scope, progress, data);
  }

  let uploadId = progress.saved.uploadId;
  if (!uploadId) {
    const data = await callDouyin(config, scope, openId, { path: '/api/douyin/v1/video/init_video_part_upload/', body: jsonBody('{}'), postsNothing: true });
    if (typeof data.upload_id !== 'string' || data.upload_id === '') throw scopedError(scope, 'the init_video_part_upload answer has no upload_id', { retryable: false });
    uploadId = data.upload_id;
    await progress.save({ uploadId, partsDone: 0 });
  }
  const parts = Math.max(1, Math.floor(video.bytes / PART_BYTES));
  for (let number = (progress.saved.partsDone ?? 0) + 1; number <= parts; number++) {
    const start = (number - 1) * PART_BYTES;
    const size = number === parts ? video.bytes - start : PART_BYTES;
    await retryUpload(() => callDouyin(config, scope, openId, {
      path: '/api/douyin/v1/video/upload_video_part/',
      query: { upload_id: uploadId, part_number: String(number) },
      body: part(start, size),
      postsNothing: true,
    }));
    await progress.save({ partsDone: number });
  }
  const data = await callDouyin(config, scope, openId, { path: '/api/douyin/v1/video/complete_video_part_upload/', query: { upload_id: uploadId }, body: jsonBody('{}'), postsNothing: true });
  return saveVideoId(scope, progress, data);
}

async function saveVideoId(scope: SendScope, progress: ProgressKeeper<DouyinUploadProgress>, data: Record<string, unknown>): Promise<string> {
  const videoId = (data.video as { video_id?: unknown } | undefined)?.video_id;
  if (typeof videoId !== 'string' || videoId === '') throw scopedError(scope, 'the upload answer has no video.video_id', { retryable: false });
  await progress.save({ videoId });
  return videoId;
}
