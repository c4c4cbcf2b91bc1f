// A product's cover frames (one fitted frame of its footage per preset) kept beside its video
// segments, by a key of what they are made of: an incremental re-render after a caption edit
// takes them from there instead of decoding the footage again for them.
import { access, copyFile } from 'node:fs/promises';
import { hashStream, hashValue } from '../cache/file-hasher.ts';
import type { ProductCoverFrames } from './product-cover-frames.ts';
import type { RenderContext } from './render-context.ts';
import { RENDER_VERSION } from './render-version.ts';
import { runFfmpeg } from './run-ffmpeg.ts';
import { planTimeLimit } from '../plan/plan-time-limit.ts';
import { SegmentStore } from './segment-store.ts';
import { markUsed } from '../util/mark-used.ts';

export class KeptCoverFrames {
  private readonly store: SegmentStore;
  private pendingKey?: Promise<string>;

  constructor(private readonly ctx: RenderContext, private readonly jobName: string, private readonly cover: ProductCoverFrames) {
    this.store = new SegmentStore(ctx.outDir);
  }

  /** The frames' key: the footage's content and the grab's own command (without where it writes). */
  key(): Promise<string> {
    this.pendingKey ??= (async () => {
      const { command } = this.cover;
      const footage = await Promise.all(command.inputs.map(({ source }) => (this.ctx.hashFile ? this.ctx.hashFile(source) : hashStream(source))));
      return hashValue({
        renderVersion: RENDER_VERSION,
        engine: this.ctx.engine.identity,
        footage,
        inputs: command.inputs.map((input) => input.options),
        graph: command.graph,
        outputs: command.outputs.map((output) => output.options),
      });
    })();
    return this.pendingKey;
  }

  /** Puts the kept frames where the cover expects them; false when any is missing. */
  async claim(): Promise<boolean> {
    const key = await this.key();
    // Copies, not links: a whole render after a failed incremental one writes these files in place.
    const claimed = await Promise.all(this.cover.frames.map(async ({ preset, target }) => {
      const kept = this.store.pathOf(this.owner(preset.name), key, 'png');
      try {
        await copyFile(kept, target);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
        throw error;
      }
      await markUsed(kept);
      return true;
    }));
    return claimed.every(Boolean);
  }

  /** Grabs the frames (their own ffmpeg run) and keeps them. */
  async grab(): Promise<void> {
    await runFfmpeg(this.cover.command, {
      ffmpeg: this.ctx.engine.ffmpeg,
      signal: this.ctx.signal,
      timeoutMs: planTimeLimit(1, this.cover.frames.map((f) => f.preset), this.ctx.spec.quality, this.ctx.timeoutScale),
    });
    await this.keep();
  }

  /** Keeps the frames a render wrote (nothing when it wrote none). */
  async keep(): Promise<void> {
    const written = await Promise.all(this.cover.frames.map(({ target }) => access(target).then(() => true, () => false)));
    if (!written.every(Boolean)) return;
    const key = await this.key();
    for (const { preset, target } of this.cover.frames) await this.store.put(target, this.owner(preset.name), key, 'png');
  }

  private owner(preset: string): string {
    return SegmentStore.ownerOf(this.jobName, preset);
  }
}
