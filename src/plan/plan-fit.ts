// Pure geometry: how a source picture of one size goes into a preset frame of another, for each
// fit mode. Every size is even (yuv420p needs it) and every offset an integer.
import type { FitMode } from '../presets/presets.ts';

export interface FitGeometry {
  mode: FitMode;
  /** Frame size. */
  width: number;
  height: number;
  /** The whole picture scaled to fit inside the frame (blur's foreground, pad's picture). */
  inner: { width: number; height: number; x: number; y: number };
  /** The picture scaled to cover the frame, and where the frame's window sits in it (crop). */
  cover: { width: number; height: number; x: number; y: number };
  /** True when the picture already has the frame's shape: a plain scale does. */
  sameShape: boolean;
}

/** Works out the scaled sizes and offsets for putting a `sourceW×sourceH` picture in a frame. */
export function planFit(sourceW: number, sourceH: number, frameW: number, frameH: number, mode: FitMode, focus = 0.5): FitGeometry {
  const fitScale = Math.min(frameW / sourceW, frameH / sourceH);
  const coverScale = Math.max(frameW / sourceW, frameH / sourceH);
  const innerW = clampEven(sourceW * fitScale, frameW);
  const innerH = clampEven(sourceH * fitScale, frameH);
  const coverW = Math.max(frameW, even(sourceW * coverScale));
  const coverH = Math.max(frameH, even(sourceH * coverScale));
  const clampedFocus = Math.min(1, Math.max(0, focus));
  return {
    mode,
    width: frameW,
    height: frameH,
    inner: { width: innerW, height: innerH, x: Math.floor((frameW - innerW) / 4) * 2, y: Math.floor((frameH - innerH) / 4) * 2 },
    cover: {
      width: coverW,
      height: coverH,
      x: Math.round((coverW - frameW) * clampedFocus),
      y: Math.round((coverH - frameH) * clampedFocus),
    },
    // Within 2 px of the frame either way is the same shape: stretching by < 0.2 % is invisible.
    sameShape: Math.abs(innerW - frameW) <= 2 && Math.abs(innerH - frameH) <= 2,
  };
}

function even(value: number): number {
  return Math.max(2, Math.round(value / 2) * 2);
}

function clampEven(value: number, limit: number): number {
  return Math.min(limit, even(value));
}
