// The contact sheet `promo suggest --sheet` writes: per take a timeline (scenes, defects in red,
// proposed clips in green, numbered) over rows of thumbnails with time codes, each thumbnail
// framed green when it lies in a proposed clip and shaded red with the defect's name when it lies
// in a rejected span. For a person to see at a glance what promo chose and why.
import sharp, { type OverlayOptions } from 'sharp';
import { escapePangoMarkup } from '../graphics/escape-pango-markup.ts';
import { prepareFonts } from '../graphics/prepare-fonts.ts';
import { writeImageAtomic } from '../graphics/write-image-atomic.ts';
import type { ClipSuggestion } from './analysis-types.ts';
import type { Thumbnail } from './extract-thumbnails.ts';

export interface SheetTake {
  suggestion: ClipSuggestion;
  /** Shown as the take's title (the file as the user named it). */
  label: string;
  thumbnails: Thumbnail[];
  thumbWidth: number;
  thumbHeight: number;
}

const COLUMNS = 6;
const PAD = 16;
const GAP = 10;
const CAPTION = 22;
const CLIP = '#1DB954';
const DEFECT = '#E5383B';

/** Draws the sheet of `takes` and writes it (PNG) to `file` atomically. */
export async function renderContactSheet(takes: readonly SheetTake[], file: string): Promise<void> {
  const fonts = await prepareFonts();
  const cell = Math.max(...takes.map((t) => t.thumbWidth), 160);
  const width = PAD * 2 + COLUMNS * cell + (COLUMNS - 1) * GAP;
  const svg: string[] = [];
  const layers: OverlayOptions[] = [];
  let y = PAD;
  for (const take of takes) {
    const s = take.suggestion;
    const summary = ` — ${formatTime(s.duration)}, ${s.scenes.length} scene(s), ${s.clips.length} clip(s) proposed`;
    // About 11 px per character at 20 px: a long path loses its middle, never its end.
    svg.push(text(PAD, y + 20, `${ellipsize(take.label, Math.floor((width - 2 * PAD) / 11) - summary.length)}${summary}`, 20, '#111', 'bold'));
    y += 34;
    // The timeline: scenes in alternating greys, defects red, clips green with their numbers.
    const bar = width - 2 * PAD;
    const x = (t: number) => PAD + (bar * t) / Math.max(s.duration, 1e-6);
    s.scenes.forEach((scene, i) => svg.push(rect(x(scene.start), y, x(scene.end) - x(scene.start), 18, i % 2 ? '#C9CCD1' : '#E4E6EA')));
    for (const d of s.defects) svg.push(rect(x(d.start), y + 18, Math.max(2, x(d.end) - x(d.start)), 12, DEFECT));
    s.clips.forEach((c, i) => {
      svg.push(rect(x(c.in), y, Math.max(2, x(c.out) - x(c.in)), 18, CLIP));
      svg.push(text(x(c.in) + 3, y + 14, String(i + 1), 13, '#fff', 'bold'));
    });
    const kinds = [...new Set(s.defects.map((d) => d.kind))];
    const rejected = kinds.length > 0 ? `red: rejected (${kinds.join(', ')})` : 'no defects found';
    svg.push(text(PAD, y + 48, `green: proposed clips · ${rejected} · grey bands: scenes`, 14, '#444'));
    for (const note of s.notes) {
      y += 20;
      svg.push(text(PAD, y + 48, ellipsize(note, Math.floor((width - 2 * PAD) / 7.5)), 14, DEFECT));
    }
    y += 62;
    take.thumbnails.forEach((thumb, i) => {
      const left = PAD + (i % COLUMNS) * (cell + GAP);
      const top = y + Math.floor(i / COLUMNS) * (take.thumbHeight + CAPTION + GAP);
      layers.push({ input: thumb.rgb, raw: { width: take.thumbWidth, height: take.thumbHeight, channels: 3 }, left, top });
      const clip = s.clips.findIndex((c) => thumb.time >= c.in && thumb.time < c.out);
      const defects = s.defects.filter((d) => thumb.time >= d.start && thumb.time < d.end).map((d) => d.kind);
      if (defects.length) {
        svg.push(rect(left, top, take.thumbWidth, take.thumbHeight, DEFECT, 0.45));
        svg.push(text(left + 6, top + 20, defects.join(' + '), 15, '#fff', 'bold'));
      }
      if (clip >= 0) {
        svg.push(`<rect x="${left - 3}" y="${top - 3}" width="${take.thumbWidth + 6}" height="${take.thumbHeight + 6}" fill="none" stroke="${CLIP}" stroke-width="5"/>`);
        svg.push(text(left + 6, top + take.thumbHeight - 8, `clip ${clip + 1}`, 15, '#fff', 'bold'));
      }
      const scene = s.scenes.findIndex((sc) => thumb.time >= sc.start && thumb.time < sc.end);
      svg.push(text(left, top + take.thumbHeight + 17, `${formatTime(thumb.time)}${s.scenes.length > 1 ? `  scene ${scene + 1}` : ''}`, 14, '#222'));
    });
    y += Math.ceil(take.thumbnails.length / COLUMNS) * (take.thumbHeight + CAPTION + GAP) + PAD;
  }
  const height = y + PAD;
  const overlay = Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="${fonts.family}">${svg.join('')}</svg>`);
  // Thumbnails first, the drawing (frames, shading, labels) over them.
  const image = sharp({ create: { width, height, channels: 3, background: '#FFFFFF' } })
    .composite([...layers, { input: overlay, left: 0, top: 0 }])
    .png();
  await writeImageAtomic(image, file);
}

function rect(x: number, y: number, w: number, h: number, fill: string, opacity = 1): string {
  return `<rect x="${x.toFixed(1)}" y="${y.toFixed(1)}" width="${w.toFixed(1)}" height="${h}" fill="${fill}" fill-opacity="${opacity}"/>`;
}

function text(x: number, y: number, content: string, size: number, fill: string, weight = 'normal'): string {
  return `<text x="${x.toFixed(1)}" y="${y.toFixed(1)}" font-size="${size}" font-weight="${weight}" fill="${fill}">${escapePangoMarkup(content)}</text>`;
}

function ellipsize(label: string, room: number): string {
  const chars = [...label];
  if (chars.length <= room) return label;
  const keep = Math.max(8, room - 1);
  return `${chars.slice(0, Math.ceil(keep / 3)).join('')}…${chars.slice(chars.length - Math.floor((keep * 2) / 3)).join('')}`;
}

/** `mm:ss.s`. */
function formatTime(seconds: number): string {
  const m = Math.floor(seconds / 60);
  const s = seconds - m * 60;
  return `${String(m).padStart(2, '0')}:${s.toFixed(1).padStart(4, '0')}`;
}
