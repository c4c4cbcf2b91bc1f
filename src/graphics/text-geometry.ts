// How far a text's box, outline and shadow reach beyond its ink, and so how wide its lines may be.
import type { TextLook } from './draw-text.ts';

export interface TextGeometry {
  /** Outline or shadow reach beyond the ink, px. */
  inkReach: number;
  padX: number;
  padY: number;
  /** Pango wrap width that keeps the whole drawing within the maximum width, px. */
  wrapWidth: number;
  /** Most the drawing can add to the ink on each side, px. */
  extraX: number;
  extraY: number;
}

/** The geometry of `look` drawn no wider than `maxWidth`. */
export function textGeometry(look: TextLook, maxWidth: number): TextGeometry {
  const outlineWidth = look.outline?.width ?? 0;
  const shadowReach = look.shadow ? Math.max(Math.abs(look.shadow.dx), Math.abs(look.shadow.dy)) + 2.5 * look.shadow.blur : 0;
  const inkReach = Math.max(outlineWidth, shadowReach);
  const padX = look.background?.padX ?? 0;
  const padY = look.background?.padY ?? 0;
  const extraX = Math.max(padX, inkReach);
  const extraY = Math.max(padY, inkReach);
  return { inkReach, padX, padY, extraX, extraY, wrapWidth: Math.max(look.size, Math.floor(maxWidth - 2 * extraX)) };
}
