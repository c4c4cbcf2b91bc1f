// Generates the committed sample media in media-samples/ (everything except spec.yaml), using only
// the bundled ffmpeg and sharp. Deterministic: seeded random numbers, fixed encoder settings and
// thread counts, bit-exact muxing; a rerun rewrites identical files (or leaves them untouched).
//
//   node bin/run-ts.js scripts/make-samples.ts            write media-samples/
//   node bin/run-ts.js scripts/make-samples.ts --check    exit 1 if a rerun would change a file
//   node bin/run-ts.js scripts/make-samples.ts --preview  write the still scenes to test/.work/preview/
//
// Pictures are SVG scenes rendered by sharp (librsvg) at a little over output size; the moving
// footage is composited frame by frame in plain JavaScript (sub-pixel pan/zoom by bilinear
// sampling, rising steam and falling leaf sprites, a hand-held wobble) and piped to ffmpeg as raw
// RGB. Sound is synthesised sample by sample (room tone, a voice-like formant babble, a porcelain
// clink, pouring water, and a short pentatonic tune with Karplus-Strong plucks).
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';

const require = createRequire(import.meta.url);
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(ROOT, 'media-samples');
const PREVIEW = join(ROOT, 'test', '.work', 'preview');
const FFMPEG: string = (require('@ffmpeg-installer/ffmpeg') as { path: string }).path;
const SR = 48000;
const W = 1920;
const H = 1080;
const FPS = 30;

// ---------------------------------------------------------------------------------------------
// Small utilities

/** mulberry32: a tiny seeded PRNG, so every run draws the same numbers. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const f1 = (n: number) => (Math.round(n * 10) / 10).toString();
const clamp = (v: number, lo: number, hi: number) => (v < lo ? lo : v > hi ? hi : v);
const smooth = (t: number) => {
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

const ffmpeg = (args: string[], input?: AsyncIterable<Buffer>) =>
  run(FFMPEG, ['-hide_banner', '-nostdin', '-y', '-v', 'error', ...args], input);

// ---------------------------------------------------------------------------------------------
// Raster helpers (RGB frames, RGBA sprites)

interface Rgb {
  w: number;
  h: number;
  data: Uint8Array; // RGB
}
interface Rgba {
  w: number;
  h: number;
  data: Uint8Array; // RGBA, straight alpha
}

async function svgToRgb(svg: string, w: number, h: number): Promise<Rgb> {
  const { data, info } = await sharp(Buffer.from(svg), { density: 72 })
    .resize(w, h, { fit: 'fill' })
    .flatten({ background: '#000000' })
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { w: info.width, h: info.height, data: new Uint8Array(data.buffer, data.byteOffset, data.length) };
}

async function svgToRgba(svg: string, w: number, h: number): Promise<Rgba> {
  const { data, info } = await sharp(Buffer.from(svg), { density: 72 })
    .resize(w, h, { fit: 'fill' })
    .ensureAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { w: info.width, h: info.height, data: new Uint8Array(data.buffer, data.byteOffset, data.length) };
}

async function rotateSprite(s: Rgba, degrees: number): Promise<Rgba> {
  const { data, info } = await sharp(Buffer.from(s.data), { raw: { width: s.w, height: s.h, channels: 4 } })
    .rotate(degrees, { background: { r: 0, g: 0, b: 0, alpha: 0 } })
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { w: info.width, h: info.height, data: new Uint8Array(data.buffer, data.byteOffset, data.length) };
}

/**
 * Fills `out` (ow×oh RGB) with `src` sampled bilinearly: output pixel (x, y) shows source point
 * (x0 + x·step, y0 + y·step). Sub-pixel accurate, so slow pans and zooms do not judder.
 */
function sample(src: Rgb, out: Uint8Array, ow: number, oh: number, x0: number, y0: number, step: number): void {
  const cx = new Int32Array(ow); // byte offset of the left source column
  const wx = new Int32Array(ow); // weight of the right column, 0..256
  for (let x = 0; x < ow; x++) {
    const sx = clamp(x0 + x * step, 0, src.w - 1.001);
    const ix = Math.floor(sx);
    cx[x] = ix * 3;
    wx[x] = Math.round((sx - ix) * 256);
  }
  const sw = src.w * 3;
  const s = src.data;
  for (let y = 0; y < oh; y++) {
    const sy = clamp(y0 + y * step, 0, src.h - 1.001);
    const iy = Math.floor(sy);
    const wy = Math.round((sy - iy) * 256);
    const wy0 = 256 - wy;
    const r0 = iy * sw;
    const r1 = r0 + sw;
    let o = y * ow * 3;
    for (let x = 0; x < ow; x++) {
      const a = r0 + cx[x]!;
      const c = r1 + cx[x]!;
      const w1 = wx[x]!;
      const w0 = 256 - w1;
      out[o] = ((s[a]! * w0 + s[a + 3]! * w1) * wy0 + (s[c]! * w0 + s[c + 3]! * w1) * wy + 32768) >>> 16;
      out[o + 1] = ((s[a + 1]! * w0 + s[a + 4]! * w1) * wy0 + (s[c + 1]! * w0 + s[c + 4]! * w1) * wy + 32768) >>> 16;
      out[o + 2] = ((s[a + 2]! * w0 + s[a + 5]! * w1) * wy0 + (s[c + 2]! * w0 + s[c + 5]! * w1) * wy + 32768) >>> 16;
      o += 3;
    }
  }
}

/** Alpha-blends a sprite onto an RGB frame at integer position (x, y) with extra opacity. */
function blit(out: Uint8Array, ow: number, oh: number, s: Rgba, x: number, y: number, opacity: number): void {
  if (opacity <= 0.002) return;
  const px = Math.round(x);
  const py = Math.round(y);
  const op = Math.round(clamp(opacity, 0, 1) * 256);
  for (let j = 0; j < s.h; j++) {
    const oy = py + j;
    if (oy < 0 || oy >= oh) continue;
    for (let i = 0; i < s.w; i++) {
      const ox = px + i;
      if (ox < 0 || ox >= ow) continue;
      const si = (j * s.w + i) * 4;
      const a = (s.data[si + 3]! * op) >> 8;
      if (a === 0) continue;
      const oi = (oy * ow + ox) * 3;
      for (let k = 0; k < 3; k++) out[oi + k] = (out[oi + k]! * (255 - a) + s.data[si + k]! * a + 127) / 255;
    }
  }
}

const GRAIN_LEN = 1 << 21;
let grainTable: Int8Array | undefined;

/** Fine luminance grain like a small camera sensor: a seeded noise table read at a per-frame offset. */
function grain(out: Uint8Array, amount: number, seed: number): void {
  if (!grainTable) {
    const r = rng(4242);
    grainTable = new Int8Array(GRAIN_LEN);
    for (let i = 0; i < GRAIN_LEN; i++) grainTable[i] = Math.round((r() - 0.5) * amount);
  }
  const table = grainTable;
  const offset = Math.floor(rng(seed)() * GRAIN_LEN);
  const mask = GRAIN_LEN - 1;
  for (let i = 0, p = 0; i < out.length; i += 3, p++) {
    const n = table[(p + offset) & mask]!;
    const r0 = out[i]! + n;
    const g0 = out[i + 1]! + n;
    const b0 = out[i + 2]! + n;
    out[i] = r0 < 0 ? 0 : r0 > 255 ? 255 : r0;
    out[i + 1] = g0 < 0 ? 0 : g0 > 255 ? 255 : g0;
    out[i + 2] = b0 < 0 ? 0 : b0 > 255 ? 255 : b0;
  }
}

// ---------------------------------------------------------------------------------------------
// SVG scene pieces

/** A flattened Longjing-style leaf pointing along +x, centred on the origin. */
function leafPath(l: number, w: number): string {
  return `M${f1(-l / 2)} 0 C${f1(-l / 4)} ${f1(-w * 0.95)} ${f1(l / 4)} ${f1(-w * 0.75)} ${f1(l / 2)} 0 C${f1(l / 4)} ${f1(w * 0.6)} ${f1(-l / 4)} ${f1(w * 0.8)} ${f1(-l / 2)} 0Z`;
}

const LEAF_COLOURS = ['#8f9d3e', '#a5ab4c', '#7d8f38', '#b9b65e', '#9aa646', '#6f8233', '#c4bd67', '#889a40'];

/** Gradient defs giving each leaf colour a lit edge and a shaded edge (use inside <defs>). */
function leafGradients(colours: string[] = LEAF_COLOURS, prefix = 'lg'): string {
  return colours.map((c, i) => `<linearGradient id="${prefix}${i}" x1="0" y1="0" x2="0" y2="1">
  <stop offset="0" stop-color="${c}" stop-opacity="1"/><stop offset="0.45" stop-color="${c}"/>
  <stop offset="1" stop-color="#3e4a18"/></linearGradient>`).join('');
}

function leaf(r: () => number, x: number, y: number, len: number, rot: number, opts: { alpha?: number; colours?: string[]; grad?: string; squash?: number } = {}): string {
  const colours = opts.colours ?? LEAF_COLOURS;
  const ci = Math.floor(r() * colours.length);
  const c = colours[ci]!;
  const l = len * (0.8 + r() * 0.4);
  const w = l * (0.16 + r() * 0.06);
  const bend = (r() - 0.5) * 0.3;
  const fill = opts.grad ? `url(#${opts.grad}${ci})` : c;
  const squash = opts.squash ? ` scale(1 ${opts.squash})` : '';
  return `<g transform="translate(${f1(x)} ${f1(y)})${squash} rotate(${f1(rot)})" opacity="${opts.alpha ?? 1}">
  <path d="${leafPath(l, w)}" fill="${fill}" stroke="#4d5a22" stroke-opacity="0.45" stroke-width="${f1(Math.max(0.6, l / 90))}"/>
  <path d="M${f1(-l / 2)} 0 Q0 ${f1(bend * w)} ${f1(l * 0.45)} 0" fill="none" stroke="#e3dc95" stroke-opacity="0.5" stroke-width="${f1(Math.max(0.6, l / 120))}"/>
  <path d="${leafPath(l * 0.8, w * 0.35)}" transform="translate(${f1(-l * 0.05)} ${f1(-w * 0.3)})" fill="#ffffff" opacity="0.13"/>
</g>`;
}

/** A drop-shadow filter (use inside <defs>; apply to a whole group at once). */
function dropShadow(id: string, blur: number, dx: number, dy: number, opacity: number): string {
  return `<filter id="${id}" x="-10%" y="-10%" width="120%" height="120%">
  <feGaussianBlur in="SourceAlpha" stdDeviation="${blur}"/><feOffset dx="${dx}" dy="${dy}" result="o"/>
  <feFlood flood-color="#140a02" flood-opacity="${opacity}"/><feComposite in2="o" operator="in" result="sh"/>
  <feMerge><feMergeNode in="sh"/><feMergeNode in="SourceGraphic"/></feMerge></filter>`;
}

const woodDefs = (id: string, base: string, freq: string, seed: number) => `
<filter id="${id}" x="0" y="0" width="100%" height="100%">
  <feTurbulence type="fractalNoise" baseFrequency="${freq}" numOctaves="4" seed="${seed}" result="n"/>
  <feColorMatrix in="n" type="matrix" values="0 0 0 0 0  0 0 0 0 0  0 0 0 0 0  1.6 0 0 0 -0.55" result="a"/>
  <feFlood flood-color="#1e0d05" result="dark"/>
  <feComposite in="dark" in2="a" operator="in" result="grain"/>
  <feFlood flood-color="${base}" result="base"/>
  <feMerge><feMergeNode in="base"/><feMergeNode in="grain"/></feMerge>
</filter>`;

/** Scene A, wide: a glass of Longjing on a bamboo mat, a dish of dry leaves, a warm blurred room. */
function teaWideSvg(): string {
  const r = rng(11);
  const parts: string[] = [];
  // Bokeh lights in the background.
  const bokeh: string[] = [];
  for (let i = 0; i < 26; i++) {
    const x = r() * 1920;
    const y = 40 + r() * 460;
    const rad = 20 + r() * 55;
    const col = r() < 0.7 ? '#ffd79a' : '#fff1d6';
    bokeh.push(`<circle cx="${f1(x)}" cy="${f1(y)}" r="${f1(rad)}" fill="${col}" opacity="${(0.08 + r() * 0.22).toFixed(2)}"/>`);
  }
  // Leaves in the glass.
  const glassLeaves: string[] = [];
  for (let i = 0; i < 22; i++) {
    const settled = i < 9;
    const x = 860 + (r() - 0.5) * (settled ? 200 : 220);
    const y = settled ? 840 + r() * 35 : 560 + r() * 260;
    const rot = settled ? (r() - 0.5) * 50 : 70 + (r() - 0.5) * 60;
    glassLeaves.push(leaf(r, x, y, 46, rot, { alpha: 0.85, colours: ['#8ea83e', '#9fb84c', '#7f9c35', '#b0c05a'] }));
  }
  // Dry leaves on the dish and mat.
  const dishLeaves: string[] = [];
  for (let i = 0; i < 95; i++) {
    const a = r() * Math.PI * 2;
    const d = Math.sqrt(r());
    const x = 1390 + Math.cos(a) * d * 150;
    const y = 858 + Math.sin(a) * d * 38 - (1 - d) * 38;
    dishLeaves.push(leaf(r, x, y, 40, (r() - 0.5) * 160, { grad: 'lg' }));
  }
  const looseLeaves: string[] = [];
  for (let i = 0; i < 9; i++) {
    looseLeaves.push(leaf(r, 1120 + r() * 520, 930 + r() * 90, 42, r() * 360, { grad: 'lg' }));
  }
  // Bamboo mat slats (a runner across the table, in slight perspective).
  const slats: string[] = [];
  for (let i = 0; i < 44; i++) {
    const y0 = 700 + i * 7.5 + i * i * 0.06;
    const hgt = 6.4 + i * 0.12;
    const v = r();
    const tone = `rgb(${Math.round(190 + v * 22)},${Math.round(152 + v * 20)},${Math.round(92 + v * 16)})`;
    slats.push(`<rect x="-20" y="${f1(y0)}" width="1960" height="${f1(hgt)}" fill="${tone}"/>`);
    slats.push(`<rect x="-20" y="${f1(y0 + hgt - 1.4)}" width="1960" height="1.4" fill="#6e5028" opacity="0.3"/>`);
  }
  const threads: string[] = [];
  for (const tx of [180, 700, 1220, 1740]) {
    threads.push(`<path d="M${tx} 700 L${f1(tx + (tx - 960) * 0.12)} 1020" stroke="#5a3f1f" stroke-width="5" opacity="0.6"/>`);
  }

  parts.push(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1920 1080" width="1920" height="1080">
<defs>
  <linearGradient id="wall" x1="0" y1="0" x2="0" y2="1">
    <stop offset="0" stop-color="#2b1c12"/><stop offset="0.55" stop-color="#5a3c25"/><stop offset="1" stop-color="#7a5535"/>
  </linearGradient>
  ${woodDefs('wood', '#6b3f22', '0.0035 0.11', 7)}
  ${leafGradients()}
  ${dropShadow('lsh', 2.5, 2, 4, 0.55)}
  <filter id="matSoft"><feGaussianBlur stdDeviation="0.7"/></filter>
  <filter id="blur40" x="-50%" y="-50%" width="200%" height="200%"><feGaussianBlur stdDeviation="40"/></filter>
  <filter id="blur14" x="-50%" y="-50%" width="200%" height="200%"><feGaussianBlur stdDeviation="14"/></filter>
  <filter id="blur6" x="-50%" y="-50%" width="200%" height="200%"><feGaussianBlur stdDeviation="6"/></filter>
  <filter id="blur3" x="-50%" y="-50%" width="200%" height="200%"><feGaussianBlur stdDeviation="3"/></filter>
  <filter id="blur1" x="-50%" y="-50%" width="200%" height="200%"><feGaussianBlur stdDeviation="1.1"/></filter>
  <linearGradient id="tea" x1="0" y1="0" x2="0" y2="1">
    <stop offset="0" stop-color="#d9dc8a" stop-opacity="0.55"/><stop offset="1" stop-color="#a9b54e" stop-opacity="0.8"/>
  </linearGradient>
  <linearGradient id="glassSide" x1="0" y1="0" x2="1" y2="0">
    <stop offset="0" stop-color="#ffffff" stop-opacity="0.35"/><stop offset="0.08" stop-color="#ffffff" stop-opacity="0.05"/>
    <stop offset="0.85" stop-color="#ffffff" stop-opacity="0.03"/><stop offset="1" stop-color="#ffffff" stop-opacity="0.3"/>
  </linearGradient>
  <radialGradient id="dish" cx="0.45" cy="0.35" r="0.7">
    <stop offset="0" stop-color="#fbfaf5"/><stop offset="0.7" stop-color="#e4e1d6"/><stop offset="1" stop-color="#b9b4a5"/>
  </radialGradient>
  <linearGradient id="tin" x1="0" y1="0" x2="1" y2="0">
    <stop offset="0" stop-color="#7a0a10"/><stop offset="0.35" stop-color="#d8202a"/><stop offset="0.55" stop-color="#b0141c"/><stop offset="1" stop-color="#55060a"/>
  </linearGradient>
  <linearGradient id="gold" x1="0" y1="0" x2="1" y2="0">
    <stop offset="0" stop-color="#6b4b14"/><stop offset="0.4" stop-color="#e0b85a"/><stop offset="1" stop-color="#5c3f10"/>
  </linearGradient>
  <radialGradient id="light" cx="0.25" cy="0.1" r="0.9">
    <stop offset="0" stop-color="#fff2d0" stop-opacity="0.35"/><stop offset="1" stop-color="#fff2d0" stop-opacity="0"/>
  </radialGradient>
  <radialGradient id="vignette" cx="0.5" cy="0.5" r="0.75">
    <stop offset="0.55" stop-color="#000" stop-opacity="0"/><stop offset="1" stop-color="#000" stop-opacity="0.55"/>
  </radialGradient>
  <clipPath id="glassClip"><path d="M712 470 L740 900 Q860 935 980 900 L1008 470 Z"/></clipPath>
</defs>
<rect width="1920" height="1080" fill="url(#wall)"/>
<g filter="url(#blur40)">
  <rect x="-100" y="60" width="560" height="460" fill="#f3dfb4" opacity="0.45"/>
  <path d="M1560 40 C1650 140 1700 260 1680 420 C1760 300 1800 200 1790 60 Z" fill="#2f4a22" opacity="0.9"/>
  <path d="M1700 0 C1760 160 1860 260 1920 300 L1920 0 Z" fill="#3e5d2a" opacity="0.85"/>
</g>
<g filter="url(#blur14)">${bokeh.join('')}</g>
<g filter="url(#blur6)">
  <rect x="300" y="300" width="170" height="300" rx="10" fill="url(#tin)"/>
  <rect x="292" y="280" width="186" height="42" rx="8" fill="url(#gold)"/>
  <rect x="300" y="420" width="170" height="70" fill="#f5e2b0" opacity="0.85"/>
  <circle cx="385" cy="455" r="22" fill="#b0141c"/>
</g>
<rect x="0" y="560" width="1920" height="520" filter="url(#wood)"/>
<rect x="0" y="560" width="1920" height="16" fill="#2a160a" opacity="0.45" filter="url(#blur3)"/>
<g filter="url(#matSoft)">${slats.join('')}${threads.join('')}</g>
<rect x="0" y="690" width="1920" height="14" fill="#000" opacity="0.25" filter="url(#blur6)"/>
<ellipse cx="880" cy="912" rx="200" ry="34" fill="#1a0d04" opacity="0.55" filter="url(#blur14)"/>
<ellipse cx="1010" cy="930" rx="120" ry="22" fill="#e9f08a" opacity="0.35" filter="url(#blur14)"/>
<ellipse cx="1400" cy="900" rx="215" ry="42" fill="#1a0d04" opacity="0.5" filter="url(#blur14)"/>
<ellipse cx="1390" cy="872" rx="200" ry="52" fill="url(#dish)"/>
<ellipse cx="1390" cy="866" rx="165" ry="38" fill="#d9d5c7"/>
<ellipse cx="1390" cy="868" rx="160" ry="35" fill="#efece2"/>
<g filter="url(#lsh)">${dishLeaves.join('')}</g>
<g filter="url(#lsh)">${looseLeaves.join('')}</g>
<g clip-path="url(#glassClip)">
  <rect x="700" y="470" width="320" height="470" fill="#fdfbe8" opacity="0.06"/>
  <path d="M722 540 L740 900 Q860 935 980 900 L998 540 Z" fill="url(#tea)"/>
  <g filter="url(#blur1)">${glassLeaves.join('')}</g>
  <ellipse cx="860" cy="540" rx="138" ry="22" fill="#eef0b8" opacity="0.55"/>
  <rect x="700" y="470" width="320" height="470" fill="url(#glassSide)"/>
</g>
<path d="M712 470 L740 900" stroke="#ffffff" stroke-opacity="0.55" stroke-width="3"/>
<path d="M1008 470 L980 900" stroke="#ffffff" stroke-opacity="0.4" stroke-width="3"/>
<path d="M740 900 Q860 935 980 900 L978 880 Q860 912 742 880 Z" fill="#ffffff" opacity="0.35"/>
<ellipse cx="860" cy="470" rx="148" ry="24" fill="none" stroke="#ffffff" stroke-opacity="0.7" stroke-width="3.5"/>
<path d="M745 500 L765 860" stroke="#ffffff" stroke-opacity="0.35" stroke-width="14" filter="url(#blur6)"/>
<path d="M962 520 L950 760" stroke="#ffffff" stroke-opacity="0.2" stroke-width="8" filter="url(#blur3)"/>
<rect width="1920" height="1080" fill="url(#light)"/>
<rect width="1920" height="1080" fill="url(#vignette)"/>
</svg>`);
  return parts.join('');
}

/** Scene B, close-up: a heap of dry Longjing leaves on a bamboo tray, shallow depth of field. */
function leavesCloseSvg(): string {
  const r = rng(23);
  // A heap: leaves are denser towards the middle band, sparse towards the tray at the back.
  const layer = (n: number, y0: number, y1: number, len: number) => {
    const out: string[] = [];
    for (let i = 0; i < n; i++) {
      const x = -80 + r() * 2080;
      const y = y0 + r() * (y1 - y0);
      out.push(leaf(r, x, y, len, r() * 360, { grad: 'lg', squash: 0.62 }));
    }
    return out.join('');
  };
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1920 1080" width="1920" height="1080">
<defs>
  ${woodDefs('tray', '#b58c52', '0.002 0.06', 3)}
  ${leafGradients()}
  ${dropShadow('sh1', 4, 3, 6, 0.6)}
  ${dropShadow('sh2', 6, 4, 8, 0.6)}
  <filter id="bFar" x="-5%" y="-5%" width="110%" height="110%">
    <feGaussianBlur in="SourceAlpha" stdDeviation="3"/><feOffset dx="2" dy="4" result="o"/>
    <feFlood flood-color="#140a02" flood-opacity="0.5"/><feComposite in2="o" operator="in" result="sh"/>
    <feMerge result="m"><feMergeNode in="sh"/><feMergeNode in="SourceGraphic"/></feMerge>
    <feGaussianBlur in="m" stdDeviation="8"/></filter>
  <filter id="bNear" x="-5%" y="-20%" width="110%" height="140%"><feGaussianBlur stdDeviation="9"/></filter>
  <filter id="tex" x="0" y="0" width="100%" height="100%">
    <feTurbulence type="fractalNoise" baseFrequency="0.9" numOctaves="2" seed="5"/>
    <feColorMatrix type="matrix" values="0 0 0 0 0.2  0 0 0 0 0.22  0 0 0 0 0.1  0 0 0 0.5 -0.12"/>
  </filter>
  <linearGradient id="bg" x1="0" y1="0" x2="0" y2="1">
    <stop offset="0" stop-color="#3a2816"/><stop offset="0.3" stop-color="#4a3f1e"/><stop offset="1" stop-color="#2a2410"/>
  </linearGradient>
  <linearGradient id="fadeDown" x1="0" y1="0" x2="0" y2="1">
    <stop offset="0" stop-color="#fff"/><stop offset="0.55" stop-color="#fff"/><stop offset="1" stop-color="#000"/>
  </linearGradient>
  <mask id="trayFade"><rect width="1920" height="420" fill="url(#fadeDown)"/></mask>
  <radialGradient id="key" cx="0.35" cy="0.3" r="0.8">
    <stop offset="0" stop-color="#fff5d8" stop-opacity="0.3"/><stop offset="1" stop-color="#fff5d8" stop-opacity="0"/>
  </radialGradient>
  <radialGradient id="vig" cx="0.5" cy="0.5" r="0.78">
    <stop offset="0.5" stop-color="#000" stop-opacity="0"/><stop offset="1" stop-color="#000" stop-opacity="0.6"/>
  </radialGradient>
</defs>
<rect width="1920" height="1080" fill="url(#bg)"/>
<rect x="0" y="0" width="1920" height="420" filter="url(#tray)" opacity="0.7" mask="url(#trayFade)"/>
<g filter="url(#bFar)">${layer(150, -40, 250, 72)}${layer(320, 160, 400, 82)}</g>
<g filter="url(#sh1)">${layer(160, 255, 340, 90)}${layer(380, 320, 560, 96)}${layer(420, 460, 720, 104)}</g>
<g filter="url(#sh2)">${layer(520, 600, 980, 116)}</g>
<g filter="url(#bNear)">${layer(140, 900, 1150, 150)}</g>
<rect width="1920" height="1080" filter="url(#tex)" opacity="0.45"/>
<rect width="1920" height="1080" fill="url(#key)"/>
<rect width="1920" height="1080" fill="url(#vig)"/>
</svg>`;
}

/** A soft wisp of steam (transparent), w×h. */
function steamSvg(seed: number, w: number, h: number): string {
  const r = rng(seed);
  const paths: string[] = [];
  for (let i = 0; i < 4; i++) {
    let x = w / 2 + (r() - 0.5) * w * 0.2;
    let d = `M${f1(x)} ${h}`;
    for (let y = h; y > 0; y -= h / 5) {
      const nx = w / 2 + (r() - 0.5) * w * 0.55;
      d += ` Q${f1((x + nx) / 2 + (r() - 0.5) * w * 0.4)} ${f1(y - h / 10)} ${f1(nx)} ${f1(y - h / 5)}`;
      x = nx;
    }
    paths.push(`<path d="${d}" fill="none" stroke="#ffffff" stroke-width="${f1(w * (0.05 + r() * 0.07))}" stroke-linecap="round" opacity="${(0.25 + r() * 0.3).toFixed(2)}"/>`);
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}">
<defs>
  <filter id="s" x="-50%" y="-20%" width="200%" height="140%"><feGaussianBlur stdDeviation="${f1(w * 0.05)}"/></filter>
  <linearGradient id="fade" x1="0" y1="1" x2="0" y2="0">
    <stop offset="0" stop-color="#fff" stop-opacity="0"/><stop offset="0.2" stop-color="#fff" stop-opacity="1"/>
    <stop offset="0.6" stop-color="#fff" stop-opacity="0.7"/><stop offset="1" stop-color="#fff" stop-opacity="0"/>
  </linearGradient>
  <mask id="m"><rect width="${w}" height="${h}" fill="url(#fade)"/></mask>
</defs>
<g mask="url(#m)"><g filter="url(#s)">${paths.join('')}</g></g>
</svg>`;
}

function leafSpriteSvg(seed: number, len: number): string {
  const r = rng(seed);
  const s = Math.ceil(len * 1.3);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${s}" height="${s}">
<defs><filter id="b" x="-50%" y="-50%" width="200%" height="200%"><feGaussianBlur stdDeviation="1.6"/></filter></defs>
<g filter="url(#b)">${leaf(r, s / 2, s / 2, len, 0)}</g></svg>`;
}

/** POT-003, portrait 1080×1920: a purple-clay (zisha) teapot on a slatted tea tray. */
function potPortraitSvg(): string {
  const r = rng(31);
  const slats: string[] = [];
  for (let i = 0; i < 26; i++) {
    const y = 1180 + i * 24 + i * i * 0.55;
    const hgt = 17 + i * 1.0;
    slats.push(`<rect x="-20" y="${f1(y)}" width="1120" height="${f1(hgt)}" fill="url(#slat)"/>`);
    slats.push(`<rect x="-20" y="${f1(y + hgt)}" width="1120" height="${f1(4 + i * 0.3)}" fill="#120804"/>`);
  }
  const bokeh: string[] = [];
  for (let i = 0; i < 14; i++) {
    bokeh.push(`<circle cx="${f1(r() * 1080)}" cy="${f1(80 + r() * 700)}" r="${f1(30 + r() * 60)}" fill="#ffe0a8" opacity="${(0.08 + r() * 0.2).toFixed(2)}"/>`);
  }
  const foliage: string[] = [];
  for (let i = 0; i < 40; i++) {
    const left = i < 22;
    const x = left ? -40 + r() * 260 : 820 + r() * 300;
    const y = left ? 150 + r() * 700 : 60 + r() * 520;
    const g = ['#2d4a20', '#3b5e27', '#24391a', '#4a6d2e'][Math.floor(r() * 4)]!;
    foliage.push(`<ellipse cx="${f1(x)}" cy="${f1(y)}" rx="${f1(50 + r() * 70)}" ry="${f1(14 + r() * 18)}" transform="rotate(${f1(-60 + r() * 120)} ${f1(x)} ${f1(y)})" fill="${g}"/>`);
  }
  const trayLeaves: string[] = [];
  for (let i = 0; i < 6; i++) trayLeaves.push(leaf(r, 140 + r() * 360, 1660 + r() * 160, 90, r() * 360, { grad: 'lg' }));
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1080 1920" width="1080" height="1920">
<defs>
  <linearGradient id="wall" x1="0" y1="0" x2="0" y2="1">
    <stop offset="0" stop-color="#1d2418"/><stop offset="0.45" stop-color="#3d4a2c"/><stop offset="0.62" stop-color="#5e5236"/>
  </linearGradient>
  <linearGradient id="slat" x1="0" y1="0" x2="0" y2="1">
    <stop offset="0" stop-color="#6a4026"/><stop offset="0.5" stop-color="#472716"/><stop offset="1" stop-color="#2a150a"/>
  </linearGradient>
  ${woodDefs('woodTex', '#3a1f10', '0.004 0.12', 9)}
  ${leafGradients()}
  ${dropShadow('lsh', 4, 4, 8, 0.6)}
  <radialGradient id="clay" cx="0.36" cy="0.3" r="0.75">
    <stop offset="0" stop-color="#b77a5c"/><stop offset="0.35" stop-color="#7a4030"/><stop offset="0.8" stop-color="#4a2118"/><stop offset="1" stop-color="#2a110b"/>
  </radialGradient>
  <linearGradient id="clayH" x1="0" y1="0" x2="1" y2="0">
    <stop offset="0" stop-color="#4a2118"/><stop offset="0.4" stop-color="#8c4e3a"/><stop offset="1" stop-color="#3a1810"/>
  </linearGradient>
  <filter id="clayTex" x="0" y="0" width="100%" height="100%">
    <feTurbulence type="fractalNoise" baseFrequency="1.2" numOctaves="2" seed="4"/>
    <feColorMatrix type="matrix" values="0 0 0 0 0.15  0 0 0 0 0.06  0 0 0 0 0.03  0 0 0 0.6 -0.2"/>
  </filter>
  <clipPath id="bodyClip"><ellipse cx="540" cy="1110" rx="270" ry="200"/></clipPath>
  <filter id="b50" x="-50%" y="-50%" width="200%" height="200%"><feGaussianBlur stdDeviation="50"/></filter>
  <filter id="b30" x="-50%" y="-50%" width="200%" height="200%"><feGaussianBlur stdDeviation="30"/></filter>
  <filter id="b20" x="-50%" y="-50%" width="200%" height="200%"><feGaussianBlur stdDeviation="20"/></filter>
  <filter id="b8" x="-50%" y="-50%" width="200%" height="200%"><feGaussianBlur stdDeviation="8"/></filter>
  <filter id="b3" x="-50%" y="-50%" width="200%" height="200%"><feGaussianBlur stdDeviation="3"/></filter>
  <radialGradient id="cup" cx="0.4" cy="0.3" r="0.8">
    <stop offset="0" stop-color="#ffffff"/><stop offset="0.7" stop-color="#e8e4da"/><stop offset="1" stop-color="#a9a395"/>
  </radialGradient>
  <radialGradient id="teaIn" cx="0.45" cy="0.4" r="0.7">
    <stop offset="0" stop-color="#d9a848"/><stop offset="1" stop-color="#8a5a18"/>
  </radialGradient>
  <radialGradient id="vig" cx="0.5" cy="0.55" r="0.8">
    <stop offset="0.55" stop-color="#000" stop-opacity="0"/><stop offset="1" stop-color="#000" stop-opacity="0.6"/>
  </radialGradient>
  <radialGradient id="key" cx="0.3" cy="0.35" r="0.7">
    <stop offset="0" stop-color="#fff0d0" stop-opacity="0.22"/><stop offset="1" stop-color="#fff0d0" stop-opacity="0"/>
  </radialGradient>
</defs>
<rect width="1080" height="1920" fill="url(#wall)"/>
<g filter="url(#b50)"><rect x="600" y="160" width="340" height="480" fill="#f5e7c4" opacity="0.35"/></g>
<g filter="url(#b30)">${foliage.join('')}</g>
<g filter="url(#b20)">${bokeh.join('')}</g>
<rect x="0" y="1120" width="1080" height="800" filter="url(#woodTex)"/>
<g>${slats.join('')}</g>
<rect x="0" y="1150" width="1080" height="40" fill="#000" opacity="0.35" filter="url(#b8)"/>
<g transform="translate(540 1420) scale(1.2) translate(-540 -1300)">
  <ellipse cx="560" cy="1318" rx="330" ry="46" fill="#000" opacity="0.6" filter="url(#b20)"/>
  <path d="M300 1010 C170 990 150 1200 300 1210" fill="none" stroke="url(#clayH)" stroke-width="44" stroke-linecap="round"/>
  <path d="M296 1016 C190 1004 175 1185 296 1200" fill="none" stroke="#c08468" stroke-opacity="0.35" stroke-width="8" stroke-linecap="round"/>
  <path d="M770 1080 C850 1060 880 980 930 930 L962 948 C925 1010 900 1110 790 1190 Z" fill="url(#clayH)"/>
  <ellipse cx="946" cy="938" rx="20" ry="9" transform="rotate(30 946 938)" fill="#1d0b06"/>
  <ellipse cx="540" cy="1110" rx="270" ry="200" fill="url(#clay)"/>
  <g clip-path="url(#bodyClip)">
    <rect x="260" y="900" width="560" height="420" filter="url(#clayTex)" opacity="0.8"/>
    <ellipse cx="560" cy="1250" rx="300" ry="80" fill="#000" opacity="0.35" filter="url(#b20)"/>
    <ellipse cx="430" cy="1010" rx="90" ry="50" fill="#ffe6d0" opacity="0.28" filter="url(#b20)"/>
  </g>
  <ellipse cx="540" cy="1300" rx="150" ry="18" fill="#2a110b"/>
  <ellipse cx="540" cy="935" rx="150" ry="34" fill="#3a1a10"/>
  <ellipse cx="540" cy="930" rx="138" ry="28" fill="url(#clayH)"/>
  <path d="M420 928 Q540 860 660 928 Z" fill="url(#clay)"/>
  <ellipse cx="540" cy="868" rx="34" ry="24" fill="url(#clay)"/>
  <ellipse cx="530" cy="860" rx="12" ry="7" fill="#ffe6d0" opacity="0.35" filter="url(#b3)"/>
  <path d="M300 1040 Q540 1120 785 1040" fill="none" stroke="#2a110b" stroke-opacity="0.5" stroke-width="3"/>
</g>
<g transform="translate(800 1560) scale(1.35) translate(-860 -1385)">
  <ellipse cx="860" cy="1392" rx="115" ry="22" fill="#000" opacity="0.55" filter="url(#b8)"/>
  <path d="M760 1290 Q770 1378 860 1385 Q950 1378 960 1290 Z" fill="url(#cup)"/>
  <ellipse cx="860" cy="1290" rx="100" ry="22" fill="#f4f1ea"/>
  <ellipse cx="860" cy="1294" rx="88" ry="17" fill="url(#teaIn)"/>
  <ellipse cx="842" cy="1290" rx="30" ry="5" fill="#ffe9b0" opacity="0.6"/>
</g>
<g filter="url(#lsh)">${trayLeaves.join('')}</g>
<rect width="1080" height="1920" fill="url(#key)"/>
<rect width="1080" height="1920" fill="url(#vig)"/>
</svg>`;
}

/** CUP-002 product still, 1600×1200: a hand-made celadon cup on a saucer, studio sweep. */
function cupStillSvg(): string {
  const r = rng(41);
  const crackle: string[] = [];
  for (let i = 0; i < 28; i++) {
    let x = 560 + r() * 480;
    let y = 470 + r() * 330;
    let d = `M${f1(x)} ${f1(y)}`;
    for (let k = 0; k < 4; k++) {
      x += (r() - 0.5) * 70;
      y += (r() - 0.5) * 50;
      d += ` L${f1(x)} ${f1(y)}`;
    }
    crackle.push(`<path d="${d}" fill="none" stroke="#4f6f5c" stroke-width="0.9" opacity="0.16"/>`);
  }
  const leaves: string[] = [];
  for (let i = 0; i < 7; i++) leaves.push(leaf(r, 280 + r() * 200, 930 + r() * 90, 70, r() * 360, { grad: 'lg', squash: 0.7 }));
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1600 1200" width="1600" height="1200">
<defs>
  <linearGradient id="sweep" x1="0" y1="0" x2="0" y2="1">
    <stop offset="0" stop-color="#e9e4da"/><stop offset="0.62" stop-color="#f7f4ee"/><stop offset="1" stop-color="#d8d1c3"/>
  </linearGradient>
  <radialGradient id="glaze" cx="0.32" cy="0.28" r="0.85">
    <stop offset="0" stop-color="#e4f2e8"/><stop offset="0.35" stop-color="#a9cbb6"/><stop offset="0.8" stop-color="#7fa590"/><stop offset="1" stop-color="#56786a"/>
  </radialGradient>
  <linearGradient id="inner" x1="0" y1="0" x2="0" y2="1">
    <stop offset="0" stop-color="#7c9f8b"/><stop offset="1" stop-color="#c2ddcc"/>
  </linearGradient>
  <radialGradient id="teaLiq" cx="0.45" cy="0.4" r="0.7">
    <stop offset="0" stop-color="#e3d98a"/><stop offset="1" stop-color="#b39a3c"/>
  </radialGradient>
  <radialGradient id="saucer" cx="0.4" cy="0.3" r="0.8">
    <stop offset="0" stop-color="#d7eadd"/><stop offset="0.7" stop-color="#9fc1ad"/><stop offset="1" stop-color="#6f9080"/>
  </radialGradient>
  <clipPath id="cupClip"><path d="M540 430 Q560 780 700 850 L900 850 Q1040 780 1060 430 Z"/></clipPath>
  <filter id="b30" x="-50%" y="-50%" width="200%" height="200%"><feGaussianBlur stdDeviation="30"/></filter>
  <filter id="b10" x="-50%" y="-50%" width="200%" height="200%"><feGaussianBlur stdDeviation="10"/></filter>
  <filter id="b4" x="-50%" y="-50%" width="200%" height="200%"><feGaussianBlur stdDeviation="4"/></filter>
  ${leafGradients()}
  ${dropShadow('lsh', 3, 3, 6, 0.35)}
  <filter id="paper" x="0" y="0" width="100%" height="100%">
    <feTurbulence type="fractalNoise" baseFrequency="0.6" numOctaves="3" seed="2"/>
    <feColorMatrix type="matrix" values="0 0 0 0 0.4  0 0 0 0 0.35  0 0 0 0 0.3  0 0 0 0.25 -0.08"/>
  </filter>
</defs>
<rect width="1600" height="1200" fill="url(#sweep)"/>
<rect width="1600" height="1200" filter="url(#paper)"/>
<ellipse cx="830" cy="960" rx="430" ry="70" fill="#6b5f4a" opacity="0.45" filter="url(#b30)"/>
<ellipse cx="800" cy="900" rx="380" ry="90" fill="url(#saucer)"/>
<ellipse cx="800" cy="888" rx="330" ry="70" fill="#b9d5c4"/>
<ellipse cx="800" cy="892" rx="300" ry="58" fill="#a6c6b3"/>
<ellipse cx="810" cy="870" rx="200" ry="30" fill="#41594c" opacity="0.45" filter="url(#b10)"/>
<path d="M690 840 L910 840 L900 868 Q800 884 700 868 Z" fill="#8aae98"/>
<path d="M540 430 Q560 780 700 850 L900 850 Q1040 780 1060 430 Z" fill="url(#glaze)"/>
<g clip-path="url(#cupClip)">${crackle.join('')}
  <path d="M600 470 Q610 700 700 790" fill="none" stroke="#ffffff" stroke-width="26" opacity="0.45" filter="url(#b10)"/>
  <ellipse cx="1020" cy="600" rx="40" ry="200" fill="#2f4a3d" opacity="0.3" filter="url(#b30)"/>
</g>
<ellipse cx="800" cy="430" rx="260" ry="62" fill="#eaf4ec"/>
<ellipse cx="800" cy="436" rx="240" ry="52" fill="url(#inner)"/>
<ellipse cx="800" cy="452" rx="215" ry="40" fill="url(#teaLiq)"/>
<ellipse cx="740" cy="444" rx="70" ry="9" fill="#fffbe0" opacity="0.7" filter="url(#b4)"/>
<g filter="url(#lsh)">${leaves.join('')}</g>
</svg>`;
}

/** Brand mark, 512×512, shapes only: a red seal with a white tea leaf and sprout. */
function logoSvg(): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512" width="512" height="512">
<defs>
  <linearGradient id="g" x1="0" y1="0" x2="1" y2="1">
    <stop offset="0" stop-color="#ff2a36"/><stop offset="1" stop-color="#c4000f"/>
  </linearGradient>
</defs>
<rect x="36" y="36" width="440" height="440" rx="96" fill="url(#g)"/>
<rect x="60" y="60" width="392" height="392" rx="76" fill="none" stroke="#ffffff" stroke-opacity="0.9" stroke-width="10"/>
<path d="M256 388 C168 352 132 258 178 170 C198 132 236 112 280 108 C300 190 318 300 256 388 Z" fill="#ffffff"/>
<path d="M256 388 C248 300 250 220 272 132" fill="none" stroke="#E60012" stroke-width="12" stroke-linecap="round"/>
<path d="M259 300 L214 262 M264 236 L222 204 M260 286 C272 272 280 258 285 240" fill="none" stroke="#E60012" stroke-width="9" stroke-linecap="round"/>
<path d="M286 372 C330 330 352 280 350 230 C318 248 292 300 286 372 Z" fill="#ffffff" opacity="0.92"/>
</svg>`;
}

// ---------------------------------------------------------------------------------------------
// Sound

class Biquad {
  private b0 = 0;
  private b1 = 0;
  private b2 = 0;
  private a1 = 0;
  private a2 = 0;
  private x1 = 0;
  private x2 = 0;
  private y1 = 0;
  private y2 = 0;
  /** RBJ band-pass (constant 0 dB peak gain). */
  bandpass(freq: number, q: number): this {
    const w = (2 * Math.PI * freq) / SR;
    const alpha = Math.sin(w) / (2 * q);
    const a0 = 1 + alpha;
    this.b0 = alpha / a0;
    this.b1 = 0;
    this.b2 = -alpha / a0;
    this.a1 = (-2 * Math.cos(w)) / a0;
    this.a2 = (1 - alpha) / a0;
    return this;
  }
  lowpass(freq: number, q = 0.707): this {
    const w = (2 * Math.PI * freq) / SR;
    const alpha = Math.sin(w) / (2 * q);
    const cw = Math.cos(w);
    const a0 = 1 + alpha;
    this.b0 = (1 - cw) / 2 / a0;
    this.b1 = (1 - cw) / a0;
    this.b2 = (1 - cw) / 2 / a0;
    this.a1 = (-2 * cw) / a0;
    this.a2 = (1 - alpha) / a0;
    return this;
  }
  highpass(freq: number, q = 0.707): this {
    const w = (2 * Math.PI * freq) / SR;
    const alpha = Math.sin(w) / (2 * q);
    const cw = Math.cos(w);
    const a0 = 1 + alpha;
    this.b0 = (1 + cw) / 2 / a0;
    this.b1 = -(1 + cw) / a0;
    this.b2 = (1 + cw) / 2 / a0;
    this.a1 = (-2 * cw) / a0;
    this.a2 = (1 - alpha) / a0;
    return this;
  }
  run(x: number): number {
    const y = this.b0 * x + this.b1 * this.x1 + this.b2 * this.x2 - this.a1 * this.y1 - this.a2 * this.y2;
    this.x2 = this.x1;
    this.x1 = x;
    this.y2 = this.y1;
    this.y1 = y;
    return y;
  }
}

/** Quiet room tone: filtered noise with a faint mains hum. */
function roomTone(seconds: number, seed: number, level = 0.006): Float32Array {
  const r = rng(seed);
  const n = Math.round(seconds * SR);
  const out = new Float32Array(n);
  const lp = new Biquad().lowpass(900);
  const hp = new Biquad().highpass(60);
  for (let i = 0; i < n; i++) {
    const t = i / SR;
    out[i] = hp.run(lp.run(r() * 2 - 1)) * level * 3 + Math.sin(2 * Math.PI * 50 * t) * level * 0.15;
  }
  return out;
}

const VOWELS: Array<[number, number, number]> = [
  [730, 1090, 2440], // a
  [530, 1840, 2480], // e
  [270, 2290, 3010], // i
  [570, 840, 2410], // o
  [300, 870, 2240], // u
  [660, 1720, 2410], // æ
];

/**
 * A voice-like babble: a glottal pulse train with an intonation contour through three formant
 * filters, in syllables grouped into phrases. Unintelligible, but reads as someone talking.
 */
function voice(seconds: number, seed: number, phrases: Array<[number, number]>, pitch = 190): Float32Array {
  const r = rng(seed);
  const n = Math.round(seconds * SR);
  const out = new Float32Array(n);
  // Syllable plan.
  interface Syl { start: number; end: number; vowel: [number, number, number]; f0: number; amp: number }
  const syl: Syl[] = [];
  for (const [p0, p1] of phrases) {
    let t = p0;
    let k = 0;
    while (t < p1 - 0.12) {
      const d = 0.14 + r() * 0.14;
      const progress = (t - p0) / (p1 - p0);
      syl.push({
        start: t,
        end: Math.min(p1, t + d),
        vowel: VOWELS[Math.floor(r() * VOWELS.length)]!,
        f0: pitch * (1.12 - 0.22 * progress) * (0.92 + r() * 0.16) * (k % 3 === 0 ? 1.08 : 1),
        amp: 0.7 + r() * 0.3,
      });
      t += d + (r() < 0.15 ? 0.08 : 0.015);
      k++;
    }
  }
  const filters = [new Biquad(), new Biquad(), new Biquad()];
  const gains = [1, 0.6, 0.25];
  let phase = 0;
  let si = 0;
  let f0 = pitch;
  let env = 0;
  let form: [number, number, number] = [500, 1500, 2500];
  const noise = rng(seed + 1);
  for (let i = 0; i < n; i++) {
    const t = i / SR;
    while (si < syl.length && syl[si]!.end < t) si++;
    const s = si < syl.length && syl[si]!.start <= t ? syl[si]! : undefined;
    const target = s ? s.amp : 0;
    env += (target - env) * (target > env ? 0.0035 : 0.0016);
    if (s) {
      f0 += (s.f0 - f0) * 0.0009;
      for (let k = 0; k < 3; k++) form[k] = form[k]! + (s.vowel[k]! - form[k]!) * 0.0012;
    }
    if (i % 64 === 0) {
      filters[0]!.bandpass(form[0], 6);
      filters[1]!.bandpass(form[1], 9);
      filters[2]!.bandpass(form[2], 12);
    }
    // Glottal source: band-limited sawtooth (harmonics to ~4 kHz) plus a little breath noise.
    const vib = 1 + 0.012 * Math.sin(2 * Math.PI * 5.2 * t);
    phase += (2 * Math.PI * f0 * vib) / SR;
    if (phase > 2 * Math.PI * 1000) phase -= 2 * Math.PI * 1000;
    let src = 0;
    const harmonics = Math.min(30, Math.floor(4000 / f0));
    for (let h = 1; h <= harmonics; h++) src += Math.sin(h * phase) / h;
    src += (noise() - 0.5) * 0.4;
    let y = 0;
    for (let k = 0; k < 3; k++) y += filters[k]!.run(src) * gains[k]!;
    out[i] = y * env * 0.5;
  }
  return out;
}

/** A porcelain clink: inharmonic partials with fast decays. */
function clink(into: Float32Array, at: number, gain: number): void {
  const partials: Array<[number, number, number]> = [[2350, 1, 7], [3890, 0.6, 11], [5420, 0.4, 15], [7830, 0.2, 22]];
  const start = Math.round(at * SR);
  for (let i = 0; i < SR * 1.2 && start + i < into.length; i++) {
    const t = i / SR;
    let v = 0;
    for (const [f, a, d] of partials) v += a * Math.sin(2 * Math.PI * f * t) * Math.exp(-d * t);
    into[start + i]! += v * gain * Math.min(1, i / 24);
  }
}

/** Pouring water: band-passed noise whose band and level wander, with a soft start and end. */
function pour(into: Float32Array, t0: number, t1: number, gain: number, seed: number): void {
  const r = rng(seed);
  const bp1 = new Biquad();
  const bp2 = new Biquad();
  const hp = new Biquad().highpass(200);
  const s0 = Math.round(t0 * SR);
  const s1 = Math.min(into.length, Math.round(t1 * SR));
  let drift = 0;
  for (let i = s0; i < s1; i++) {
    const t = (i - s0) / SR;
    if ((i - s0) % 128 === 0) {
      drift += (r() - 0.5) * 0.2;
      drift *= 0.97;
      bp1.bandpass(900 + 350 * Math.sin(t * 1.7) + 300 * drift, 2.5);
      bp2.bandpass(2600 + 500 * Math.sin(t * 2.9 + 1), 4);
    }
    const x = r() * 2 - 1;
    const gurgle = 0.75 + 0.25 * Math.sin(2 * Math.PI * 7 * t + 2 * Math.sin(2 * Math.PI * 1.3 * t));
    const fade = smooth((i - s0) / (0.25 * SR)) * smooth((s1 - i) / (0.4 * SR));
    into[i]! += hp.run(bp1.run(x) * 1.0 + bp2.run(x) * 0.5) * gain * gurgle * fade;
  }
}

function mixInto(into: Float32Array, src: Float32Array, gain = 1, offset = 0): void {
  for (let i = 0; i < src.length && i + offset < into.length; i++) into[i + offset]! += src[i]! * gain;
}

function peak(...chans: Float32Array[]): number {
  let p = 0;
  for (const c of chans) for (const v of c) p = Math.max(p, Math.abs(v));
  return p;
}

function normalise(chans: Float32Array[], targetPeak: number): void {
  const p = peak(...chans);
  if (p === 0) return;
  const g = targetPeak / p;
  for (const c of chans) for (let i = 0; i < c.length; i++) c[i]! *= g;
}

/** 16-bit PCM WAV, interleaved. */
function wav(chans: Float32Array[]): Buffer {
  const n = chans[0]!.length;
  const nc = chans.length;
  const buf = Buffer.alloc(44 + n * nc * 2);
  buf.write('RIFF', 0, 'latin1');
  buf.writeUInt32LE(36 + n * nc * 2, 4);
  buf.write('WAVEfmt ', 8, 'latin1');
  buf.writeUInt32LE(16, 16);
  buf.writeUInt16LE(1, 20);
  buf.writeUInt16LE(nc, 22);
  buf.writeUInt32LE(SR, 24);
  buf.writeUInt32LE(SR * nc * 2, 28);
  buf.writeUInt16LE(nc * 2, 32);
  buf.writeUInt16LE(16, 34);
  buf.write('data', 36, 'latin1');
  buf.writeUInt32LE(n * nc * 2, 40);
  let o = 44;
  // TPDF dither from a seeded generator keeps the output deterministic.
  const r = rng(99);
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < nc; c++) {
      const v = chans[c]![i]! * 32767 + (r() - r());
      buf.writeInt16LE(clamp(Math.round(v), -32768, 32767), o);
      o += 2;
    }
  }
  return buf;
}

function teaAudio(seconds: number): Float32Array[] {
  const room = roomTone(seconds, 5);
  const v = voice(seconds, 6, [[0.4, 2.6], [3.2, 4.7], [5.6, 8.2], [8.9, 11.4]]);
  const L = new Float32Array(room);
  const R = new Float32Array(roomTone(seconds, 8));
  mixInto(L, v, 0.95);
  mixInto(R, v, 0.85);
  const c = new Float32Array(L.length);
  clink(c, 5.05, 0.09);
  mixInto(L, c, 0.8);
  mixInto(R, c, 1.0);
  normalise([L, R], 0.5);
  return [L, R];
}

function potAudio(seconds: number): Float32Array[] {
  const m = roomTone(seconds, 12, 0.008);
  mixInto(m, voice(seconds, 13, [[0.15, 1.15], [1.35, 2.2], [2.35, 2.95]], 215), 1);
  pour(m, 3.2, 5.7, 0.35, 14);
  normalise([m], 0.45);
  return [m];
}

// Music: G major pentatonic, 96 BPM, 8 bars of 4/4 = 20 s, loops seamlessly.
const BPM = 96;
const BEAT = 60 / BPM;
const midi = (m: number) => 440 * 2 ** ((m - 69) / 12);

/** Karplus-Strong plucked string (guzheng-ish), added into L/R with a pan. */
function pluck(L: Float32Array, R: Float32Array, at: number, note: number, gain: number, pan: number, r: () => number): void {
  const f = midi(note);
  const period = SR / f;
  const len = Math.floor(period);
  const frac = period - len;
  const buf = new Float32Array(len + 2);
  for (let i = 0; i < buf.length; i++) buf[i] = r() * 2 - 1;
  // Soften the excitation (a finger, not a pick).
  for (let k = 0; k < 2; k++) for (let i = 1; i < buf.length; i++) buf[i] = 0.5 * (buf[i]! + buf[i - 1]!);
  const start = Math.round(at * SR);
  const dur = Math.round(SR * 2.6);
  const lg = Math.cos((pan + 1) * (Math.PI / 4));
  const rg = Math.sin((pan + 1) * (Math.PI / 4));
  let idx = 0;
  let prev = 0;
  const decay = 0.996 - (note - 60) * 0.0002;
  for (let i = 0; i < dur; i++) {
    const a = buf[idx % len]!;
    const b = buf[(idx + 1) % len]!;
    const y = a + (b - a) * frac;
    const next = decay * 0.5 * (y + prev);
    prev = y;
    buf[idx % len] = next;
    idx++;
    const j = (start + i) % L.length; // wrap: the tail of the last bar rings into the first
    const env = Math.min(1, i / 40) * (i > dur - 2000 ? (dur - i) / 2000 : 1);
    L[j]! += y * gain * lg * env;
    R[j]! += y * gain * rg * env;
  }
}

function pad(L: Float32Array, R: Float32Array, at: number, length: number, notes: number[], gain: number): void {
  const start = Math.round(at * SR);
  const n = Math.round(length * SR);
  for (let i = 0; i < n; i++) {
    const t = i / SR;
    const env = smooth(t / 0.8) * smooth((length - t) / 0.9);
    let l = 0;
    let rr = 0;
    for (const m of notes) {
      const f = midi(m);
      const ph = 2 * Math.PI * f * (at + t);
      // Two slightly detuned voices per note, spread left/right; a touch of 2nd harmonic.
      l += Math.sin(ph * 0.9985) + 0.18 * Math.sin(2 * ph * 0.9985);
      rr += Math.sin(ph * 1.0015) + 0.18 * Math.sin(2 * ph * 1.0015);
    }
    const j = (start + i) % L.length;
    L[j]! += l * gain * env;
    R[j]! += rr * gain * env;
  }
}

function bass(L: Float32Array, R: Float32Array, at: number, note: number, gain: number): void {
  const f = midi(note);
  const start = Math.round(at * SR);
  const n = Math.round(SR * BEAT * 1.9);
  for (let i = 0; i < n; i++) {
    const t = i / SR;
    const env = Math.min(1, t / 0.01) * Math.exp(-2.2 * t) * smooth((n - i) / 800);
    const v = (Math.sin(2 * Math.PI * f * t) + 0.3 * Math.sin(4 * Math.PI * f * t)) * env * gain;
    const j = (start + i) % L.length;
    L[j]! += v;
    R[j]! += v;
  }
}

function shaker(L: Float32Array, R: Float32Array, at: number, gain: number, r: () => number): void {
  const hp = new Biquad().highpass(5000);
  const start = Math.round(at * SR);
  const n = Math.round(SR * 0.09);
  for (let i = 0; i < n; i++) {
    const t = i / SR;
    const env = Math.min(1, t / 0.004) * Math.exp(-45 * t);
    const v = hp.run(r() * 2 - 1) * env * gain;
    const j = (start + i) % L.length;
    L[j]! += v * 0.9;
    R[j]! += v * 0.5;
  }
}

/** A small stereo reverb (Schroeder: 4 combs + 2 all-passes per side), applied circularly. */
function reverb(x: Float32Array, delays: number[], mix: number): Float32Array {
  const n = x.length;
  const wet = new Float32Array(n);
  // Two passes over the loop so the tail wraps around into the start.
  for (const d of delays) {
    const line = new Float32Array(d);
    let p = 0;
    for (let pass = 0; pass < 2; pass++) {
      for (let i = 0; i < n; i++) {
        const y = line[p]!;
        line[p] = x[i]! + y * 0.8;
        p = (p + 1) % d;
        if (pass === 1) wet[i]! += y / delays.length;
      }
    }
  }
  for (const d of [225, 556]) {
    const line = new Float32Array(d);
    let p = 0;
    for (let i = 0; i < n; i++) {
      const b = line[p]!;
      const v = wet[i]! + b * 0.5;
      line[p] = v;
      wet[i] = b - v * 0.5;
      p = (p + 1) % d;
    }
  }
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = x[i]! * (1 - mix) + wet[i]! * mix * 1.6;
  return out;
}

function music(): Float32Array[] {
  const bars = 8;
  const seconds = bars * 4 * BEAT; // 20 s
  const n = Math.round(seconds * SR);
  const L = new Float32Array(n);
  const R = new Float32Array(n);
  const r = rng(77);
  // I – vi – IV – V in G, two bars each... as roots and chord tones (MIDI).
  const chords: Array<{ root: number; tones: number[] }> = [
    { root: 43, tones: [55, 59, 62] }, // G
    { root: 40, tones: [52, 55, 59] }, // Em
    { root: 36, tones: [55, 60, 64] }, // C
    { root: 38, tones: [54, 57, 62] }, // D
  ];
  const scale = [67, 69, 71, 74, 76, 79, 81, 83]; // G A B D E G A B (pentatonic)
  let idx = 3;
  for (let bar = 0; bar < bars; bar++) {
    const ch = chords[Math.floor(bar / 2) % 4]!;
    const t0 = bar * 4 * BEAT;
    if (bar % 2 === 0) pad(L, R, t0, 8 * BEAT, ch.tones, 0.022);
    bass(L, R, t0, ch.root, 0.16);
    bass(L, R, t0 + 2 * BEAT, ch.root + (bar % 2 === 1 ? 7 : 0), 0.12);
    for (let e = 0; e < 8; e++) {
      const t = t0 + e * (BEAT / 2);
      const strong = e % 2 === 0;
      if (!strong && r() < 0.45) continue;
      if (bar === bars - 1 && e > 5) continue; // breathe before the loop point
      // Random walk on the pentatonic scale, pulled towards chord tones on strong beats.
      idx = clamp(idx + Math.round((r() - 0.5) * 3.2), 0, scale.length - 1);
      let note = scale[idx]!;
      if (strong && !ch.tones.some((c) => (c - note) % 12 === 0)) {
        const alt = scale.find((s) => ch.tones.some((c) => (c - s) % 12 === 0) && Math.abs(s - note) <= 3);
        if (alt) note = alt;
      }
      pluck(L, R, t + (r() - 0.5) * 0.012, note, strong ? 0.3 : 0.2, 0.25, r);
      if (strong && e === 0) pluck(L, R, t, note - 12, 0.14, -0.3, r);
      shaker(L, R, t + BEAT / 4, 0.05, r);
    }
  }
  const outL = reverb(L, [1557, 1617, 1491, 1422], 0.3);
  const outR = reverb(R, [1580, 1640, 1514, 1445], 0.3);
  normalise([outL, outR], 0.7);
  return [outL, outR];
}

// ---------------------------------------------------------------------------------------------
// Footage

interface Shot {
  frames: number;
  render(i: number, out: Uint8Array): void;
}

async function* frameStream(shots: Shot[], w: number, h: number, post?: (frame: Uint8Array, i: number) => Uint8Array): AsyncGenerator<Buffer> {
  let n = 0;
  const frame = new Uint8Array(w * h * 3);
  for (const shot of shots) {
    for (let i = 0; i < shot.frames; i++) {
      shot.render(i, frame);
      grain(frame, 5, 1000 + n);
      const out = post ? post(frame, n) : frame;
      yield Buffer.from(out);
      n++;
    }
  }
}

/** Wobble of a hand-held camera: a few slow sines, in output pixels. */
function wobble(t: number, amount: number, seed: number): [number, number] {
  const p = seed * 1.7;
  return [
    amount * (0.6 * Math.sin(t * 1.3 + p) + 0.3 * Math.sin(t * 2.9 + 2 * p) + 0.1 * Math.sin(t * 7.1 + p)),
    amount * (0.6 * Math.sin(t * 1.1 + 3 * p) + 0.3 * Math.sin(t * 3.3 + p) + 0.1 * Math.sin(t * 6.3 + 2 * p)),
  ];
}

interface SteamPuff {
  sprite: Rgba;
  phase: number;
  period: number;
  dx: number;
}

async function steamPuffs(count: number, w: number, h: number, seed: number): Promise<SteamPuff[]> {
  const r = rng(seed);
  const out: SteamPuff[] = [];
  for (let i = 0; i < count; i++) {
    out.push({
      sprite: await svgToRgba(steamSvg(seed * 10 + i, w, h), w, h),
      phase: i / count,
      period: 3.2 + r() * 1.2,
      dx: (r() - 0.5) * w * 0.3,
    });
  }
  return out;
}

/** Draws rising, swaying, fading steam puffs whose base is at (bx, by) in output pixels. */
function drawSteam(frame: Uint8Array, fw: number, fh: number, puffs: SteamPuff[], t: number, bx: number, by: number, strength: number): void {
  for (const p of puffs) {
    const life = (t / p.period + p.phase) % 1;
    const rise = life * p.sprite.h * 0.45;
    const sway = Math.sin(t * 0.9 + p.phase * 6) * p.sprite.w * 0.12 + p.dx;
    const alpha = Math.sin(Math.PI * life) ** 1.5 * strength;
    blit(frame, fw, fh, p.sprite, bx - p.sprite.w / 2 + sway, by - p.sprite.h - rise + p.sprite.h * 0.35, alpha);
  }
}

async function teaFootage(out: string, audioWav: string): Promise<void> {
  const kA = 1.08; // scene A rendered 8 % larger than the output: zoom 1.0 → 1.07 without upsampling
  const kB = 1.16;
  const srcA = await svgToRgb(teaWideSvg(), Math.round(W * kA), Math.round(H * kA));
  const srcB = await svgToRgb(leavesCloseSvg(), Math.round(W * kB), Math.round(H * kB));
  const puffs = await steamPuffs(4, 300, 520, 3);
  const leafSprites: Rgba[][] = [];
  for (let k = 0; k < 3; k++) {
    const base = await svgToRgba(leafSpriteSvg(500 + k, 150), 195, 195);
    const rots: Rgba[] = [];
    for (let a = 0; a < 360; a += 10) rots.push(await rotateSprite(base, a));
    leafSprites.push(rots);
  }
  // Glass centre / rim in scene-A units (1920×1080 design space).
  const glass = { x: 860, y: 462 };
  const shotA: Shot = {
    frames: 5 * FPS,
    render(i, frame) {
      const t = i / FPS;
      const z = 1 + 0.07 * smooth(t / 5); // relative zoom 1.00 → 1.07
      const step = kA / (z * kA) * (kA / kA); // source px per output px at this zoom (≤ 1)
      const s = kA / z;
      // Push in towards a point between the glass and the dish.
      const fxs = (960 + (1000 - 960) * smooth(t / 5)) * kA;
      const fys = (540 + (600 - 540) * smooth(t / 5)) * kA;
      const [wx, wy] = wobble(t, 1.6, 1);
      const x0 = fxs - (W / 2) * s + wx * s;
      const y0 = fys - (H / 2) * s + wy * s;
      void step;
      sample(srcA, frame, W, H, x0, y0, s);
      // Steam above the glass rim, in output coordinates.
      const bx = (glass.x * kA - x0) / s;
      const by = (glass.y * kA - y0) / s;
      drawSteam(frame, W, H, puffs, t, bx, by, 0.55);
    },
  };
  const falls = [
    { sprite: 0, t0: 0.6, x: 700, spin: 40 },
    { sprite: 1, t0: 2.3, x: 1250, spin: -55 },
    { sprite: 2, t0: 4.1, x: 980, spin: 70 },
  ];
  const shotB: Shot = {
    frames: 7 * FPS,
    render(i, frame) {
      const t = i / FPS;
      const s = 1; // source px per output px (zoomed 1.16 relative to the full scene)
      const x0 = 40 + (srcB.w - W - 80) * smooth(t / 7) * 0.8 + 10;
      const y0 = (srcB.h - H) * (0.55 - 0.25 * smooth(t / 7));
      const [wx, wy] = wobble(t + 9, 1.4, 2);
      sample(srcB, frame, W, H, x0 + wx, y0 + wy, s);
      for (const f of falls) {
        const lt = t - f.t0;
        if (lt < 0 || lt > 2.2) continue;
        const rot = leafSprites[f.sprite]!;
        const angle = ((Math.round((f.spin * lt) / 10) % 36) + 36) % 36;
        const spr = rot[angle]!;
        const y = -160 + lt * 330 + 40 * lt * lt;
        const x = f.x + Math.sin(lt * 2.4) * 60 - (x0 - 40);
        blit(frame, W, H, spr, x - spr.w / 2, y - spr.h / 2, Math.min(1, (2.2 - lt) / 0.5));
      }
    },
  };
  await ffmpeg([
    '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-s', `${W}x${H}`, '-r', String(FPS), '-i', '-',
    '-i', audioWav,
    '-map', '0:v', '-map', '1:a',
    '-vf', 'scale=out_color_matrix=bt709:out_range=tv:flags=lanczos,format=yuv420p',
    '-c:v', 'libx264', '-preset', 'veryfast', '-crf', '27', '-profile:v', 'high', '-threads', '4',
    '-g', '60', '-color_primaries', 'bt709', '-color_trc', 'bt709', '-colorspace', 'bt709', '-color_range', 'tv',
    '-c:a', 'aac', '-b:a', '128k', '-ar', String(SR), '-ac', '2',
    '-shortest', '-movflags', '+faststart',
    '-map_metadata', '-1', '-fflags', '+bitexact', '-flags:v', '+bitexact', '-flags:a', '+bitexact',
    '-f', 'mp4', out,
  ], frameStream([shotA, shotB], W, H));
}

async function potFootage(out: string, audioWav: string): Promise<void> {
  // Displayed portrait 1080×1920; stored as 1920×1080 rotated, with a rotate=90 display matrix.
  const PW = 1080;
  const PH = 1920;
  const k = 1.06;
  const src = await svgToRgb(potPortraitSvg(), Math.round(PW * k), Math.round(PH * k));
  const puffs = await steamPuffs(3, 220, 420, 9);
  const lidPuffs = await steamPuffs(3, 260, 520, 19);
  const spout = { x: 540 + (946 - 540) * 1.2, y: 1420 - (1300 - 930) * 1.2 };
  const lid = { x: 540, y: 1420 - (1300 - 850) * 1.2 };
  const shot: Shot = {
    frames: 6 * FPS,
    render(i, frame) {
      const t = i / FPS;
      const z = 1 + 0.05 * smooth(t / 6);
      const s = k / z;
      const [wx, wy] = wobble(t, 4, 3); // phones shake more
      const x0 = (PW / 2) * k - (PW / 2) * s + wx * s;
      const y0 = 1100 * k - 1100 * s + wy * s;
      sample(src, frame, PW, PH, x0, y0, s);
      drawSteam(frame, PW, PH, puffs, t, (spout.x * k - x0) / s, (spout.y * k - y0) / s + 20, 0.45);
      drawSteam(frame, PW, PH, lidPuffs, t + 1.3, (lid.x * k - x0) / s, (lid.y * k - y0) / s + 30, 0.35);
    },
  };
  const tmp = `${out}.norot.mp4`;
  await ffmpeg([
    '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-s', `${PW}x${PH}`, '-r', String(FPS), '-i', '-',
    '-i', audioWav,
    '-map', '0:v', '-map', '1:a',
    // Store the portrait picture turned 90° counter-clockwise, as a phone sensor records it;
    // the rotate=90 display matrix written below turns it back upright.
    '-vf', 'transpose=cclock,scale=out_color_matrix=bt709:out_range=tv:flags=lanczos,format=yuv420p',
    '-c:v', 'libx264', '-preset', 'veryfast', '-crf', '27', '-profile:v', 'high', '-threads', '4',
    '-g', '30', '-color_primaries', 'bt709', '-color_trc', 'bt709', '-colorspace', 'bt709', '-color_range', 'tv',
    '-c:a', 'aac', '-b:a', '96k', '-ar', String(SR), '-ac', '1',
    '-shortest',
    '-map_metadata', '-1', '-fflags', '+bitexact', '-flags:v', '+bitexact', '-flags:a', '+bitexact',
    '-f', 'mp4', tmp,
  ], frameStream([shot], PW, PH));
  const buf = await readFile(tmp);
  setRotation90(buf);
  await writeFile(out, buf);
  await rm(tmp, { force: true });
}

/** Writes a phone-style rotate=90 display matrix into the video track header (tkhd). */
function setRotation90(buf: Buffer): void {
  const boxes = (start: number, end: number) => {
    const out: Array<{ type: string; start: number; body: number; end: number }> = [];
    let p = start;
    while (p + 8 <= end) {
      let size = buf.readUInt32BE(p);
      let hdr = 8;
      if (size === 1) {
        size = Number(buf.readBigUInt64BE(p + 8));
        hdr = 16;
      } else if (size === 0) size = end - p;
      if (size < hdr || p + size > end) break;
      out.push({ type: buf.toString('latin1', p + 4, p + 8), start: p, body: p + hdr, end: p + size });
      p += size;
    }
    return out;
  };
  const moov = boxes(0, buf.length).find((b) => b.type === 'moov');
  if (!moov) throw new Error('no moov');
  for (const trak of boxes(moov.body, moov.end).filter((b) => b.type === 'trak')) {
    const kids = boxes(trak.body, trak.end);
    const tkhd = kids.find((b) => b.type === 'tkhd');
    const mdia = kids.find((b) => b.type === 'mdia');
    const hdlr = mdia && boxes(mdia.body, mdia.end).find((b) => b.type === 'hdlr');
    if (!tkhd || !hdlr || buf.toString('latin1', hdlr.body + 8, hdlr.body + 12) !== 'vide') continue;
    const m = tkhd.body + (buf.readUInt8(tkhd.body) === 1 ? 52 : 40);
    const height = buf.readUInt32BE(m + 40) >>> 16;
    const one = 0x10000;
    [0, one, 0, -one, 0, 0, height * one, 0, 0x40000000].forEach((v, i) => buf.writeInt32BE(v | 0, m + i * 4));
    return;
  }
  throw new Error('no video track');
}

// ---------------------------------------------------------------------------------------------
// Main

const SRT = `1
00:00:00,200 --> 00:00:01,100
宜兴原矿紫砂，手工拍身成型

2
00:00:01,300 --> 00:00:02,200
出水顺畅，断水干脆不挂滴

3
00:00:02,300 --> 00:00:02,950
越养越润，一壶养一生
`;

interface Output {
  path: string;
  make(tmp: string): Promise<void>;
}

function outputs(): Output[] {
  return [
    {
      path: 'brand/logo.png',
      make: async (tmp) => {
        await sharp(Buffer.from(logoSvg())).png({ compressionLevel: 9, adaptiveFiltering: true }).toFile(tmp);
      },
    },
    {
      path: 'footage/CUP-002.jpg',
      make: async (tmp) => {
        await sharp(Buffer.from(cupStillSvg()))
          .flatten({ background: '#ffffff' })
          .withMetadata({ orientation: 1 })
          .jpeg({ quality: 86, chromaSubsampling: '4:2:0', mozjpeg: true })
          .toFile(tmp);
      },
    },
    {
      path: 'footage/POT-003.srt',
      make: (tmp) => writeFile(tmp, SRT, 'utf8'),
    },
    {
      path: 'brand/bgm.mp3',
      make: async (tmp) => {
        const w = `${tmp}.wav`;
        await writeFile(w, wav(music()));
        await ffmpeg(['-i', w, '-c:a', 'libmp3lame', '-b:a', '128k', '-ar', String(SR), '-ac', '2',
          '-map_metadata', '-1', '-fflags', '+bitexact', '-flags:a', '+bitexact', '-id3v2_version', '0', '-write_xing', '1',
          '-f', 'mp3', tmp]);
        await rm(w, { force: true });
      },
    },
    {
      path: 'footage/TEA-001.mp4',
      make: async (tmp) => {
        const w = `${tmp}.wav`;
        await writeFile(w, wav(teaAudio(12)));
        await teaFootage(tmp, w);
        await rm(w, { force: true });
      },
    },
    {
      path: 'footage/POT-003.mp4',
      make: async (tmp) => {
        const w = `${tmp}.wav`;
        await writeFile(w, wav(potAudio(6)));
        await potFootage(tmp, w);
        await rm(w, { force: true });
      },
    },
  ];
}

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex').slice(0, 16);

async function preview(): Promise<void> {
  await mkdir(PREVIEW, { recursive: true });
  const scenes: Array<[string, string]> = [
    ['tea-wide.png', teaWideSvg()],
    ['tea-close.png', leavesCloseSvg()],
    ['pot.png', potPortraitSvg()],
    ['cup.png', cupStillSvg()],
    ['logo.png', logoSvg()],
    ['steam.png', steamSvg(30, 300, 520)],
  ];
  for (const [name, svg] of scenes) {
    await sharp(Buffer.from(svg)).png().toFile(join(PREVIEW, name));
    console.log(join(PREVIEW, name));
  }
}

async function main(): Promise<void> {
  const args = new Set(process.argv.slice(2));
  if (args.has('--preview')) return preview();
  const check = args.has('--check');
  const only = [...args].filter((a) => !a.startsWith('--'));
  let changed = 0;
  for (const o of outputs()) {
    if (only.length && !only.some((x) => o.path.includes(x))) continue;
    const final = join(OUT, o.path);
    await mkdir(dirname(final), { recursive: true });
    const tmp = join(dirname(final), `.tmp-${process.pid}-${o.path.split('/').pop()}`);
    const t0 = Date.now();
    try {
      await o.make(tmp);
      const fresh = await readFile(tmp);
      const old = existsSync(final) ? await readFile(final) : undefined;
      const same = old?.equals(fresh) ?? false;
      if (same || check) await rm(tmp, { force: true });
      else await rename(tmp, final);
      if (!same) changed++;
      console.log(`${same ? 'unchanged' : check ? 'would change' : 'written  '} ${relative(ROOT, final)}  ${fresh.length} bytes  sha256 ${sha(fresh)}  (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
    } catch (e) {
      await rm(tmp, { force: true });
      throw e;
    }
  }
  // Stray temp files from an interrupted run.
  for (const dir of ['brand', 'footage']) {
    const d = join(OUT, dir);
    if (!existsSync(d)) continue;
    for (const name of await readdir(d)) if (name.startsWith('.tmp-')) await rm(join(d, name), { force: true });
  }
  let total = 0;
  for (const dir of ['brand', 'footage']) {
    const d = join(OUT, dir);
    if (!existsSync(d)) continue;
    for (const name of await readdir(d)) total += (await stat(join(d, name))).size;
  }
  console.log(`media-samples: ${(total / 1024 / 1024).toFixed(2)} MiB in brand/ and footage/`);
  if (check && changed > 0) process.exit(1);
}

await main();
