// Picks the clips of a take (pure): windows of about the asked length that hold no defect and no
// hard cut, start and end on a cut, at the take's edge or in a pause of the sound, scored on
// sharpness, light, sound and steadiness relative to the take, chosen best first with a penalty
// for a scene that already gave a clip, and explained.
import {
  LENGTH_TOLERANCE, SAME_SCENE_PENALTY, WEIGHT_AUDIO, WEIGHT_LIGHT, WEIGHT_SHARPNESS, WEIGHT_STEADY,
} from './analysis-constants.ts';
import type { ProposedClip, SuggestOptions } from './analysis-types.ts';
import type { BoundaryKind, Take } from './read-take.ts';

export interface Selection {
  clips: ProposedClip[];
  notes: string[];
}

interface Candidate {
  start: number;
  end: number;
  scene: number;
  quality: number;
  /** The quality less a small penalty for a length other than the asked one. */
  value: number;
}

/** Selects up to `options.count` clips of about `options.length` seconds from `take`. */
export function selectClips(take: Take, options: SuggestOptions): Selection {
  const { fps, frames: n } = take;
  const notes: string[] = [];
  const target = Math.max(1, Math.round(options.length * fps));
  let shortest = Math.max(1, Math.floor(target * (1 - LENGTH_TOLERANCE)));
  const longest = Math.ceil(target * (1 + LENGTH_TOLERANCE));
  if (n < shortest) {
    notes.push(`the take is only ${seconds(take.duration)} long, shorter than a ${seconds(options.length)} clip: proposing the whole take if it is clean`);
    shortest = Math.max(1, n);
  }

  const weights = take.audio.hasSound
    ? { sharp: WEIGHT_SHARPNESS, light: WEIGHT_LIGHT, audio: WEIGHT_AUDIO, steady: WEIGHT_STEADY }
    : rescale({ sharp: WEIGHT_SHARPNESS, light: WEIGHT_LIGHT, audio: 0, steady: WEIGHT_STEADY });
  const p = take.picture;
  const quality = [...Array(n).keys()].map((i) =>
    weights.sharp * p.sharpRank[i]! + weights.light * p.lightRank[i]! + weights.audio * take.sound[i]! + weights.steady * p.steadiness[i]!);
  const prefix = (values: number[]) => values.reduce<number[]>((sums, v) => (sums.push(sums[sums.length - 1]! + v), sums), [0]);
  const qualitySum = prefix(quality);
  const badSum = prefix(take.bad.map((b) => (b ? 1 : 0)));

  // Every window that may be a clip: clean, inside one scene, starting and ending where allowed.
  const candidates: Candidate[] = [];
  for (let a = 0; a < n; a++) {
    if (!take.startAt[a]) continue;
    for (let b = a + shortest; b <= Math.min(n, a + longest); b++) {
      if (badSum[b]! - badSum[a]! > 0 || take.sceneOf[b - 1] !== take.sceneOf[a]) break;
      if (!take.endAt[b]) continue;
      const mean = (qualitySum[b]! - qualitySum[a]!) / (b - a);
      // A small pull towards the asked length, so that of two equal windows the closer one wins.
      candidates.push({ start: a, end: b, scene: take.sceneOf[a]!, quality: mean, value: mean - (0.05 * Math.abs(b - a - target)) / target });
    }
  }

  const chosen: Candidate[] = [];
  while (chosen.length < options.count) {
    let pick: Candidate | undefined;
    let pickValue = -Infinity;
    for (const c of candidates) {
      // Clips never overlap, but may meet: a short pause between two phrases can end one and start the next.
      if (chosen.some((o) => c.start < o.end && o.start < c.end)) continue;
      const value = c.value - (chosen.some((o) => o.scene === c.scene) ? SAME_SCENE_PENALTY : 0);
      if (value > pickValue) {
        pickValue = value;
        pick = c;
      }
    }
    if (!pick) break;
    chosen.push(pick);
  }
  if (chosen.length < options.count) notes.push(explainShortfall(take, chosen.length, options.count, shortest));
  chosen.sort((x, y) => x.start - y.start);
  return { clips: chosen.map((c) => describe(take, c, weights)), notes };
}

function describe(take: Take, c: Candidate, weights: { audio: number }): ProposedClip {
  const mean = (values: number[]) => values.slice(c.start, c.end).reduce((s, v) => s + v, 0) / (c.end - c.start);
  const reasons: string[] = [];
  const sharp = mean(take.picture.sharpRank);
  const light = mean(take.picture.lightRank);
  const steady = mean(take.picture.steadiness);
  reasons.push(`sharper than ${percent(sharp)} of the take`);
  reasons.push(`better lit than ${percent(light)} of the take`);
  if (weights.audio > 0) reasons.push(`sound in ${percent(mean(take.sound))} of it, no dead air`);
  else reasons.push('the take has no sound to keep: cut on the picture alone');
  reasons.push(steady >= 0.7 ? 'steady camera' : 'some camera movement, no shake');
  reasons.push('no black, dark, overexposed, blurred, frozen or shaky frames');
  const start = take.startAt[c.start]!;
  const end = take.endAt[c.end]!;
  reasons.push(`starts ${boundaryWords(start, take.startTime[c.start]!, 'beginning')}, ends ${boundaryWords(end, take.endTime[c.end]!, 'end')}`);
  if (take.scenes.length > 1) reasons.push(`scene ${c.scene + 1} of ${take.scenes.length}`);
  return {
    in: boundary(take.startTime[c.start]!, start),
    out: boundary(take.endTime[c.end]!, end),
    score: round(c.quality),
    reasons,
  };
}

// `edge`: which end of the take a clip at its edge starts or ends at (its picture may start after 0).
function boundaryWords(kind: BoundaryKind, at: number, edge: 'beginning' | 'end'): string {
  if (kind === 'cut') return `on the cut at ${seconds(at)}`;
  if (kind === 'pause') return `in a pause at ${seconds(at)}`;
  if (kind === 'edge') return `at the ${edge} of the take`;
  return `at ${seconds(at)}`;
}

// `shortest`: the fewest analysed frames a clip may have.
function explainShortfall(take: Take, found: number, asked: number, shortest: number): string {
  const clean = take.bad.filter((b) => !b).length / Math.max(1, take.frames);
  const kinds = [...new Set(take.defects.map((d) => d.kind))];
  const what = found === 0 ? 'no clip' : `only ${found} of ${asked} clips`;
  if (clean === 0) return `${what}: every second has a defect (${kinds.join(', ')}); reshoot, or write clips by hand`;
  const room = Math.floor(take.frames / shortest);
  if (room < asked && found >= room) {
    return `${what}: a ${seconds(take.duration)} take holds at most ${room === 1 ? 'one clip' : `${room} clips`} of ${seconds(shortest / take.fps)} or more; ask for fewer (--count) or shorter (--length) clips`;
  }
  return `${what} without defects or a cut inside, starting and ending in a pause (${percent(clean)} of the take is clean${kinds.length ? `; defects: ${kinds.join(', ')}` : ''}); try a shorter --length or fewer clips`;
}

function rescale<T extends Record<string, number>>(weights: T): T {
  const total = Object.values(weights).reduce((s, v) => s + v, 0);
  return Object.fromEntries(Object.entries(weights).map(([k, v]) => [k, v / total])) as T;
}

const round = (value: number) => Math.round(value * 100) / 100;
// A cut's time to the millisecond and never later: rounded to 0.01 s, a clip's first frame (or the
// frame after its last) could be the other scene's at 60 fps.
const boundary = (value: number, kind: BoundaryKind) => (kind === 'cut' ? Math.floor(value * 1000 + 1e-6) / 1000 : round(value));
const percent = (share: number) => `${Math.round(share * 100)}%`;
const seconds = (value: number) => `${round(value)} s`;
