// The checks TikTok's video/init makes on source_info, written from the media transfer guide
// (https://developers.tiktok.com/doc/content-posting-api-media-transfer-guide), apart from the
// driver's own chunk planning so that the fake can catch it: chunks of 5–64 MB, total_chunk_count
// = floor(video_size / chunk_size), the last chunk up to 128 MB, a video under 5 MB whole, over
// 64 MB in several chunks, 1–1000 chunks. Where "MB" could mean 10^6 or 2^20 bytes the stricter
// reading is taken (at least 5 MiB, at most 64 000 000 / 128 000 000 bytes).

const MIN_CHUNK = 5 * 1024 * 1024;
const MAX_CHUNK = 64_000_000;
const MAX_LAST_CHUNK = 128_000_000;

/** Why TikTok would refuse these source_info numbers, or undefined when it takes them. */
export function tiktokChunkProblem(videoSize: unknown, chunkSize: unknown, totalChunkCount: unknown): string | undefined {
  if (![videoSize, chunkSize, totalChunkCount].every((n) => Number.isSafeInteger(n) && (n as number) > 0)) {
    return 'video_size, chunk_size and total_chunk_count must be positive integers';
  }
  const size = videoSize as number;
  const chunk = chunkSize as number;
  const count = totalChunkCount as number;
  if (size < MIN_CHUNK) {
    return chunk === size && count === 1 ? undefined : 'a video under 5 MB must be uploaded whole: chunk_size = video_size, total_chunk_count = 1';
  }
  if (count === 1 && chunk === size) return size <= MAX_CHUNK ? undefined : 'a video over 64 MB must be uploaded in several chunks';
  if (chunk < MIN_CHUNK || chunk > MAX_CHUNK) return `chunk_size ${chunk} is not within 5 MB–64 MB`;
  if (count !== Math.floor(size / chunk)) return `total_chunk_count ${count} is not floor(video_size / chunk_size) = ${Math.floor(size / chunk)}`;
  if (count > 1000) return 'at most 1000 chunks';
  if (size - (count - 1) * chunk > MAX_LAST_CHUNK) return 'the last chunk would be over 128 MB';
  if (size > MAX_CHUNK && count < 2) return 'a video over 64 MB must be uploaded in several chunks';
  return undefined;
}
