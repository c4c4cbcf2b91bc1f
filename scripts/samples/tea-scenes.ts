// The TEA-001 pictures as SVG: the wide glass scene, the leaf close-up, steam wisps, leaf sprites.
import { f1, rng } from './sample-kit.ts';
import { dropShadow, leaf, leafGradients, woodDefs } from './scene-pieces.ts';

/** Scene A, wide: a glass of Longjing on a bamboo mat, a dish of dry leaves, a warm blurred room. */
export function teaWideSvg(): string {
  const r = rng(11);
  const parts: string[] = [];
  // Bokeh lights in the background.
  const bokeh: string[] = [];
  for (let i = 0; i < 26; i++) {
    const x = r() * 1920;
    const y = 40 + r() * 460;
    const rad = 20 + r() * 55;
    const col = r() < 0.7 ? '#ffd79a' : '#fff1d6';
    bokeh.push(`<circle cx="${f1(x)}" cy="${f1(y)}" r="${f1(rad)}" fill="${col}" opacity="${(0.08 + r() * 0.22).toFixed(2)}"/>`);
  }
  // Leaves in the glass.
  const glassLeaves: string[] = [];
  for (let i = 0; i < 22; i++) {
    const settled = i < 9;
    const x = 860 + (r() - 0.5) * (settled ? 200 : 220);
    const y = settled ? 840 + r() * 35 : 560 + r() * 260;
    const rot = settled ? (r() - 0.5) * 50 : 70 + (r() - 0.5) * 60;
    glassLeaves.push(leaf(r, x, y, 46, rot, { alpha: 0.85, colours: ['#8ea83e', '#9fb84c', '#7f9c35', '#b0c05a'] }));
  }
  // Dry leaves on the dish and mat.
  const dishLeaves: string[] = [];
  for (let i = 0; i < 95; i++) {
    const a = r() * Math.PI * 2;
    const d = Math.sqrt(r());
    const x = 1390 + Math.cos(a) * d * 150;
    const y = 858 + Math.sin(a) * d * 38 - (1 - d) * 38;
    dishLeaves.push(leaf(r, x, y, 40, (r() - 0.5) * 160, { grad: 'lg' }));
  }
  const looseLeaves: string[] = [];
  for (let i = 0; i < 9; i++) {
    looseLeaves.push(leaf(r, 1120 + r() * 520, 930 + r() * 90, 42, r() * 360, { grad: 'lg' }));
  }
  // Bamboo mat slats (a runner across the table, in slight perspective).
  const slats: string[] = [];
  for (let i = 0; i < 44; i++) {
    const y0 = 700 + i * 7.5 + i * i * 0.06;
    const hgt = 6.4 + i * 0.12;
    const v = r();
    const tone = `rgb(${Math.round(190 + v * 22)},${Math.round(152 + v * 20)},${Math.round(92 + v * 16)})`;
    slats.push(`<rect x="-20" y="${f1(y0)}" width="1960" height="${f1(hgt)}" fill="${tone}"/>`);
    slats.push(`<rect x="-20" y="${f1(y0 + hgt - 1.4)}" width="1960" height="1.4" fill="#6e5028" opacity="0.3"/>`);
  }
  const threads: string[] = [];
  for (const tx of [180, 700, 1220, 1740]) {
    threads.push(`<path d="M${tx} 700 L${f1(tx + (tx - 960) * 0.12)} 1020" stroke="#5a3f1f" stroke-width="5" opacity="0.6"/>`);
  }

  parts.push(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1920 1080" width="1920" height="1080">
<defs>
  <linearGradient id="wall" x1="0" y1="0" x2="0" y2="1">
    <stop offset="0" stop-color="#2b1c12"/><stop offset="0.55" stop-color="#5a3c25"/><stop offset="1" stop-color="#7a5535"/>
  </linearGradient>
  ${woodDefs('wood', '#6b3f22', '0.0035 0.11', 7)}
  ${leafGradients()}
  ${dropShadow('lsh', 2.5, 2, 4, 0.55)}
  <filter id="matSoft"><feGaussianBlur stdDeviation="0.7"/></filter>
  <filter id="blur40" x="-50%" y="-50%" width="200%" height="200%"><feGaussianBlur stdDeviation="40"/></filter>
  <filter id="blur14" x="-50%" y="-50%" width="200%" height="200%"><feGaussianBlur stdDeviation="14"/></filter>
  <filter id="blur6" x="-50%" y="-50%" width="200%" height="200%"><feGaussianBlur stdDeviation="6"/></filter>
  <filter id="blur3" x="-50%" y="-50%" width="200%" height="200%"><feGaussianBlur stdDeviation="3"/></filter>
  <filter id="blur1" x="-50%" y="-50%" width="200%" height="200%"><feGaussianBlur stdDeviation="1.1"/></filter>
  <linearGradient id="tea" x1="0" y1="0" x2="0" y2="1">
    <stop offset="0" stop-color="#d9dc8a" stop-opacity="0.55"/><stop offset="1" stop-color="#a9b54e" stop-opacity="0.8"/>
  </linearGradient>
  <linearGradient id="glassSide" x1="0" y1="0" x2="1" y2="0">
    <stop offset="0" stop-color="#ffffff" stop-opacity="0.35"/><stop offset="0.08" stop-color="#ffffff" stop-opacity="0.05"/>
    <stop offset="0.85" stop-color="#ffffff" stop-opacity="0.03"/><stop offset="1" stop-color="#ffffff" stop-opacity="0.3"/>
  </linearGradient>
  <radialGradient id="dish" cx="0.45" cy="0.35" r="0.7">
    <stop offset="0" stop-color="#fbfaf5"/><stop offset="0.7" stop-color="#e4e1d6"/><stop offset="1" stop-color="#b9b4a5"/>
  </radialGradient>
  <linearGradient id="tin" x1="0" y1="0" x2="1" y2="0">
    <stop offset="0" stop-color="#7a0a10"/><stop offset="0.35" stop-color="#d8202a"/><stop offset="0.55" stop-color="#b0141c"/><stop offset="1" stop-color="#55060a"/>
  </linearGradient>
  <linearGradient id="gold" x1="0" y1="0" x2="1" y2="0">
    <stop offset="0" stop-color="#6b4b14"/><stop offset="0.4" stop-color="#e0b85a"/><stop offset="1" stop-color="#5c3f10"/>
  </linearGradient>
  <radialGradient id="light" cx="0.25" cy="0.1" r="0.9">
    <stop offset="0" stop-color="#fff2d0" stop-opacity="0.35"/><stop offset="1" stop-color="#fff2d0" stop-opacity="0"/>
  </radialGradient>
  <radialGradient id="vignette" cx="0.5" cy="0.5" r="0.75">
    <stop offset="0.55" stop-color="#000" stop-opacity="0"/><stop offset="1" stop-color="#000" stop-opacity="0.55"/>
  </radialGradient>
  <clipPath id="glassClip"><path d="M712 470 L740 900 Q860 935 980 900 L1008 470 Z"/></clipPath>
</defs>
<rect width="1920" height="1080" fill="url(#wall)"/>
<g filter="url(#blur40)">
  <rect x="-100" y="60" width="560" height="460" fill="#f3dfb4" opacity="0.45"/>
  <path d="M1560 40 C1650 140 1700 260 1680 420 C1760 300 1800 200 1790 60 Z" fill="#2f4a22" opacity="0.9"/>
  <path d="M1700 0 C1760 160 1860 260 1920 300 L1920 0 Z" fill="#3e5d2a" opacity="0.85"/>
</g>
<g filter="url(#blur14)">${bokeh.join('')}</g>
<g filter="url(#blur6)">
  <rect x="300" y="300" width="170" height="300" rx="10" fill="url(#tin)"/>
  <rect x="292" y="280" width="186" height="42" rx="8" fill="url(#gold)"/>
  <rect x="300" y="420" width="170" height="70" fill="#f5e2b0" opacity="0.85"/>
  <circle cx="385" cy="455" r="22" fill="#b0141c"/>
</g>
<rect x="0" y="560" width="1920" height="520" filter="url(#wood)"/>
<rect x="0" y="560" width="1920" height="16" fill="#2a160a" opacity="0.45" filter="url(#blur3)"/>
<g filter="url(#matSoft)">${slats.join('')}${threads.join('')}</g>
<rect x="0" y="690" width="1920" height="14" fill="#000" opacity="0.25" filter="url(#blur6)"/>
<ellipse cx="880" cy="912" rx="200" ry="34" fill="#1a0d04" opacity="0.55" filter="url(#blur14)"/>
<ellipse cx="1010" cy="930" rx="120" ry="22" fill="#e9f08a" opacity="0.35" filter="url(#blur14)"/>
<ellipse cx="1400" cy="900" rx="215" ry="42" fill="#1a0d04" opacity="0.5" filter="url(#blur14)"/>
<ellipse cx="1390" cy="872" rx="200" ry="52" fill="url(#dish)"/>
<ellipse cx="1390" cy="866" rx="165" ry="38" fill="#d9d5c7"/>
<ellipse cx="1390" cy="868" rx="160" ry="35" fill="#efece2"/>
<g filter="url(#lsh)">${dishLeaves.join('')}</g>
<g filter="url(#lsh)">${looseLeaves.join('')}</g>
<g clip-path="url(#glassClip)">
  <rect x="700" y="470" width="320" height="470" fill="#fdfbe8" opacity="0.06"/>
  <path d="M722 540 L740 900 Q860 935 980 900 L998 540 Z" fill="url(#tea)"/>
  <g filter="url(#blur1)">${glassLeaves.join('')}</g>
  <ellipse cx="860" cy="540" rx="138" ry="22" fill="#eef0b8" opacity="0.55"/>
  <rect x="700" y="470" width="320" height="470" fill="url(#glassSide)"/>
</g>
<path d="M712 470 L740 900" stroke="#ffffff" stroke-opacity="0.55" stroke-width="3"/>
<path d="M1008 470 L980 900" stroke="#ffffff" stroke-opacity="0.4" stroke-width="3"/>
<path d="M740 900 Q860 935 980 900 L978 880 Q860 912 742 880 Z" fill="#ffffff" opacity="0.35"/>
<ellipse cx="860" cy="470" rx="148" ry="24" fill="none" stroke="#ffffff" stroke-opacity="0.7" stroke-width="3.5"/>
<path d="M745 500 L765 860" stroke="#ffffff" stroke-opacity="0.35" stroke-width="14" filter="url(#blur6)"/>
<path d="M962 520 L950 760" stroke="#ffffff" stroke-opacity="0.2" stroke-width="8" filter="url(#blur3)"/>
<rect width="1920" height="1080" fill="url(#light)"/>
<rect width="1920" height="1080" fill="url(#vignette)"/>
</svg>`);
  return parts.join('');
}

/** Scene B, close-up: a heap of dry Longjing leaves on a bamboo tray, shallow depth of field. */
export function leavesCloseSvg(): string {
  const r = rng(23);
  // A heap: leaves are denser towards the middle band, sparse towards the tray at the back.
  const layer = (n: number, y0: number, y1: number, len: number) => {
    const out: string[] = [];
    for (let i = 0; i < n; i++) {
      const x = -80 + r() * 2080;
      const y = y0 + r() * (y1 - y0);
      out.push(leaf(r, x, y, len, r() * 360, { grad: 'lg', squash: 0.62 }));
    }
    return out.join('');
  };
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1920 1080" width="1920" height="1080">
<defs>
  ${woodDefs('tray', '#b58c52', '0.002 0.06', 3)}
  ${leafGradients()}
  ${dropShadow('sh1', 4, 3, 6, 0.6)}
  ${dropShadow('sh2', 6, 4, 8, 0.6)}
  <filter id="bFar" x="-5%" y="-5%" width="110%" height="110%">
    <feGaussianBlur in="SourceAlpha" stdDeviation="3"/><feOffset dx="2" dy="4" result="o"/>
    <feFlood flood-color="#140a02" flood-opacity="0.5"/><feComposite in2="o" operator="in" result="sh"/>
    <feMerge result="m"><feMergeNode in="sh"/><feMergeNode in="SourceGraphic"/></feMerge>
    <feGaussianBlur in="m" stdDeviation="8"/></filter>
  <filter id="bNear" x="-5%" y="-20%" width="110%" height="140%"><feGaussianBlur stdDeviation="9"/></filter>
  <filter id="tex" x="0" y="0" width="100%" height="100%">
    <feTurbulence type="fractalNoise" baseFrequency="0.9" numOctaves="2" seed="5"/>
    <feColorMatrix type="matrix" values="0 0 0 0 0.2  0 0 0 0 0.22  0 0 0 0 0.1  0 0 0 0.5 -0.12"/>
  </filter>
  <linearGradient id="bg" x1="0" y1="0" x2="0" y2="1">
    <stop offset="0" stop-color="#3a2816"/><stop offset="0.3" stop-color="#4a3f1e"/><stop offset="1" stop-color="#2a2410"/>
  </linearGradient>
  <linearGradient id="fadeDown" x1="0" y1="0" x2="0" y2="1">
    <stop offset="0" stop-color="#fff"/><stop offset="0.55" stop-color="#fff"/><stop offset="1" stop-color="#000"/>
  </linearGradient>
  <mask id="trayFade"><rect width="1920" height="420" fill="url(#fadeDown)"/></mask>
  <radialGradient id="key" cx="0.35" cy="0.3" r="0.8">
    <stop offset="0" stop-color="#fff5d8" stop-opacity="0.3"/><stop offset="1" stop-color="#fff5d8" stop-opacity="0"/>
  </radialGradient>
  <radialGradient id="vig" cx="0.5" cy="0.5" r="0.78">
    <stop offset="0.5" stop-color="#000" stop-opacity="0"/><stop offset="1" stop-color="#000" stop-opacity="0.6"/>
  </radialGradient>
</defs>
<rect width="1920" height="1080" fill="url(#bg)"/>
<rect x="0" y="0" width="1920" height="420" filter="url(#tray)" opacity="0.7" mask="url(#trayFade)"/>
<g filter="url(#bFar)">${layer(150, -40, 250, 72)}${layer(320, 160, 400, 82)}</g>
<g filter="url(#sh1)">${layer(160, 255, 340, 90)}${layer(380, 320, 560, 96)}${layer(420, 460, 720, 104)}</g>
<g filter="url(#sh2)">${layer(520, 600, 980, 116)}</g>
<g filter="url(#bNear)">${layer(140, 900, 1150, 150)}</g>
<rect width="1920" height="1080" filter="url(#tex)" opacity="0.45"/>
<rect width="1920" height="1080" fill="url(#key)"/>
<rect width="1920" height="1080" fill="url(#vig)"/>
</svg>`;
}

/** A soft wisp of steam (transparent), w×h. */
export function steamSvg(seed: number, w: number, h: number): string {
  const r = rng(seed);
  const paths: string[] = [];
  for (let i = 0; i < 4; i++) {
    let x = w / 2 + (r() - 0.5) * w * 0.2;
    let d = `M${f1(x)} ${h}`;
    for (let y = h; y > 0; y -= h / 5) {
      const nx = w / 2 + (r() - 0.5) * w * 0.55;
      d += ` Q${f1((x + nx) / 2 + (r() - 0.5) * w * 0.4)} ${f1(y - h / 10)} ${f1(nx)} ${f1(y - h / 5)}`;
      x = nx;
    }
    paths.push(`<path d="${d}" fill="none" stroke="#ffffff" stroke-width="${f1(w * (0.05 + r() * 0.07))}" stroke-linecap="round" opacity="${(0.25 + r() * 0.3).toFixed(2)}"/>`);
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}">
<defs>
  <filter id="s" x="-50%" y="-20%" width="200%" height="140%"><feGaussianBlur stdDeviation="${f1(w * 0.05)}"/></filter>
  <linearGradient id="fade" x1="0" y1="1" x2="0" y2="0">
    <stop offset="0" stop-color="#fff" stop-opacity="0"/><stop offset="0.2" stop-color="#fff" stop-opacity="1"/>
    <stop offset="0.6" stop-color="#fff" stop-opacity="0.7"/><stop offset="1" stop-color="#fff" stop-opacity="0"/>
  </linearGradient>
  <mask id="m"><rect width="${w}" height="${h}" fill="url(#fade)"/></mask>
</defs>
<g mask="url(#m)"><g filter="url(#s)">${paths.join('')}</g></g>
</svg>`;
}

/** A single falling-leaf sprite, `len` long (transparent). */
export function leafSpriteSvg(seed: number, len: number): string {
  const r = rng(seed);
  const s = Math.ceil(len * 1.3);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${s}" height="${s}">
<defs><filter id="b" x="-50%" y="-50%" width="200%" height="200%"><feGaussianBlur stdDeviation="1.6"/></filter></defs>
<g filter="url(#b)">${leaf(r, s / 2, s / 2, len, 0)}</g></svg>`;
}
