// Turns a template box (fractions of the frame or of the safe area) into frame pixels.
import type { PresetDef } from '../presets/presets.ts';
import type { Bounds } from './raster.ts';
import { safeArea } from './safe-area.ts';
import type { TemplateBox } from './template-schema.ts';

/** The frame, the safe area, or the safe area made symmetric about the frame's centre line. */
export function resolveArea(area: TemplateBox['in'], preset: PresetDef): Bounds {
  if (area === 'frame') return { x: 0, y: 0, width: preset.width, height: preset.height };
  const safe = safeArea(preset);
  if (area === 'safe') return safe;
  const side = Math.max(preset.safe.left, preset.safe.right);
  return { x: side, y: safe.y, width: Math.max(1, preset.width - 2 * side), height: safe.height };
}

/** The box in frame pixels, rounded to whole pixels. */
export function resolveBox(box: TemplateBox, preset: PresetDef): Bounds {
  const area = resolveArea(box.in, preset);
  const x = Math.round(area.x + box.x * area.width);
  const y = Math.round(area.y + box.y * area.height);
  return {
    x,
    y,
    width: Math.max(1, Math.round(area.x + Math.min(1, box.x + box.w) * area.width) - x),
    height: Math.max(1, Math.round(area.y + Math.min(1, box.y + box.h) * area.height) - y),
  };
}
