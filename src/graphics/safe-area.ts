// The part of a preset's frame that no platform UI covers, as a rectangle.
import type { PresetDef } from '../presets/presets.ts';
import type { Bounds } from './raster.ts';

/** The preset's safe area in frame pixels. */
export function safeArea(preset: PresetDef): Bounds {
  return {
    x: preset.safe.left,
    y: preset.safe.top,
    width: preset.width - preset.safe.left - preset.safe.right,
    height: preset.height - preset.safe.top - preset.safe.bottom,
  };
}
