// The public address a channel is given for a video in the output folder, when `posts.mediaUrl`
// says where the output folder is served.
import { relative, sep } from 'node:path';
import type { PromoConfig } from '../config/config-types.ts';

/** The public address of a file in the output folder, when `posts.mediaUrl` is configured. */
export function mediaLink(config: PromoConfig, file: string): string | undefined {
  const base = config.posts.mediaUrl;
  if (!base) return undefined;
  const path = relative(config.out, file);
  if (path.startsWith('..')) return undefined;
  return new URL(path.split(sep).map(encodeURIComponent).join('/'), base.endsWith('/') ? base : `${base}/`).toString();
}
