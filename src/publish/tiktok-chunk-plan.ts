// How TikTok's FILE_UPLOAD cuts a video into chunks (media transfer guide,
// https://developers.tiktok.com/doc/content-posting-api-media-transfer-guide): every chunk but the
// last is chunk_size bytes, 5–64 MB; total_chunk_count = floor(video_size / chunk_size), so the
// last chunk takes the remainder and may reach 128 MB; a video under 5 MB goes whole, as one
// chunk of its own size; at most 1000 chunks. Chunks are sent in order, one at a time.

export interface TiktokChunkPlan {
  videoSize: number;
  chunkSize: number;
  chunkCount: number;
  /** Bytes [start, end) of each chunk, in order: the last one runs to the end of the file. */
  ranges: { start: number; end: number }[];
}

/**
 * 10 MB chunks (TikTok's own example size): far from both bounds whether the guide's "MB" means
 * 10^6 or 2^20 bytes, the last chunk stays under 20 MB, 4 GB makes 400 chunks, and a dropped
 * connection costs at most one chunk.
 */
export const TIKTOK_CHUNK_BYTES = 10_000_000;

/** The chunk_size and total_chunk_count video/init is told for a video of `videoSize` bytes, and each chunk's bytes. */
export function planTiktokChunks(videoSize: number): TiktokChunkPlan {
  if (!Number.isSafeInteger(videoSize) || videoSize <= 0) throw new Error(`a video of ${videoSize} bytes cannot be uploaded`);
  // Up to one chunk's size the video goes whole: required under 5 MB, and a whole 5–10 MB video
  // is itself a chunk within 5–64 MB.
  const chunkSize = Math.min(videoSize, TIKTOK_CHUNK_BYTES);
  const chunkCount = Math.floor(videoSize / chunkSize);
  const ranges = Array.from({ length: chunkCount }, (_, index) => ({
    start: index * chunkSize,
    end: index === chunkCount - 1 ? videoSize : (index + 1) * chunkSize,
  }));
  return { videoSize, chunkSize, chunkCount, ranges };
}
