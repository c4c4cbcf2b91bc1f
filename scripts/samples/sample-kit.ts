// Shared pieces of the sample generator: output format constants, seeded random numbers, small
// maths, and running ffmpeg.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const FFMPEG: string = (require('@ffmpeg-installer/ffmpeg') as { path: string }).path;
/** Audio sample rate, and the footage frame size and rate. */
export const SR = 48000;
export const W = 1920;
export const H = 1080;
export const FPS = 30;

/** mulberry32: a tiny seeded PRNG, so every run draws the same numbers. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A number with one decimal, for SVG coordinates. */
export const f1 = (n: number) => (Math.round(n * 10) / 10).toString();
/** `v` limited to lo..hi. */
export const clamp = (v: number, lo: number, hi: number) => (v < lo ? lo : v > hi ? hi : v);
/** Smoothstep easing of t in 0..1. */
export const smooth = (t: number) => {
  const x = clamp(t, 0, 1);
  return x * x * (3 - 2 * x);
};

function run(cmd: string, args: string[], input?: AsyncIterable<Buffer>): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(cmd, args, { stdio: ['pipe', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d: Buffer) => {
      err = (err + d.toString()).slice(-8000);
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolvePromise();
      else reject(new Error(`${cmd} ${args.join(' ')}\nexited ${code}:\n${err}`));
    });
    if (!input) {
      child.stdin.end();
      return;
    }
    (async () => {
      for await (const chunk of input) {
        if (!child.stdin.write(chunk)) await new Promise<void>((r) => child.stdin.once('drain', () => r()));
      }
      child.stdin.end();
    })().catch((e: unknown) => {
      child.kill('SIGKILL');
      reject(e);
    });
  });
}

/** Runs the bundled ffmpeg quietly, overwriting outputs, optionally feeding `input` to its stdin. */
export const ffmpeg = (args: string[], input?: AsyncIterable<Buffer>) =>
  run(FFMPEG, ['-hide_banner', '-nostdin', '-y', '-v', 'error', ...args], input);
