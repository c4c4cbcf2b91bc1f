// The background music (brand/bgm.mp3): a pentatonic tune of plucks, pad, bass and shaker.
import { clamp, rng, smooth, SR } from './sample-kit.ts';
import { Biquad, normalise } from './sound-kit.ts';

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

/** The 20 s background loop, stereo. */
export function music(): Float32Array[] {
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
