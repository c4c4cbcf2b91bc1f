// The sound tracks of the sample footage (TEA-001 stereo, POT-003 mono).
import { clink, mixInto, normalise, pour, roomTone, voice } from './sound-kit.ts';

/** TEA-001's stereo sound: room tone, a host talking in phrases, a cup clink at 5 s. */
export function teaAudio(seconds: number): Float32Array[] {
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

/** POT-003's mono sound: room tone, a short voice-over, then water pouring. */
export function potAudio(seconds: number): Float32Array[] {
  const m = roomTone(seconds, 12, 0.008);
  mixInto(m, voice(seconds, 13, [[0.15, 1.15], [1.35, 2.2], [2.35, 2.95]], 215), 1);
  pour(m, 3.2, 5.7, 0.35, 14);
  normalise([m], 0.45);
  return [m];
}
