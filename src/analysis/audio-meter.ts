// Turns the analysis decode's mono 16-bit PCM into a loudness envelope: RMS per window in dBFS.
// RMS, not the peak auto-editor uses: one click or clap would make a whole window "loud".
import { SILENCE_DBFS } from './analysis-constants.ts';
import type { AudioSeries } from './analysis-types.ts';

export class AudioMeter {
  private readonly db: number[] = [];
  private readonly windowSamples: number;
  private squares = 0;
  private samples = 0;
  private carry?: number;

  constructor(sampleRate: number, private readonly windowSeconds: number) {
    this.windowSamples = Math.max(1, Math.round(sampleRate * windowSeconds));
  }

  /** Takes the next bytes of little-endian s16 PCM (chunks may split a sample). */
  push(chunk: Uint8Array): void {
    let start = 0;
    if (this.carry !== undefined && chunk.length > 0) {
      this.add(((chunk[0]! << 8) | this.carry) << 16 >> 16);
      this.carry = undefined;
      start = 1;
    }
    const view = new DataView(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    let i = start;
    for (; i + 1 < chunk.length; i += 2) this.add(view.getInt16(i, true));
    if (i < chunk.length) this.carry = chunk[i];
  }

  /** The envelope so far (a last partial window counts when it holds half a window or more). */
  finish(): AudioSeries {
    if (this.samples >= this.windowSamples / 2) this.close();
    return { window: this.windowSeconds, db: this.db };
  }

  private add(sample: number): void {
    const value = sample / 32768;
    this.squares += value * value;
    this.samples++;
    if (this.samples >= this.windowSamples) this.close();
  }

  private close(): void {
    const rms = Math.sqrt(this.squares / this.samples);
    this.db.push(rms > 0 ? Math.max(SILENCE_DBFS, 20 * Math.log10(rms)) : SILENCE_DBFS);
    this.squares = 0;
    this.samples = 0;
  }
}
