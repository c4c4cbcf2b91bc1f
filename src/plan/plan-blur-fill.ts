// The blurred fill: the picture fitted whole into the frame over a blurred, darkened copy of itself
// that covers the frame. The copy is cut and blurred at quarter size and scaled up, which looks the
// same as blurring at full size and costs far less (FACTS.md).
import type { Filter, FilterChain } from './filtergraph.ts';
import { expr } from './filtergraph.ts';
import type { FitGeometry } from './plan-fit.ts';

export interface BlurFillOptions {
  /** Label of the decoded source picture. */
  input: string;
  /** The clip's timing filters (fps, cut), run once before the picture is used twice. */
  lead: readonly Filter[];
  /** Label to produce: the fitted frame, yuv420p. */
  output: string;
  geometry: FitGeometry;
  /** Colour conversion of the source to BT.709 TV range, given to each scale from the source. */
  convert: Record<string, string>;
  /** Unique prefix for intermediate labels. */
  prefix: string;
}

/** Builds the chains that lay the fitted picture over its blurred fill. */
export function planBlurFill(options: BlurFillOptions): FilterChain[] {
  const { geometry, convert, prefix } = options;
  const { width, height, inner } = geometry;
  const quarterW = even(width / 4);
  const quarterH = even(height / 4);
  const aspect = width / height;
  const chains: FilterChain[] = [
    { inputs: [options.input], filters: [...options.lead, { name: 'split', args: [2] }], outputs: [`${prefix}fg0`, `${prefix}bg0`] },
    {
      inputs: [`${prefix}bg0`],
      filters: [
        // The frame-shaped middle of the source first (a crop only moves pointers; crop keeps it
        // even and centred), so the scaler reads and writes only what the fill shows. In stored
        // pixels: `sar` turns the display shape into them (anamorphic footage).
        { name: 'crop', args: { w: expr(`min(iw,ih*${round6(aspect)}/sar)`), h: expr(`min(ih,iw*sar/${round6(aspect)})`) } },
        { name: 'scale', args: { w: quarterW, h: quarterH, ...convert, flags: 'fast_bilinear' } },
        { name: 'boxblur', args: { luma_radius: Math.max(2, Math.round(quarterW / 24)), luma_power: 2 } },
        // A little darker, so the sharp picture and the captions stand out from the fill.
        { name: 'eq', args: { brightness: -0.06 } },
      ],
      outputs: [`${prefix}bg`],
    },
    {
      inputs: [`${prefix}fg0`],
      filters: [{ name: 'scale', args: { w: inner.width, h: inner.height, ...convert } }],
      outputs: [`${prefix}fg`],
    },
  ];
  const bars = inner.width === width ? 'v' : inner.height === height ? 'h' : undefined;
  if (!bars) {
    chains.push(
      { inputs: [`${prefix}bg`], filters: [scaleUp(width, height)], outputs: [`${prefix}bgup`] },
      {
        inputs: [`${prefix}bgup`, `${prefix}fg`],
        filters: [{ name: 'overlay', args: { x: inner.x, y: inner.y } }, { name: 'format', args: ['yuv420p'] }],
        outputs: [options.output],
      },
    );
    return chains;
  }
  // The picture spans the frame one way: only the two bars beside it are scaled up to full size
  // (the part it would cover is never drawn), then stacked with it, with no full-frame overlay.
  const size = bars === 'v' ? height : width;
  const quarter = bars === 'v' ? quarterH : quarterW;
  const first = bars === 'v' ? inner.y : inner.x;
  const last = size - first - (bars === 'v' ? inner.height : inner.width);
  const firstQ = Math.min(quarter, Math.max(2, even(first * quarter / size)));
  const lastQ = Math.min(quarter, Math.max(2, even(last * quarter / size)));
  const cut = (rows: number, at: number): Filter => bars === 'v'
    ? { name: 'crop', args: { w: quarterW, h: rows, x: 0, y: at } }
    : { name: 'crop', args: { w: rows, h: quarterH, x: at, y: 0 } };
  const up = (full: number): Filter => bars === 'v' ? scaleUp(width, full) : scaleUp(full, height);
  chains.push(
    { inputs: [`${prefix}bg`], filters: [{ name: 'split', args: [2] }], outputs: [`${prefix}bgs0`, `${prefix}bgs1`] },
    { inputs: [`${prefix}bgs0`], filters: [cut(firstQ, 0), up(first)], outputs: [`${prefix}bar0`] },
    { inputs: [`${prefix}bgs1`], filters: [cut(lastQ, quarter - lastQ), up(last)], outputs: [`${prefix}bar1`] },
    {
      inputs: [`${prefix}bar0`, `${prefix}fg`, `${prefix}bar1`],
      filters: [{ name: bars === 'v' ? 'vstack' : 'hstack', args: { inputs: 3 } }, { name: 'format', args: ['yuv420p'] }],
      outputs: [options.output],
    },
  );
  return chains;
}

function scaleUp(w: number, h: number): Filter {
  return { name: 'scale', args: { w, h, flags: 'bilinear' } };
}

function even(value: number): number {
  return Math.max(2, Math.round(value / 2) * 2);
}

function round6(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}
