// The audio side of a render, shared by every preset of the run: each clip's own sound (or
// silence), cut to exact sample counts, a music bed ducked under it, then the loudness gain and
// a true-peak limiter.
import type { Filter, FilterChain } from './filtergraph.ts';
import type { AudioPlan, TimelineItem, TransitionPlan } from './plan-types.ts';

export const SAMPLE_RATE = 48_000;
/** Short fades at every cut so joins never click. */
const EDGE_FADE = 0.012;
/** Limiter ceiling: 0.5 dB under the −1 dBTP target leaves room for resampling overshoot. */
export const LIMITER_CEILING_DB = -1.5;

export interface AudioChainOptions {
  items: readonly TimelineItem[];
  /** Input label of each item's audio (`3:a:0`), or undefined where the item has none. */
  itemInputs: readonly (string | undefined)[];
  /** Sample counts of each item as rendered (before any crossfade overlap). */
  itemSamples: readonly number[];
  transition: TransitionPlan;
  /** Samples neighbours share (crossfade only). */
  overlapSamples: number;
  audio: AudioPlan;
  /** Input label of the music bed, when there is one. */
  musicInput?: string;
  /** Labels to produce (one per output; several means the mix is split). */
  outputs: readonly string[];
  /** Filters appended to the final mix before splitting (the analysis pass adds ebur128 here). */
  finalFilters?: readonly Filter[];
}

/** Builds the audio chains of a render or of its loudness analysis. */
export function planAudio(options: AudioChainOptions): FilterChain[] {
  const chains: FilterChain[] = [];
  const joins = options.items.length - 1;
  const crossfade = options.transition.type === 'crossfade' && joins > 0;
  const total = options.itemSamples.reduce((sum, n) => sum + n, 0) - (crossfade ? joins * options.overlapSamples : 0);
  // At a fade through black the sound fades with the picture; at a cut only enough not to click.
  const joinFade = options.transition.type === 'fade' ? options.transition.duration / 2 : EDGE_FADE;
  const cut = (samples: number): Filter[] => [
    { name: 'apad' },
    { name: 'atrim', args: { end_sample: samples } },
  ];
  const format: Filter = { name: 'aformat', args: { sample_fmts: 'fltp', sample_rates: SAMPLE_RATE, channel_layouts: 'stereo' } };
  options.items.forEach((_, index) => {
    const samples = options.itemSamples[index]!;
    const input = options.itemInputs[index];
    const seconds = samples / SAMPLE_RATE;
    const fadeIn = index > 0 && !crossfade ? joinFade : EDGE_FADE;
    const fadeOut = index < joins && !crossfade ? joinFade : EDGE_FADE;
    if (input) {
      chains.push({
        inputs: [input],
        filters: [
          // first_pts=0: a clip's sound starts at its in (the input's 0 s after its -ss), padded
          // with silence where the footage's sound starts later (a phone's audio start_time after
          // its video's); shifting it to 0 instead would put it early, out of sync with the picture.
          { name: 'aresample', args: { osr: SAMPLE_RATE, first_pts: 0 } },
          format,
          ...cut(samples),
          { name: 'afade', args: { t: 'in', d: round4(Math.min(fadeIn, seconds / 2)) } },
          { name: 'afade', args: { t: 'out', st: round4(Math.max(0, seconds - Math.min(fadeOut, seconds / 2))), d: round4(Math.min(fadeOut, seconds / 2)) } },
        ],
        outputs: [`ai${index}`],
      });
    } else {
      chains.push({
        inputs: [],
        filters: [{ name: 'anullsrc', args: { r: SAMPLE_RATE, cl: 'stereo' } }, { name: 'atrim', args: { end_sample: samples } }],
        outputs: [`ai${index}`],
      });
    }
  });
  const parts = options.items.map((_, index) => `ai${index}`);
  let mix = 'amain';
  if (parts.length === 1) chains.push({ inputs: parts, filters: [{ name: 'anull' }], outputs: [mix] });
  else if (!crossfade) chains.push({ inputs: parts, filters: [{ name: 'concat', args: { n: parts.length, v: 0, a: 1 } }], outputs: [mix] });
  else {
    // Each join overlaps the neighbours' sound by exactly the picture's overlap.
    let joined = parts[0]!;
    for (let index = 1; index < parts.length; index++) {
      const next = index === parts.length - 1 ? mix : `ax${index}`;
      chains.push({
        inputs: [joined, parts[index]!],
        filters: [{ name: 'acrossfade', args: { ns: options.overlapSamples, c1: 'tri', c2: 'tri' } }],
        outputs: [next],
      });
      joined = next;
    }
  }

  const music = options.audio.music;
  if (music && options.musicInput) {
    const seconds = total / SAMPLE_RATE;
    chains.push({
      inputs: [options.musicInput],
      filters: [
        { name: 'aresample', args: [SAMPLE_RATE] },
        format,
        { name: 'asetpts', args: ['PTS-STARTPTS'] },
        { name: 'volume', args: { volume: `${music.volume}dB` } },
        ...cut(total),
        { name: 'afade', args: { t: 'out', st: Math.max(0, seconds - 1.5), d: Math.min(1.5, seconds) } },
      ],
      outputs: ['music'],
    });
    let bed = 'music';
    if (music.duck) {
      // The footage's own sound keys a compressor on the music: the bed dips under speech.
      chains.push({ inputs: [mix], filters: [{ name: 'asplit', args: [2] }], outputs: ['amain1', 'akey'] });
      chains.push({
        inputs: ['music', 'akey'],
        filters: [{ name: 'sidechaincompress', args: { threshold: 0.02, ratio: 8, attack: 30, release: 600, makeup: 1 } }],
        outputs: ['ducked'],
      });
      mix = 'amain1';
      bed = 'ducked';
    }
    chains.push({
      inputs: [mix, bed],
      filters: [
        { name: 'amix', args: { inputs: 2, duration: 'first', dropout_transition: 0 } },
        // amix divides every input by the input count; undo that so levels stay as planned.
        { name: 'volume', args: { volume: 2 } },
      ],
      outputs: ['amixed'],
    });
    mix = 'amixed';
  }

  const final: Filter[] = [];
  if (options.audio.gainDb !== undefined) final.push({ name: 'volume', args: { volume: `${round2(options.audio.gainDb)}dB` } });
  if (options.audio.limit) {
    // Limiting at 4× the sample rate catches inter-sample (true) peaks.
    final.push(
      { name: 'aresample', args: [SAMPLE_RATE * 4] },
      { name: 'alimiter', args: { limit: round4(10 ** (LIMITER_CEILING_DB / 20)), attack: 5, release: 80, level: 0 } },
      { name: 'aresample', args: [SAMPLE_RATE] },
    );
  }
  final.push(...cut(total), ...(options.finalFilters ?? []));
  if (options.outputs.length > 1) final.push({ name: 'asplit', args: [options.outputs.length] });
  chains.push({ inputs: [mix], filters: final, outputs: [...options.outputs] });
  return chains;
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}

function round4(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}
