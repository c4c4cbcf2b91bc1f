// Posts, contexts, tiny media files and error capture for the channel tests.
import { open, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect } from 'vitest';
import { ChannelError, type OutgoingPost, type SendContext } from '../../src/publish/channel-types.ts';
import { makeTempDir } from '../helpers/make-temp-dir.ts';

/** A value that must never appear in an error message or a send result. */
export const CANARY = 'SEKRET-canary-123';

export function makeContext(overrides: Partial<SendContext> = {}): SendContext {
  return { now: () => new Date(), signal: new AbortController().signal, timeoutMs: 3000, ...overrides };
}

export function makePost(overrides: Partial<OutgoingPost> = {}): OutgoingPost {
  return {
    key: 'post-2026-05-01-tea-wecom',
    text: '今晚 8 点直播：明前龙井买一送一 / Tonight 8 pm: buy one get one',
    due: new Date('2026-05-01T11:00:00Z'),
    stream: { title: 'Tea night', start: new Date('2026-05-01T12:00:00Z'), url: 'https://live.example.com/tea' },
    ...overrides,
  };
}

export interface MediaFolder {
  dir: string;
  /** A small "video" (the services check size and type, not content). */
  video(name?: string, bytes?: number): Promise<string>;
  /** A small JPEG-signed "cover". */
  cover(name?: string, bytes?: number): Promise<string>;
  /** A sparse file of `bytes` (no disk used): for files over a client-side limit. */
  sparse(name: string, bytes: number): Promise<string>;
}

export async function makeMediaFolder(): Promise<MediaFolder> {
  const dir = makeTempDir('promo-publish-');
  const write = async (name: string, data: Buffer): Promise<string> => {
    const path = join(dir, name);
    await writeFile(path, data);
    return path;
  };
  return {
    dir,
    video: (name = 'tea-sku42.mp4', bytes = 4096) => write(name, patterned(bytes, 7)),
    cover: (name = 'tea-sku42.jpg', bytes = 1024) => {
      const data = patterned(bytes, 13);
      data.set([0xff, 0xd8, 0xff, 0xe0], 0);
      return write(name, data);
    },
    sparse: async (name, bytes) => {
      const path = join(dir, name);
      const handle = await open(path, 'w');
      await handle.truncate(bytes);
      await handle.close();
      return path;
    },
  };
}

// Deterministic, not all zeros (so hashes and byte-for-byte comparisons mean something).
function patterned(bytes: number, seed: number): Buffer {
  const data = Buffer.alloc(bytes);
  for (let i = 0; i < bytes; i++) data[i] = (i * seed + (i >> 8)) & 0xff;
  return data;
}

/** The ChannelError `promise` rejects with (fails the test if it resolves or throws anything else). */
export async function channelErrorOf(promise: Promise<unknown>): Promise<ChannelError> {
  const outcome = await promise.then((value) => ({ value }), (error: unknown) => ({ error }));
  if (!('error' in outcome)) throw new Error(`expected a ChannelError, the send succeeded: ${JSON.stringify(outcome.value)}`);
  expect(outcome.error).toBeInstanceOf(ChannelError);
  return outcome.error as ChannelError;
}
