// Sound synthesis building blocks: filters, room tone, a formant voice babble, a porcelain clink,
// pouring water, mixing, and writing WAV.
import { clamp, rng, smooth, SR } from './sample-kit.ts';

/** A biquad filter (RBJ cookbook coefficients), run one sample at a time. */
export class Biquad {
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
export function roomTone(seconds: number, seed: number, level = 0.006): Float32Array {
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
export function voice(seconds: number, seed: number, phrases: Array<[number, number]>, pitch = 190): Float32Array {
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
export function clink(into: Float32Array, at: number, gain: number): void {
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
export function pour(into: Float32Array, t0: number, t1: number, gain: number, seed: number): void {
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

/** Adds `src` × gain into `into`, starting at sample `offset`. */
export function mixInto(into: Float32Array, src: Float32Array, gain = 1, offset = 0): void {
  for (let i = 0; i < src.length && i + offset < into.length; i++) into[i + offset]! += src[i]! * gain;
}

function peak(...chans: Float32Array[]): number {
  let p = 0;
  for (const c of chans) for (const v of c) p = Math.max(p, Math.abs(v));
  return p;
}

/** Scales all channels together so the loudest sample reaches `targetPeak`. */
export function normalise(chans: Float32Array[], targetPeak: number): void {
  const p = peak(...chans);
  if (p === 0) return;
  const g = targetPeak / p;
  for (const c of chans) for (let i = 0; i < c.length; i++) c[i]! *= g;
}

/** 16-bit PCM WAV, interleaved. */
export function wav(chans: Float32Array[]): Buffer {
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
