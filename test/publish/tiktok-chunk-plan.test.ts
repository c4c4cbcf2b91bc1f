// The chunks promo tells TikTok about, for sizes around the media transfer guide's boundaries
// (5 MB, the 10 MB chunk, 64 MB, 128 MB, 4 GB), checked against the fake's reading of the rules.
import { describe, expect, it } from 'vitest';
import { planTiktokChunks, TIKTOK_CHUNK_BYTES } from '../../src/publish/tiktok-chunk-plan.ts';
import { tiktokChunkProblem } from '../helpers/fake-tiktok-rules.ts';

const MiB = 1024 * 1024;
const SIZES = [1, 4096, 5 * MiB - 1, 5 * MiB, 5_000_000, 9_999_999, 10_000_000, 10_000_001, 19_999_999, 20_000_000, 20_000_001,
  64_000_000 - 1, 64_000_000, 64_000_001, 64 * MiB + 1, 128_000_000, 128_000_001, 999_999_999, 4_000_000_000];

describe('planTiktokChunks', () => {
  it.each(SIZES)('%i bytes: TikTok takes the plan, and the chunks cover the file in order', (size) => {
    const plan = planTiktokChunks(size);
    expect(tiktokChunkProblem(plan.videoSize, plan.chunkSize, plan.chunkCount)).toBeUndefined();
    expect(plan.chunkCount).toBe(Math.floor(size / plan.chunkSize));
    expect(plan.ranges).toHaveLength(plan.chunkCount);
    plan.ranges.forEach((range, index) => {
      expect(range.start).toBe(index * plan.chunkSize);
      if (index < plan.chunkCount - 1) expect(range.end - range.start).toBe(plan.chunkSize);
    });
    expect(plan.ranges.at(-1)!.end).toBe(size);
  });

  it('sends up to one chunk whole, and beyond it 10 MB chunks with the remainder in the last', () => {
    expect(planTiktokChunks(4096)).toMatchObject({ chunkSize: 4096, chunkCount: 1 });
    expect(planTiktokChunks(TIKTOK_CHUNK_BYTES)).toMatchObject({ chunkSize: TIKTOK_CHUNK_BYTES, chunkCount: 1 });
    const plan = planTiktokChunks(50_000_123);
    // TikTok's own example: 50 000 123 bytes in 10 000 000-byte chunks is 5 chunks, the last 10 000 123.
    expect([plan.chunkCount, plan.ranges.at(-1)!.end - plan.ranges.at(-1)!.start]).toEqual([5, 10_000_123]);
    expect(planTiktokChunks(19_999_999).ranges).toEqual([{ start: 0, end: 19_999_999 }]);
  });

  it('refuses an empty file', () => {
    expect(() => planTiktokChunks(0)).toThrow('a video of 0 bytes cannot be uploaded');
  });
});

describe("the fake's chunk rules", () => {
  it('refuse what TikTok refuses', () => {
    // ceil instead of floor
    expect(tiktokChunkProblem(25_000_000, 10_000_000, 3)).toContain('is not floor(video_size / chunk_size) = 2');
    expect(tiktokChunkProblem(4_000_000, 1_000_000, 4)).toContain('under 5 MB must be uploaded whole');
    expect(tiktokChunkProblem(100_000_000, 4_000_000, 25)).toContain('not within 5 MB–64 MB');
    expect(tiktokChunkProblem(100_000_000, 100_000_000, 1)).toContain('over 64 MB must be uploaded in several chunks');
    expect(tiktokChunkProblem(200_000_000, 64_000_000, 2)).toContain('is not floor(video_size / chunk_size) = 3');
    expect(tiktokChunkProblem(4_000_000_000, 5 * MiB, 762)).toBeUndefined();
    expect(tiktokChunkProblem(6_000_000_000, 5 * MiB, 1144)).toContain('at most 1000 chunks');
  });
});
