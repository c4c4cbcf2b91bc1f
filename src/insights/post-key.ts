// How an imported post is known from one export to the next: the first line of its title (at most
// 30 characters: Douyin's 作品名称 carries the body text too, 罗盘's 视频标题 and the 短视频引流
// sheet's 短视频名称 only the title) and its publish minute.
import { createHash } from 'node:crypto';

/** The post's key in insight_posts. */
export function postKey(title: string, publishedMs: number): string {
  const head = title.split('\n')[0]!.replace(/\s+/g, ' ').trim().slice(0, 30);
  // Minute first: exports list posts in time order, so the key index grows at its end.
  return `${Math.floor(publishedMs / 60_000)}:${createHash('sha1').update(head).digest('base64url').slice(0, 20)}`;
}
