// Makes a layout check image: the frame with every overlay where the renderer puts it, the
// platform's UI areas shaded red and the safe area outlined and labelled.
import { loadSharp } from '../media/load-sharp.ts';
import type { PresetDef } from '../presets/presets.ts';
import { PromoError } from '../util/promo-error.ts';
import { drawText } from './draw-text.ts';
import type { OverlayImage } from './graphics-types.ts';
import { prepareFonts } from './prepare-fonts.ts';
import { Raster } from './raster.ts';
import { safeArea } from './safe-area.ts';
import { writeImageAtomic } from './write-image-atomic.ts';

export interface ComposePreviewOptions {
  /** PNG of a frame, preset width×height (scaled to cover it otherwise). */
  frame: string;
  overlays: readonly OverlayImage[];
  preset: PresetDef;
  /** Written as PNG whatever its extension. */
  outFile: string;
}

const SHADE = { r: 255, g: 0, b: 0, a: 0.35 };
const OUTLINE = { r: 255, g: 235, b: 59, a: 1 };

/** Writes the preview PNG. */
export async function composePreview(options: ComposePreviewOptions): Promise<void> {
  const { preset } = options;
  const sharp = await loadSharp();
  const read = async (file: string, what: string, resize?: boolean) => {
    try {
      const image = sharp(file);
      return await Raster.fromSharp(resize ? image.resize(preset.width, preset.height, { fit: 'cover' }) : image);
    } catch (cause) {
      throw new PromoError('RENDER_FAILED', `cannot read the ${what} ${file}: ${(cause as Error).message}`, { cause });
    }
  };
  const canvas = await read(options.frame, 'preview frame', true);
  for (const overlay of options.overlays) canvas.draw(await read(overlay.path, 'overlay'), overlay.x, overlay.y);

  const safe = safeArea(preset);
  const right = safe.x + safe.width;
  const bottom = safe.y + safe.height;
  canvas.fillRoundedRect({ x: 0, y: 0, width: preset.width, height: safe.y }, 0, SHADE);
  canvas.fillRoundedRect({ x: 0, y: bottom, width: preset.width, height: preset.height - bottom }, 0, SHADE);
  canvas.fillRoundedRect({ x: 0, y: safe.y, width: safe.x, height: safe.height }, 0, SHADE);
  canvas.fillRoundedRect({ x: right, y: safe.y, width: preset.width - right, height: safe.height }, 0, SHADE);
  const line = Math.max(2, Math.round(Math.min(preset.width, preset.height) / 400));
  canvas.fillRoundedRect({ x: safe.x, y: safe.y, width: safe.width, height: line }, 0, OUTLINE);
  canvas.fillRoundedRect({ x: safe.x, y: bottom - line, width: safe.width, height: line }, 0, OUTLINE);
  canvas.fillRoundedRect({ x: safe.x, y: safe.y, width: line, height: safe.height }, 0, OUTLINE);
  canvas.fillRoundedRect({ x: right - line, y: safe.y, width: line, height: safe.height }, 0, OUTLINE);

  const size = Math.round(Math.min(preset.width, preset.height) * 0.022);
  const label = await drawText({
    text: `${preset.label} ${preset.width}×${preset.height} · safe area (red: covered by the app)`,
    look: {
      weight: 'bold', size, lineHeight: 1.3, align: 'left', color: { r: 255, g: 255, b: 255, a: 1 },
      background: { color: { r: 0, g: 0, b: 0, a: 0.7 }, radius: size * 0.3, padX: size * 0.4, padY: size * 0.25 },
    },
    fonts: await prepareFonts(),
    maxWidth: safe.width,
  });
  // Above the safe area when the top band has room, else just inside it.
  const labelY = safe.y - label.image.height - line >= 0 ? safe.y - label.image.height - line : safe.y + line * 2;
  canvas.draw(label.image, safe.x, labelY);
  await writeImageAtomic((await canvas.toSharp()).png(), options.outFile);
}
