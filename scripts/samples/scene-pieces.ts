// SVG pieces the scenes share: tea leaves, drop shadows, wood grain.
import { f1 } from './sample-kit.ts';

/** A flattened Longjing-style leaf pointing along +x, centred on the origin. */
function leafPath(l: number, w: number): string {
  return `M${f1(-l / 2)} 0 C${f1(-l / 4)} ${f1(-w * 0.95)} ${f1(l / 4)} ${f1(-w * 0.75)} ${f1(l / 2)} 0 C${f1(l / 4)} ${f1(w * 0.6)} ${f1(-l / 4)} ${f1(w * 0.8)} ${f1(-l / 2)} 0Z`;
}

const LEAF_COLOURS = ['#8f9d3e', '#a5ab4c', '#7d8f38', '#b9b65e', '#9aa646', '#6f8233', '#c4bd67', '#889a40'];

/** Gradient defs giving each leaf colour a lit edge and a shaded edge (use inside <defs>). */
export function leafGradients(colours: string[] = LEAF_COLOURS, prefix = 'lg'): string {
  return colours.map((c, i) => `<linearGradient id="${prefix}${i}" x1="0" y1="0" x2="0" y2="1">
  <stop offset="0" stop-color="${c}" stop-opacity="1"/><stop offset="0.45" stop-color="${c}"/>
  <stop offset="1" stop-color="#3e4a18"/></linearGradient>`).join('');
}

/** One tea leaf at (x, y), sized and coloured at random from `r`. */
export function leaf(r: () => number, x: number, y: number, len: number, rot: number, opts: { alpha?: number; colours?: string[]; grad?: string; squash?: number } = {}): string {
  const colours = opts.colours ?? LEAF_COLOURS;
  const ci = Math.floor(r() * colours.length);
  const c = colours[ci]!;
  const l = len * (0.8 + r() * 0.4);
  const w = l * (0.16 + r() * 0.06);
  const bend = (r() - 0.5) * 0.3;
  const fill = opts.grad ? `url(#${opts.grad}${ci})` : c;
  const squash = opts.squash ? ` scale(1 ${opts.squash})` : '';
  return `<g transform="translate(${f1(x)} ${f1(y)})${squash} rotate(${f1(rot)})" opacity="${opts.alpha ?? 1}">
  <path d="${leafPath(l, w)}" fill="${fill}" stroke="#4d5a22" stroke-opacity="0.45" stroke-width="${f1(Math.max(0.6, l / 90))}"/>
  <path d="M${f1(-l / 2)} 0 Q0 ${f1(bend * w)} ${f1(l * 0.45)} 0" fill="none" stroke="#e3dc95" stroke-opacity="0.5" stroke-width="${f1(Math.max(0.6, l / 120))}"/>
  <path d="${leafPath(l * 0.8, w * 0.35)}" transform="translate(${f1(-l * 0.05)} ${f1(-w * 0.3)})" fill="#ffffff" opacity="0.13"/>
</g>`;
}

/** A drop-shadow filter (use inside <defs>; apply to a whole group at once). */
export function dropShadow(id: string, blur: number, dx: number, dy: number, opacity: number): string {
  return `<filter id="${id}" x="-10%" y="-10%" width="120%" height="120%">
  <feGaussianBlur in="SourceAlpha" stdDeviation="${blur}"/><feOffset dx="${dx}" dy="${dy}" result="o"/>
  <feFlood flood-color="#140a02" flood-opacity="${opacity}"/><feComposite in2="o" operator="in" result="sh"/>
  <feMerge><feMergeNode in="sh"/><feMergeNode in="SourceGraphic"/></feMerge></filter>`;
}

/** A wood-grain filter of `base` colour (use inside <defs>). */
export const woodDefs = (id: string, base: string, freq: string, seed: number) => `
<filter id="${id}" x="0" y="0" width="100%" height="100%">
  <feTurbulence type="fractalNoise" baseFrequency="${freq}" numOctaves="4" seed="${seed}" result="n"/>
  <feColorMatrix in="n" type="matrix" values="0 0 0 0 0  0 0 0 0 0  0 0 0 0 0  1.6 0 0 0 -0.55" result="a"/>
  <feFlood flood-color="#1e0d05" result="dark"/>
  <feComposite in="dark" in2="a" operator="in" result="grain"/>
  <feFlood flood-color="${base}" result="base"/>
  <feMerge><feMergeNode in="base"/><feMergeNode in="grain"/></feMerge>
</filter>`;
