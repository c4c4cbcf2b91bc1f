// Shared set-up for the graphics tests: a fresh temp folder per test, fonts, templates, streams,
// and small pixel helpers (assertions compare pixels, never bytes).
import sharp from 'sharp';
import type { BrandSpec, StreamSpec } from '../../src/promo-spec/spec-types.ts';
import { makeTempDir } from '../helpers/make-temp-dir.ts';

/** A new empty folder, removed after the test. */
export async function freshDir(): Promise<string> {
  return makeTempDir('promo-graphics-test-');
}

export const zhStream: StreamSpec = {
  title: '春茶节 · 西湖龙井专场',
  host: '小林',
  start: { utc: new Date('2026-12-01T12:00:00Z'), local: '2026-12-01T20:00', zone: 'Asia/Shanghai' },
  timezone: 'Asia/Shanghai',
  url: 'https://live.example.com/room/42',
  language: 'zh',
};

export const enStream: StreamSpec = { ...zhStream, title: 'Spring Tea Festival', host: 'Lin', language: 'en' };

export const brand: BrandSpec = { color: '#D7263D' };

/** Greyscale thumbnail of an image as numbers 0..255, for comparing pictures roughly. */
export async function thumbnail(file: string | Buffer, width = 64, height = 16): Promise<number[]> {
  const data = await sharp(file).flatten({ background: '#808080' }).greyscale()
    .resize(width, height, { fit: 'fill' }).raw().toBuffer();
  return [...data];
}

/** Mean absolute difference of two thumbnails (0 = same, 255 = opposite). */
export function difference(a: number[], b: number[]): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += Math.abs((a[i] ?? 0) - (b[i] ?? 0));
  return sum / a.length;
}

/** RGBA pixels of an image. */
export async function pixels(file: string | Buffer): Promise<{ data: Buffer; width: number; height: number }> {
  const { data, info } = await sharp(file).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

/** An opaque solid-colour PNG. */
export async function solidPng(file: string, width: number, height: number, color: string): Promise<string> {
  await sharp({ create: { width, height, channels: 3, background: color } }).png().toFile(file);
  return file;
}
