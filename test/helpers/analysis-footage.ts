// Footage with known ground truth for the analysis tests and benchmark 17: scenes joined by hard
// cuts at known frames, spans that are black, dark, overexposed, blurred, frozen or shaky, and a
// speech-like sound (syllables of harmonic tone grouped into words and phrases, with pauses and
// silent spans over a faint noise floor). Pictures come from ffmpeg's lavfi sources; the sound is
// synthesised here (exact word times) and muxed in. Cached by its plan's hash, like fixtures.ts.
import { createHash } from 'node:crypto';
import { rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runProcess } from '../../src/util/run-process.ts';
import type { Defect, DefectKind, Span } from '../../src/analysis/analysis-types.ts';
import { cached } from './fixtures.ts';

const require = createRequire(import.meta.url);
const FFMPEG = (require('@ffmpeg-installer/ffmpeg') as { path: string }).path;
const here = dirname(fileURLToPath(import.meta.url));
const DEFAULT_DIR = resolve(process.env.PROMO_FIXTURES_DIR ?? join(here, '..', '.work', 'fixtures'));
const GENERATOR_VERSION = 3;

export interface SceneDefect {
  kind: Exclude<DefectKind, 'silence'>;
  /** Seconds from the scene's start. A scene with `frozen` has no other defect after it. */
  start: number;
  end: number;
}

export interface FootagePlan {
  width: number;
  height: number;
  fps: number;
  scenes: { seconds: number; defects?: SceneDefect[] }[];
  /** `speech`: syllables, words and phrases; `none`: no audio stream; `floor`: only the noise floor. */
  audio: 'speech' | 'none' | 'floor';
  /** Spans of the whole take (seconds) where the speech stops and only the noise floor remains. */
  silences?: Span[];
  seed?: number;
}

export interface GeneratedFootage {
  file: string;
  duration: number;
  fps: number;
  /** Frame index of the first frame of every scene but the first. */
  cutFrames: number[];
  /** Picture defects and silences, seconds of the whole take. */
  defects: Defect[];
  /** Word spans (a boundary strictly inside one is mid-word). */
  words: Span[];
}

/** A demonstration plan: five scenes (4–9 s), one of each picture defect, two silences, speech throughout. */
export function demoPlan(width: number, height: number, fps = 30, scale = 1): FootagePlan {
  const s = (seconds: number) => seconds * scale;
  return {
    width, height, fps, audio: 'speech',
    scenes: [
      { seconds: s(9), defects: [{ kind: 'black', start: s(6), end: s(7.5) }] },
      { seconds: s(8), defects: [{ kind: 'blur', start: s(1), end: s(3) }, { kind: 'dark', start: s(5), end: s(6.5) }] },
      { seconds: s(7), defects: [{ kind: 'shaky', start: s(3), end: s(5) }] },
      { seconds: s(8), defects: [{ kind: 'overexposed', start: s(1), end: s(2.5) }] },
      { seconds: s(8), defects: [{ kind: 'frozen', start: s(5), end: s(6.5) }] },
    ],
    silences: [{ start: s(19), end: s(22) }, { start: s(36), end: s(38.5) }],
  };
}

/** Generates (or reuses) the footage of `plan`; returns it with its ground truth. */
export async function generateFootage(plan: FootagePlan, dir = DEFAULT_DIR): Promise<GeneratedFootage> {
  const hash = createHash('sha256').update(JSON.stringify({ GENERATOR_VERSION, plan })).digest('hex').slice(0, 16);
  const file = join(dir, `analysis-${plan.width}x${plan.height}-${hash}.mp4`);
  const truth = groundTruth(plan, file);
  // Through cached(): made under a name of its own and renamed in when complete, so two makers at
  // once (in one process or not, of the same footage or not) never write into one file.
  await cached(file, async (temp) => {
    const wav = `${temp.slice(0, -'.mp4'.length)}.wav`;
    try {
      const inputs: string[] = [];
      const chains: string[] = [];
      const margin = Math.max(4, 2 * Math.round(plan.width / 40));
      plan.scenes.forEach((scene, i) => {
        // Scenes alternate between two different test patterns, every other pair negated.
        const source = i % 2 === 0 ? 'testsrc2' : 'testsrc';
        inputs.push('-f', 'lavfi', '-i', `${source}=s=${plan.width + 2 * margin}x${plan.height + 2 * margin}:r=${plan.fps}:d=${scene.seconds + 1}`);
        chains.push(`[${i}:v]${sceneFilters(plan, scene, i, margin)}[s${i}]`);
      });
      chains.push(`${plan.scenes.map((_, i) => `[s${i}]`).join('')}concat=n=${plan.scenes.length}:v=1:a=0[v]`);
      const audioArgs: string[] = [];
      if (plan.audio !== 'none') {
        await writeFile(wav, synthesiseSpeech(plan, truth.duration).wav);
        inputs.push('-i', wav);
        audioArgs.push('-map', `${plan.scenes.length}:a`, '-c:a', 'aac', '-b:a', '96k');
      }
      await runProcess(FFMPEG, [
        '-hide_banner', '-v', 'error', '-y', ...inputs,
        '-filter_complex', chains.join(';'), '-map', '[v]', ...audioArgs,
        '-c:v', 'libx264', '-preset', 'veryfast', '-crf', '20', '-pix_fmt', 'yuv420p', '-t', String(truth.duration),
        '-movflags', '+faststart', temp,
      ], { collectStdout: false, timeoutMs: 15 * 60_000 });
    } finally {
      await rm(wav, { force: true });
    }
  });
  return truth;
}

function sceneFilters(plan: FootagePlan, scene: FootagePlan['scenes'][number], index: number, margin: number): string {
  const filters: string[] = [];
  if (Math.floor(index / 2) % 2 === 1) filters.push('negate');
  const between = (d: SceneDefect) => `between(t\\,${d.start}\\,${d.end - 0.001})`;
  const shaky = (scene.defects ?? []).filter((d) => d.kind === 'shaky');
  const jitter = shaky.length ? shaky.map((d) => `${between(d)}*${margin}*(2*random(${d === shaky[0] ? 1 : 2})-1)`).join('+') : '0';
  filters.push(`crop=${plan.width}:${plan.height}:x='${margin}+${jitter}':y='${margin}+${jitter.replaceAll('random(1)', 'random(3)').replaceAll('random(2)', 'random(4)')}'`);
  for (const defect of scene.defects ?? []) {
    const enable = `enable='${between(defect).replaceAll('\\,', ',')}'`;
    if (defect.kind === 'blur') filters.push(`gblur=sigma=${Math.max(3, plan.width / 120)}:${enable}`);
    if (defect.kind === 'black') filters.push(`lutyuv=y=16:u=128:v=128:${enable}`);
    if (defect.kind === 'dark') filters.push(`lutyuv=y='16+(val-16)*0.3':${enable}`);
    if (defect.kind === 'overexposed') filters.push(`lutyuv=y='min(235\\,80+val*2)':${enable}`);
  }
  const frozen = (scene.defects ?? []).find((d) => d.kind === 'frozen');
  if (frozen) {
    const start = Math.round(frozen.start * plan.fps);
    const frames = Math.round((frozen.end - frozen.start) * plan.fps);
    filters.push(`loop=loop=${frames}:size=1:start=${start}`, `setpts=N/${plan.fps}/TB`);
  }
  filters.push(`trim=end_frame=${Math.round(scene.seconds * plan.fps)}`, 'setpts=PTS-STARTPTS', 'format=yuv420p');
  return filters.join(',');
}

function groundTruth(plan: FootagePlan, file: string): GeneratedFootage {
  const cutFrames: number[] = [];
  const defects: Defect[] = [];
  let frame = 0;
  plan.scenes.forEach((scene, i) => {
    if (i > 0) cutFrames.push(frame);
    const offset = frame / plan.fps;
    for (const d of scene.defects ?? []) defects.push({ kind: d.kind, start: offset + d.start, end: offset + d.end });
    frame += Math.round(scene.seconds * plan.fps);
  });
  const duration = frame / plan.fps;
  if (plan.audio === 'speech') for (const s of plan.silences ?? []) defects.push({ kind: 'silence', start: s.start, end: s.end });
  const words = plan.audio === 'speech' ? synthesiseSpeech(plan, duration).words : [];
  return { file, duration, fps: plan.fps, cutFrames, defects: defects.sort((a, b) => a.start - b.start), words };
}

/** Speech-like mono 16 kHz PCM (as a WAV) and its word spans. */
function synthesiseSpeech(plan: FootagePlan, duration: number): { wav: Buffer; words: Span[] } {
  const rate = 16000;
  const samples = new Float64Array(Math.round(duration * rate));
  let seed = plan.seed ?? 7;
  const random = () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const words: Span[] = [];
  const silent = (t: number) => (plan.silences ?? []).some((s) => t >= s.start - 0.05 && t < s.end + 0.05);
  if (plan.audio === 'speech') {
    let t = 0.4;
    while (t < duration - 0.5) {
      // A phrase of 2–5 words, then a pause of 0.35–0.8 s.
      const phraseWords = 2 + Math.floor(random() * 4);
      for (let w = 0; w < phraseWords && t < duration - 0.5; w++) {
        const syllables = 1 + Math.floor(random() * 3);
        const wordStart = t;
        for (let s = 0; s < syllables; s++) {
          const length = 0.12 + random() * 0.1;
          if (!silent(t) && !silent(t + length)) addSyllable(samples, rate, t, length, 0.12 + random() * 0.15, 110 + random() * 90);
          t += length + (s < syllables - 1 ? 0.03 + random() * 0.04 : 0);
        }
        if (!silent(wordStart) && !silent(t)) words.push({ start: wordStart, end: t });
        t += 0.06 + random() * 0.05;
      }
      t += 0.35 + random() * 0.45;
    }
  }
  // The phone's noise floor: faint white noise everywhere (about −60 dBFS RMS).
  for (let i = 0; i < samples.length; i++) samples[i]! += (random() * 2 - 1) * 0.0017;
  return { wav: wavFile(samples, rate), words };
}

function addSyllable(samples: Float64Array, rate: number, start: number, length: number, amplitude: number, f0: number): void {
  const first = Math.round(start * rate);
  const count = Math.round(length * rate);
  for (let i = 0; i < count && first + i < samples.length; i++) {
    const t = i / rate;
    // A raised-cosine envelope; harmonics with falling weights, like a voiced vowel.
    const envelope = Math.sin((Math.PI * i) / count) ** 0.6;
    let value = 0;
    for (let h = 1; h <= 6; h++) value += Math.sin(2 * Math.PI * f0 * h * t) / h;
    samples[first + i]! += amplitude * envelope * value * 0.5;
  }
}

function wavFile(samples: Float64Array, rate: number): Buffer {
  const data = Buffer.alloc(samples.length * 2);
  for (let i = 0; i < samples.length; i++) data.writeInt16LE(Math.max(-32768, Math.min(32767, Math.round(samples[i]! * 32767))), i * 2);
  const header = Buffer.alloc(44);
  header.write('RIFF', 0);
  header.writeUInt32LE(36 + data.length, 4);
  header.write('WAVEfmt ', 8);
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(1, 22);
  header.writeUInt32LE(rate, 24);
  header.writeUInt32LE(rate * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36);
  header.writeUInt32LE(data.length, 40);
  return Buffer.concat([header, data]);
}

export interface MovingSubject {
  file: string;
  duration: number;
  fps: number;
  /** The subject's width, as a share of the picture's width. */
  subjectWidth: number;
  /** The subject's left edge at time t, as a share of the picture's width. */
  subjectLeft(t: number): number;
}

/** A flat grey picture a textured subject (a small testsrc2) crosses from left to right at a steady speed. */
export async function generateMovingSubject(width: number, height: number, seconds: number, dir = DEFAULT_DIR): Promise<MovingSubject> {
  const fps = 30;
  const side = 2 * Math.round(height / 6);
  const file = join(dir, `subject-v${GENERATOR_VERSION}-${width}x${height}-${seconds}s.mp4`);
  const truth = { file, duration: seconds, fps, subjectWidth: side / width, subjectLeft: (t: number) => ((width - side) * Math.min(t, seconds)) / seconds / width };
  await cached(file, async (temp) => {
    await runProcess(FFMPEG, [
      '-hide_banner', '-v', 'error', '-y',
      '-f', 'lavfi', '-i', `color=c=0x707070:s=${width}x${height}:r=${fps}:d=${seconds}`,
      '-f', 'lavfi', '-i', `testsrc2=s=${side}x${side}:r=${fps}:d=${seconds}`,
      '-filter_complex', `[0:v][1:v]overlay=x='(W-w)*t/${seconds}':y=(H-h)/2:eval=frame,format=yuv420p[v]`,
      '-map', '[v]', '-c:v', 'libx264', '-preset', 'veryfast', '-crf', '20', '-t', String(seconds), temp,
    ], { collectStdout: false, timeoutMs: 10 * 60_000 });
  });
  return truth;
}
