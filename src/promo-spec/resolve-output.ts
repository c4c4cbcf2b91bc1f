// Turns one `outputs` entry (a preset name, or an object that overrides a preset or defines a
// custom frame) into a full PresetDef, with the fit it gives products that name none.
import { DEFAULT_FIT, PRESETS, findPreset, type FitMode, type PresetDef, type SafeZone } from '../presets/presets.ts';
import { findNearestName } from '../util/nearest-name.ts';

export interface OutputObject {
  name: string;
  width?: number;
  height?: number;
  fps?: number;
  fit?: FitMode;
  logo?: boolean;
  maxDuration?: number;
  safe?: SafeZone;
}

/** Frame rate of a custom output that names none. */
export const CUSTOM_OUTPUT_FPS = 30;
/** Share of each edge kept clear on a custom output that gives no safe zone. */
export const CUSTOM_OUTPUT_MARGIN = 0.05;

/**
 * Resolves an entry already checked by the schema (known name, or width and height given).
 * `fit` is the output's own, else the spec's (`specFit`, as written), else the preset's, else
 * blur: what the user wrote beats a built-in default, the narrower setting beats the wider.
 */
export function resolveOutput(entry: string | OutputObject, specFit?: FitMode): PresetDef {
  if (typeof entry === 'string') {
    const preset = findPreset(entry);
    if (!preset) throw new Error(`unknown preset ${entry}`);
    return { ...preset, safe: { ...preset.safe }, fit: specFit ?? preset.fit ?? DEFAULT_FIT };
  }
  const base = findPreset(entry.name);
  if (base) {
    const width = entry.width ?? base.width;
    const height = entry.height ?? base.height;
    // A preset's safe zone is in pixels of its own frame: scale it to an overridden frame.
    const safe = entry.safe ?? {
      top: Math.round((base.safe.top * height) / base.height),
      bottom: Math.round((base.safe.bottom * height) / base.height),
      left: Math.round((base.safe.left * width) / base.width),
      right: Math.round((base.safe.right * width) / base.width),
    };
    return {
      ...base,
      width,
      height,
      fps: entry.fps ?? base.fps,
      safe: { ...safe },
      logo: entry.logo ?? base.logo,
      fit: entry.fit ?? specFit ?? base.fit ?? DEFAULT_FIT,
      maxDuration: entry.maxDuration ?? base.maxDuration,
      source: `${base.source}; overridden in the spec`,
    };
  }
  const width = entry.width;
  const height = entry.height;
  if (width === undefined || height === undefined) throw new Error(`custom output ${entry.name} needs width and height`);
  const marginX = Math.round(width * CUSTOM_OUTPUT_MARGIN);
  const marginY = Math.round(height * CUSTOM_OUTPUT_MARGIN);
  return {
    name: entry.name,
    label: entry.name,
    width,
    height,
    fps: entry.fps ?? CUSTOM_OUTPUT_FPS,
    maxDuration: entry.maxDuration,
    safe: entry.safe ? { ...entry.safe } : { top: marginY, bottom: marginY, left: marginX, right: marginX },
    logo: entry.logo ?? true,
    fit: entry.fit ?? specFit ?? DEFAULT_FIT,
    source: 'custom output defined in the spec',
  };
}

/** "unknown preset `douyn`; did you mean `douyin`? …" */
export function describeUnknownPreset(name: string, options: { allowCustom: boolean }): string {
  const names = PRESETS.map((preset) => preset.name);
  const nearest = findNearestName(name, names);
  const advice = nearest ? ` (did you mean \`${nearest}\`?)` : '';
  const custom = options.allowCustom
    ? 'for a custom frame write `{ name, width, height }`'
    : 'for a custom frame give width and height as well';
  return `unknown preset \`${name}\`${advice}; known presets: ${names.join(', ')}; ${custom}`;
}
