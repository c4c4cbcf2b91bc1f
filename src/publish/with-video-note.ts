// A chat post's text when its video does not go with it: the video's public link, else a line
// naming the file and why it was not attached, added only when the text still fits the limit.
import { formatMegabytes } from './format-megabytes.ts';
import type { Attachment } from './read-attachment.ts';

/**
 * The line added to a post's text when its video could not be attached, so readers know a video
 * exists and the team knows which file to post by hand. Returned only when it fits in `limit`
 * (measured by `measure`); otherwise the text goes out alone and the send result says why.
 */
export function withVideoNote(text: string, video: Attachment, reason: string, limit: number, measure: (text: string) => number, url?: string): string {
  // With a public address the video is linked; otherwise the note at least names it.
  const noted = url ? `${text}\n\n▶ ${url}` : `${text}\n\n(video ${video.name}, ${formatMegabytes(video.bytes)}, not attached: ${reason})`;
  return measure(noted) <= limit ? noted : text;
}
