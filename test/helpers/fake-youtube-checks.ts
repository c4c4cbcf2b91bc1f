// What YouTube checks in a videos.insert resource (research/uploads.md sections 1.3 and 10),
// Google's JSON error envelope, and the fake YouTube's plumbing (small bodies, the OAuth proxy).
import http, { type IncomingMessage, type ServerResponse } from 'node:http';

/** Answers with Google's error envelope: `{ error: { code, message, errors: [{ domain, reason, message }] } }`. */
export function sendGoogleError(res: ServerResponse, status: number, reason: string, message: string, headers: Record<string, string> = {}): void {
  const domain = reason === 'quotaExceeded' ? 'youtube.quota' : /RateLimit/.test(reason) ? 'usageLimits' : 'youtube.video';
  res.writeHead(status, { 'content-type': 'application/json; charset=UTF-8', ...headers });
  res.end(JSON.stringify({ error: { code: status, message, errors: [{ message, domain, reason }] } }));
}

/** Why YouTube would refuse `resource`, as [reason, message], or undefined when it takes it. */
export function resourceProblem(resource: unknown): [string, string] | undefined {
  const video = (typeof resource === 'object' && resource !== null ? resource : {}) as { snippet?: Record<string, unknown>; status?: Record<string, unknown> };
  const snippet = video.snippet ?? {};
  const status = video.status ?? {};
  const title = snippet.title;
  if (typeof title !== 'string' || title.trim() === '') return ['invalidTitle', 'The request metadata specifies an invalid or empty video title.'];
  if ([...title].length > 100 || /[<>]/.test(title)) return ['invalidTitle', 'The request metadata specifies an invalid video title.'];
  const description = snippet.description ?? '';
  if (typeof description !== 'string' || Buffer.byteLength(description, 'utf8') > 5000 || /[<>]/.test(description)) {
    return ['invalidDescription', 'The request metadata specifies an invalid video description.'];
  }
  if (snippet.tags !== undefined) {
    const tags = snippet.tags;
    if (!Array.isArray(tags) || tags.some((t) => typeof t !== 'string')) return ['invalidTags', 'The request metadata specifies invalid video keywords.'];
    // Commas between tags count, and a tag with a space counts as quoted (+2).
    const length = (tags as string[]).reduce((sum, tag) => sum + [...tag].length + (tag.includes(' ') ? 2 : 0), 0) + Math.max(0, tags.length - 1);
    if (length > 500) return ['invalidTags', 'The request metadata specifies invalid video keywords.'];
  }
  if (snippet.categoryId !== undefined && !(typeof snippet.categoryId === 'string' && /^\d+$/.test(snippet.categoryId))) {
    return ['invalidCategoryId', 'The snippet.categoryId property specifies an invalid category ID.'];
  }
  if (!['public', 'unlisted', 'private'].includes(String(status.privacyStatus))) return ['invalidVideoMetadata', 'status.privacyStatus is missing or invalid.'];
  if (status.publishAt !== undefined) {
    if (status.privacyStatus !== 'private') return ['invalidPublishAt', 'publishAt can only be set for a private video.'];
    if (typeof status.publishAt !== 'string' || Number.isNaN(Date.parse(status.publishAt))) return ['invalidPublishAt', 'The request metadata specifies an invalid scheduled publishing time.'];
  }
  return undefined;
}

/** A request's whole body (metadata and images: small). */
export async function readAll(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

// The OAuth paths (authorize, token) are the shared OAuth fake's: passed through unchanged.
export function proxy(req: IncomingMessage, res: ServerResponse, target: string): void {
  const forward = http.request(new URL(req.url ?? '/', target), { method: req.method, headers: req.headers }, (answer) => {
    res.writeHead(answer.statusCode ?? 502, answer.headers);
    answer.pipe(res);
  });
  forward.on('error', () => res.destroy());
  req.pipe(forward);
}
