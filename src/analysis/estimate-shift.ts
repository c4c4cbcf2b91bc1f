// Global motion between two small grey frames: the translation that best aligns the whole
// picture (least mean |ΔY|), found coarse to fine — a search at quarter size over the full range,
// then a refinement of ±2 px at full size. Whole-picture alignment follows the camera, not the
// objects moving in front of it, as long as they cover less than half the picture.

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
      const cost = alignSmall(previous.small, current.small, sw, sh, dx, dy);
      if (cost < bestCost) {
        bestCost = cost;
        best = { x: dx * 4, y: dy * 4 };
      }
    }
  }
  // Refine at full size around the coarse answer; costs[(dy + 2) * 5 + dx + 2] around it.
  const costs = new Float64Array(25);
  let fine = { x: 0, y: 0 };
  let fineCost = Infinity;
  for (let dy = -2; dy <= 2; dy++) {
    for (let dx = -2; dx <= 2; dx++) {
      const cost = alignFull(previous.full, current.full, width, height, best.x + dx, best.y + dy);
      costs[(dy + 2) * 5 + dx + 2] = cost;
      if (cost < fineCost) {
        fineCost = cost;
        fine = { x: dx, y: dy };
      }
    }
  }
  const at = (dx: number, dy: number) => (Math.abs(dx) <= 2 && Math.abs(dy) <= 2 ? costs[(dy + 2) * 5 + dx + 2] : undefined);
  // A parabola through the best cost and its neighbours on each axis places it between pixels.
  const refine = (left: number | undefined, right: number | undefined) => {
    if (left === undefined || right === undefined) return 0;
    const curvature = left - 2 * fineCost + right;
    return curvature > 0 ? Math.max(-0.5, Math.min(0.5, (left - right) / (2 * curvature))) : 0;
  };
  return {
    x: best.x + fine.x + refine(at(fine.x - 1, fine.y), at(fine.x + 1, fine.y)),
    y: best.y + fine.y + refine(at(fine.x, fine.y - 1), at(fine.x, fine.y + 1)),
  };
}

// Mean |previous(p) − current(p + d)| over the pixels both frames cover. Two copies, one per array
// type, so each stays monomorphic for V8 (a shared one runs several times slower).
function alignSmall(previous: Float32Array, current: Float32Array, width: number, height: number, dx: number, dy: number): number {
  const x0 = Math.max(0, -dx);
  const x1 = Math.min(width, width - dx);
  let sum = 0;
  let count = 0;
  const y1 = Math.min(height, height - dy);
  for (let y = Math.max(0, -dy); y < y1; y++) {
    const a = y * width;
    const b = (y + dy) * width + dx;
    for (let x = x0; x < x1; x++) {
      const d = previous[a + x]! - current[b + x]!;
      sum += d < 0 ? -d : d;
    }
    count += x1 - x0;
  }
  return count ? sum / count : Infinity;
}

// As alignSmall at full size, on every other pixel of every other row (enough for a mean).
function alignFull(previous: Uint8Array, current: Uint8Array, width: number, height: number, dx: number, dy: number): number {
  const x0 = Math.max(0, -dx);
  const x1 = Math.min(width, width - dx);
  let sum = 0;
  let count = 0;
  const y1 = Math.min(height, height - dy);
  for (let y = Math.max(0, -dy); y < y1; y += 2) {
    const a = y * width;
    const b = (y + dy) * width + dx;
    for (let x = x0; x < x1; x += 2) {
      const d = previous[a + x]! - current[b + x]!;
      sum += d < 0 ? -d : d;
      count++;
    }
  }
  return count ? sum / count : Infinity;
}
