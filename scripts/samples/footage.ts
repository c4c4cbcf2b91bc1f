// The moving sample footage: frames composited in JavaScript and piped to ffmpeg as raw RGB.
import { readFile, rm, writeFile } from 'node:fs/promises';
import { blit, grain, type Rgba, rotateSprite, sample, svgToRgb, svgToRgba } from './raster.ts';
import { ffmpeg, FPS, H, rng, smooth, SR, W } from './sample-kit.ts';
import { potPortraitSvg } from './still-scenes.ts';
import { leafSpriteSvg, leavesCloseSvg, steamSvg, teaWideSvg } from './tea-scenes.ts';

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

/** Writes TEA-001.mp4 (landscape): the wide glass scene, then the leaf close-up, with `audioWav`. */
export async function teaFootage(out: string, audioWav: string): Promise<void> {
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

/** Writes POT-003.mp4: portrait frames stored landscape with a rotate=90 matrix, as phones do, with `audioWav`. */
export async function potFootage(out: string, audioWav: string): Promise<void> {
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
