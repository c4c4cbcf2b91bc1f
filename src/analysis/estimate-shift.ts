// Global motion between two small grey frames: the translation that best aligns the whole
// picture (least mean |ΔY|), found coarse to fine — a search at quarter size over the full range,
// then a refinement of ±2 px at full size. A camera's motion shifts the whole picture; a textured
// subject moving in front of a plainer, steady background can still win the whole-picture
// alignment (its |ΔY| outweighs the background's). So the shift found is checked against the
// picture's blocks: when more blocks align better unmoved than moved by it, the part of the
// picture that stays is the camera's, and the shift is looked for again around no motion.
import { CAMERA_BLOCK_GRID, CAMERA_BLOCK_MARGIN } from './analysis-constants.ts';

export interface Shift {
  x: number;
  y: number;
}

/** The shift (px of the full frames, sub-pixel) of `current` relative to `previous`, within ±maxShift. */
export function estimateShift(
  previous: { full: Uint8Array; small: Float32Array },
  current: { full: Uint8Array; small: Float32Array },
  width: number,
  height: number,
  maxShift: number,
): Shift {
  const sw = Math.floor(width / 4);
  const sh = Math.floor(height / 4);
  const coarseLimit = Math.max(1, Math.round(maxShift / 4));
  let best = { x: 0, y: 0 };
  let bestCost = Infinity;
  for (let dy = -coarseLimit; dy <= coarseLimit; dy++) {
    for (let dx = -coarseLimit; dx <= coarseLimit; dx++) {
      // Bounded by the best so far: a shift whose partial mean already exceeds it cannot win.
      const cost = alignSmall(previous.small, current.small, sw, sh, dx, dy, bestCost);
      if (cost < bestCost) {
        bestCost = cost;
        best = { x: dx * 4, y: dy * 4 };
      }
    }
  }
  const found = refineShift(best, 2, (dx, dy, bound) => alignFull(previous.full, current.full, width, height, dx, dy, 0, 0, width, height, bound));
  const whole = { x: Math.round(found.x), y: Math.round(found.y) };
  if (whole.x === 0 && whole.y === 0) return found;
  const moved = blockCosts(previous.full, current.full, width, height, whole.x, whole.y);
  const still = blockCosts(previous.full, current.full, width, height, 0, 0);
  let support = 0;
  const staying: number[] = [];
  for (let b = 0; b < moved.length; b++) {
    // A flat block aligns as well either way: it says nothing about the camera (nor one the shift uncovers).
    if (moved[b] === Infinity) continue;
    if (moved[b]! < CAMERA_BLOCK_MARGIN * still[b]!) support++;
    else if (still[b]! < CAMERA_BLOCK_MARGIN * moved[b]!) staying.push(b);
  }
  if (staying.length <= support) return found;
  // The camera's motion is then that of the blocks that stayed, measured on them alone: within a
  // pixel of none (they aligned better unmoved), which also keeps the second search cheap.
  return refineShift({ x: 0, y: 0 }, 1, (dx, dy) => {
    const costs = blockCosts(previous.full, current.full, width, height, dx, dy, staying);
    return staying.reduce((sum, b) => sum + costs[b]!, 0) / staying.length;
  });
}

// The shift of least `align` cost within ±radius px of `around` at full size, placed between
// pixels by a parabola through its cost and its neighbours' on each axis. `align` may stop early
// and return any cost above `bound` (the best so far, which it then cannot beat): such a cost
// never wins, and it is measured in full only when it is a neighbour of the winner.
function refineShift(around: Shift, radius: number, align: (dx: number, dy: number, bound: number) => number): Shift {
  // costs[(dy + radius) * side + dx + radius] around it; NaN where the measure stopped early.
  const side = 2 * radius + 1;
  const costs = new Float64Array(side * side);
  let fine = { x: 0, y: 0 };
  let fineCost = Infinity;
  for (let dy = -radius; dy <= radius; dy++) {
    for (let dx = -radius; dx <= radius; dx++) {
      const cost = align(around.x + dx, around.y + dy, fineCost);
      costs[(dy + radius) * side + dx + radius] = cost > fineCost ? NaN : cost;
      if (cost < fineCost) {
        fineCost = cost;
        fine = { x: dx, y: dy };
      }
    }
  }
  const at = (dx: number, dy: number) => {
    if (Math.abs(dx) > radius || Math.abs(dy) > radius) return undefined;
    const index = (dy + radius) * side + dx + radius;
    if (Number.isNaN(costs[index]!)) costs[index] = align(around.x + dx, around.y + dy, Infinity);
    return costs[index];
  };
  const refine = (left: number | undefined, right: number | undefined) => {
    if (left === undefined || right === undefined) return 0;
    const curvature = left - 2 * fineCost + right;
    return curvature > 0 ? Math.max(-0.5, Math.min(0.5, (left - right) / (2 * curvature))) : 0;
  };
  return {
    x: around.x + fine.x + refine(at(fine.x - 1, fine.y), at(fine.x + 1, fine.y)),
    y: around.y + fine.y + refine(at(fine.x, fine.y - 1), at(fine.x, fine.y + 1)),
  };
}

// Per block of a CAMERA_BLOCK_GRID × CAMERA_BLOCK_GRID grid (of the previous frame), alignFull's
// cost over it; Infinity for a block the shift leaves uncovered, or one left out of `only`.
function blockCosts(previous: Uint8Array, current: Uint8Array, width: number, height: number, dx: number, dy: number, only?: readonly number[]): Float64Array {
  const grid = CAMERA_BLOCK_GRID;
  const costs = new Float64Array(grid * grid).fill(Infinity);
  for (const block of only ?? costs.keys()) {
    const bx = block % grid;
    const by = (block - bx) / grid;
    const edge = (k: number, size: number) => Math.ceil((k * size) / grid);
    costs[block] = alignFull(previous, current, width, height, dx, dy, edge(bx, width), edge(by, height), edge(bx + 1, width), edge(by + 1, height));
  }
  return costs;
}

// Mean |previous(p) − current(p + d)| over the pixels both frames cover, or, once the mean so far
// over all of them exceeds `bound`, that partial mean (the whole one can only be larger: every
// term is ≥ 0). Two copies, one per array type, so each stays monomorphic for V8 (a shared one
// runs several times slower).
function alignSmall(previous: Float32Array, current: Float32Array, width: number, height: number, dx: number, dy: number, bound: number): number {
  const x0 = Math.max(0, -dx);
  const x1 = Math.min(width, width - dx);
  const ys = Math.max(0, -dy);
  const y1 = Math.min(height, height - dy);
  // As the rows' widths summed (a frame narrower than the shift gives a negative width: kept, so
  // that degenerate frames score as they always did).
  const count = Math.max(0, y1 - ys) * (x1 - x0);
  if (!count) return Infinity;
  let sum = 0;
  for (let y = ys; y < y1; y++) {
    const a = y * width;
    const b = (y + dy) * width + dx;
    for (let x = x0; x < x1; x++) {
      const d = previous[a + x]! - current[b + x]!;
      sum += d < 0 ? -d : d;
    }
    if (sum / count > bound) return sum / count;
  }
  return sum / count;
}

// As alignSmall at full size over the part [left, right) × [top, bottom) of the previous frame,
// on every other pixel of every other row (enough for a mean). Plain numbers, no options object:
// it runs 25 times a frame.
function alignFull(
  previous: Uint8Array, current: Uint8Array, width: number, height: number, dx: number, dy: number,
  left: number, top: number, right: number, bottom: number, bound = Infinity,
): number {
  const x0 = Math.max(left, -dx);
  const x1 = Math.min(right, width - dx);
  const ys = Math.max(top, -dy);
  const y1 = Math.min(bottom, height - dy);
  // The pixels visited: every other one from x0 and from ys.
  const count = (x1 > x0 ? (x1 - x0 + 1) >> 1 : 0) * (y1 > ys ? (y1 - ys + 1) >> 1 : 0);
  if (!count) return Infinity;
  let sum = 0;
  for (let y = ys; y < y1; y += 2) {
    const a = y * width;
    const b = (y + dy) * width + dx;
    for (let x = x0; x < x1; x += 2) {
      const d = previous[a + x]! - current[b + x]!;
      sum += d < 0 ? -d : d;
    }
    if (sum / count > bound) return sum / count;
  }
  return sum / count;
}
