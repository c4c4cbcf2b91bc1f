// Everything a render job needs that is the same for the whole batch, resolved once.
import type { Engine } from '../engine/resolve-engine.ts';
import type { EngineCapabilities } from '../engine/detect-capabilities.ts';
import type { FontSet, OverlayImage, TemplateSet } from '../graphics/graphics-types.ts';
import type { EncodeSettings, TransitionPlan } from '../plan/plan-types.ts';
import type { PromoSpec } from '../promo-spec/spec-types.ts';
import type { FfmpegCommand } from '../plan/ffmpeg-command.ts';

export interface RenderContext {
  spec: PromoSpec;
  engine: Engine;
  capabilities: EngineCapabilities;
  fonts: FontSet;
  templates: TemplateSet;
  /** Absolute output folder. */
  outDir: string;
  /** Absolute scratch folder for this run (images, frames); removed at the end. */
  workDir: string;
  encode: EncodeSettings;
  /** The spec's transition as this engine can do it (a crossfade falls back to a fade without xfade). */
  transition: TransitionPlan;
  timeoutScale: number;
  signal: AbortSignal;
  /** --dry-run: commands are handed here instead of being run. */
  dryRun?: (label: string, command: FfmpegCommand) => void;
  /** Images shared by every job of the batch (cards, logo), by preset name. */
  shared: Map<string, Promise<SharedImages>>;
  /** --force: render every output whole, reusing no kept segments. */
  force?: boolean;
  /** Content hash of a footage file, remembered by the batch's render cache (default: read it). */
  hashFile?: (file: string) => Promise<string>;
  /** A line for the user (why an output was rendered whole, …). */
  onNotice?: (text: string) => void;
}

export interface SharedImages {
  intro?: string;
  outro?: string;
  logo?: OverlayImage;
}
