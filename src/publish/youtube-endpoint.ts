// Where a YouTube request goes: Google's own hosts, or the channel's `api:` base in front of the
// real paths (a proxy, or the loopback fake in tests).
import { YOUTUBE_HOSTS } from '../channels/youtube-kind.ts';
import type { YoutubeConfig } from './youtube-config.ts';


/** The URL of `path` (a real Google path, with its query) on the API or the upload host. */
export function youtubeEndpoint(config: YoutubeConfig, host: 'api' | 'upload', path: string, query: Record<string, string> = {}): URL {
  const base = (config.api ?? YOUTUBE_HOSTS[host]).replace(/\/+$/, '');
  const url = new URL(`${base}${path}`);
  for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value);
  return url;
}
