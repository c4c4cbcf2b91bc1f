// The fake TikTok's upload URL (PUT, media transfer guide): the URL's upload_id and upload_token
// name a task (404 otherwise), it lives one hour (403 after), Content-Type is video/mp4,
// video/quicktime or video/webm, Content-Length is the body's, Content-Range is exactly the next
// chunk (416 with TikTok's progress otherwise), sequential only; 206 with `Content-Range: bytes
// 0-N/T` until the last chunk, then 201, and the video exists. Scripted outcomes: `drop` (socket
// destroyed, nothing stored), `drop-after` (stored, then destroyed: the answer is lost), `hang`
// (nothing stored, never answered), `hang-after` (stored, never answered), `500`.
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FakeVideo } from './fake-tiktok-server.ts';

export interface TiktokTask {
  publishId: string;
  uploadId: string;
  uploadToken: string;
  title: string;
  privacy: string;
  createdAt: number;
  videoSize: number;
  chunkSize: number;
  chunkCount: number;
  parts: Buffer[];
  uploaded: number;
  /** status/fetch calls after the upload finished. */
  polls: number;
}

export interface UploadContext {
  tasks: Map<string, TiktokTask>;
  videos: FakeVideo[];
  now: () => number;
  scripted: string;
  hang: () => void;
  reject: (status: number, reason: string) => void;
}

const URL_LIFETIME_MS = 3600_000;
const VIDEO_TYPES = ['video/mp4', 'video/quicktime', 'video/webm'];

/** Answers one PUT to an upload URL. */
export function handleTiktokUpload(req: IncomingMessage, res: ServerResponse, body: Buffer, context: UploadContext): void {
  const query = new URL(req.url ?? '/', 'http://x').searchParams;
  const task = [...context.tasks.values()].find((t) => t.uploadId === query.get('upload_id') && t.uploadToken === query.get('upload_token'));
  const refuse = (status: number, reason: string, headers: Record<string, string> = {}): void => {
    context.reject(status, reason);
    res.writeHead(status, { 'content-type': 'text/plain', ...headers });
    res.end(reason);
  };
  if (!task) return refuse(404, 'no upload task for this upload_id and upload_token');
  if (context.now() > task.createdAt + URL_LIFETIME_MS) return refuse(403, 'the upload URL expired (valid one hour)');
  if (context.scripted === 'drop') {
    req.socket.destroy();
    return;
  }
  if (context.scripted === '500') return refuse(500, 'scripted internal error');
  if (!VIDEO_TYPES.includes(req.headers['content-type'] ?? '')) return refuse(400, `Content-Type ${req.headers['content-type']} is not video/mp4, video/quicktime or video/webm`);
  if (Number(req.headers['content-length']) !== body.length) return refuse(400, 'Content-Length does not match the body');
  const progress = { 'content-range': task.uploaded > 0 ? `bytes 0-${task.uploaded - 1}/${task.videoSize}` : `bytes */${task.videoSize}` };
  const range = /^bytes (\d+)-(\d+)\/(\d+)$/.exec(req.headers['content-range'] ?? '');
  if (!range) return refuse(400, `malformed Content-Range ${req.headers['content-range']}`);
  const [first, last, total] = [Number(range[1]), Number(range[2]), Number(range[3])];
  if (total !== task.videoSize || last - first + 1 !== body.length) return refuse(400, 'Content-Range does not match video_size or the body');
  if (first !== task.uploaded) return refuse(416, `Content-Range starts at ${first}, ${task.uploaded} bytes uploaded`, progress);
  const index = task.parts.length;
  const expected = index === task.chunkCount - 1 ? task.videoSize - index * task.chunkSize : task.chunkSize;
  if (index >= task.chunkCount || body.length !== expected) return refuse(400, `chunk ${index + 1} must have ${expected} bytes, not ${body.length}`);

  if (context.scripted === 'hang') {
    context.hang();
    return;
  }
  task.parts.push(Buffer.from(body));
  task.uploaded += body.length;
  const done = task.uploaded === task.videoSize;
  if (done) {
    const whole = Buffer.concat(task.parts);
    context.videos.push({ publishId: task.publishId, title: task.title, privacy: task.privacy, bytes: whole.length, sha256: createHash('sha256').update(whole).digest('hex') });
  }
  if (context.scripted === 'drop-after') {
    req.socket.destroy();
    return;
  }
  if (context.scripted === 'hang-after') {
    context.hang();
    return;
  }
  res.writeHead(done ? 201 : 206, { 'content-range': `bytes 0-${task.uploaded - 1}/${task.videoSize}` });
  res.end();
}
