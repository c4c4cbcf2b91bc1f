// How an imported post is known from one export to the next: the first line of its title (at most
// 30 characters: Douyin's 作品名称 carries the body text too, 罗盘's 视频标题 and the 短视频引流
// sheet's 短视频名称 only the title) and its publish minute.
import * as crypto from 'node:crypto';

// Node ≥ 20.12's one-shot hash is about twice as fast as createHash for short input (it is on
// every imported row); the result is the same.
const sha1 = (crypto as { hash?: (algorithm: string, data: string, encoding: 'base64url') => string }).hash;
/** Whitespace that `\s+ → ' '` would change: a run of two, or any but a plain space. */
const UNUSUAL_SPACE = /\s\s|[^\S ]/;

/** The post's key in insight_posts. */
export function postKey(title: string, publishedMs: number): string {
  const newline = title.indexOf('\n');
  let head = newline === -1 ? title : title.slice(0, newline);
  if (UNUSUAL_SPACE.test(head)) head = head.replace(/\s+/g, ' ');
  head = head.trim().slice(0, 30);
  const digest = sha1 ? sha1('sha1', head, 'base64url') : crypto.createHash('sha1').update(head).digest('base64url');
  // Minute first: exports list posts in time order, so the key index grows at its end.
  return `${Math.floor(publishedMs / 60_000)}:${digest.slice(0, 20)}`;
}
