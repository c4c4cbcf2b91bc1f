// The footage and logo the kept-cache tests render: a small stereo clip and a PNG logo.
import { makeStill, makeVideo } from './fixtures.ts';

/** A 320×180 clip of `duration` seconds with stereo sound, and a 128×64 PNG. */
export async function makeKeptCacheMedia(duration: number): Promise<{ footage: string; logo: string }> {
  const [footage, logo] = await Promise.all([
    makeVideo({ width: 320, height: 180, duration, audio: 'stereo' }),
    makeStill({ width: 128, height: 64, format: 'png' }),
  ]);
  return { footage, logo };
}
