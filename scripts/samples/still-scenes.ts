// SVG pictures for POT-003's footage, the CUP-002 product still and the brand logo.
import { f1, rng } from './sample-kit.ts';
import { dropShadow, leaf, leafGradients, woodDefs } from './scene-pieces.ts';

/** POT-003, portrait 1080×1920: a purple-clay (zisha) teapot on a slatted tea tray. */
export function potPortraitSvg(): string {
  const r = rng(31);
  const slats: string[] = [];
  for (let i = 0; i < 26; i++) {
    const y = 1180 + i * 24 + i * i * 0.55;
    const hgt = 17 + i * 1.0;
    slats.push(`<rect x="-20" y="${f1(y)}" width="1120" height="${f1(hgt)}" fill="url(#slat)"/>`);
    slats.push(`<rect x="-20" y="${f1(y + hgt)}" width="1120" height="${f1(4 + i * 0.3)}" fill="#120804"/>`);
  }
  const bokeh: string[] = [];
  for (let i = 0; i < 14; i++) {
    bokeh.push(`<circle cx="${f1(r() * 1080)}" cy="${f1(80 + r() * 700)}" r="${f1(30 + r() * 60)}" fill="#ffe0a8" opacity="${(0.08 + r() * 0.2).toFixed(2)}"/>`);
  }
  const foliage: string[] = [];
  for (let i = 0; i < 40; i++) {
    const left = i < 22;
    const x = left ? -40 + r() * 260 : 820 + r() * 300;
    const y = left ? 150 + r() * 700 : 60 + r() * 520;
    const g = ['#2d4a20', '#3b5e27', '#24391a', '#4a6d2e'][Math.floor(r() * 4)]!;
    foliage.push(`<ellipse cx="${f1(x)}" cy="${f1(y)}" rx="${f1(50 + r() * 70)}" ry="${f1(14 + r() * 18)}" transform="rotate(${f1(-60 + r() * 120)} ${f1(x)} ${f1(y)})" fill="${g}"/>`);
  }
  const trayLeaves: string[] = [];
  for (let i = 0; i < 6; i++) trayLeaves.push(leaf(r, 140 + r() * 360, 1660 + r() * 160, 90, r() * 360, { grad: 'lg' }));
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1080 1920" width="1080" height="1920">
<defs>
  <linearGradient id="wall" x1="0" y1="0" x2="0" y2="1">
    <stop offset="0" stop-color="#1d2418"/><stop offset="0.45" stop-color="#3d4a2c"/><stop offset="0.62" stop-color="#5e5236"/>
  </linearGradient>
  <linearGradient id="slat" x1="0" y1="0" x2="0" y2="1">
    <stop offset="0" stop-color="#6a4026"/><stop offset="0.5" stop-color="#472716"/><stop offset="1" stop-color="#2a150a"/>
  </linearGradient>
  ${woodDefs('woodTex', '#3a1f10', '0.004 0.12', 9)}
  ${leafGradients()}
  ${dropShadow('lsh', 4, 4, 8, 0.6)}
  <radialGradient id="clay" cx="0.36" cy="0.3" r="0.75">
    <stop offset="0" stop-color="#b77a5c"/><stop offset="0.35" stop-color="#7a4030"/><stop offset="0.8" stop-color="#4a2118"/><stop offset="1" stop-color="#2a110b"/>
  </radialGradient>
  <linearGradient id="clayH" x1="0" y1="0" x2="1" y2="0">
    <stop offset="0" stop-color="#4a2118"/><stop offset="0.4" stop-color="#8c4e3a"/><stop offset="1" stop-color="#3a1810"/>
  </linearGradient>
  <filter id="clayTex" x="0" y="0" width="100%" height="100%">
    <feTurbulence type="fractalNoise" baseFrequency="1.2" numOctaves="2" seed="4"/>
    <feColorMatrix type="matrix" values="0 0 0 0 0.15  0 0 0 0 0.06  0 0 0 0 0.03  0 0 0 0.6 -0.2"/>
  </filter>
  <clipPath id="bodyClip"><ellipse cx="540" cy="1110" rx="270" ry="200"/></clipPath>
  <filter id="b50" x="-50%" y="-50%" width="200%" height="200%"><feGaussianBlur stdDeviation="50"/></filter>
  <filter id="b30" x="-50%" y="-50%" width="200%" height="200%"><feGaussianBlur stdDeviation="30"/></filter>
  <filter id="b20" x="-50%" y="-50%" width="200%" height="200%"><feGaussianBlur stdDeviation="20"/></filter>
  <filter id="b8" x="-50%" y="-50%" width="200%" height="200%"><feGaussianBlur stdDeviation="8"/></filter>
  <filter id="b3" x="-50%" y="-50%" width="200%" height="200%"><feGaussianBlur stdDeviation="3"/></filter>
  <radialGradient id="cup" cx="0.4" cy="0.3" r="0.8">
    <stop offset="0" stop-color="#ffffff"/><stop offset="0.7" stop-color="#e8e4da"/><stop offset="1" stop-color="#a9a395"/>
  </radialGradient>
  <radialGradient id="teaIn" cx="0.45" cy="0.4" r="0.7">
    <stop offset="0" stop-color="#d9a848"/><stop offset="1" stop-color="#8a5a18"/>
  </radialGradient>
  <radialGradient id="vig" cx="0.5" cy="0.55" r="0.8">
    <stop offset="0.55" stop-color="#000" stop-opacity="0"/><stop offset="1" stop-color="#000" stop-opacity="0.6"/>
  </radialGradient>
  <radialGradient id="key" cx="0.3" cy="0.35" r="0.7">
    <stop offset="0" stop-color="#fff0d0" stop-opacity="0.22"/><stop offset="1" stop-color="#fff0d0" stop-opacity="0"/>
  </radialGradient>
</defs>
<rect width="1080" height="1920" fill="url(#wall)"/>
<g filter="url(#b50)"><rect x="600" y="160" width="340" height="480" fill="#f5e7c4" opacity="0.35"/></g>
<g filter="url(#b30)">${foliage.join('')}</g>
<g filter="url(#b20)">${bokeh.join('')}</g>
<rect x="0" y="1120" width="1080" height="800" filter="url(#woodTex)"/>
<g>${slats.join('')}</g>
<rect x="0" y="1150" width="1080" height="40" fill="#000" opacity="0.35" filter="url(#b8)"/>
<g transform="translate(540 1420) scale(1.2) translate(-540 -1300)">
  <ellipse cx="560" cy="1318" rx="330" ry="46" fill="#000" opacity="0.6" filter="url(#b20)"/>
  <path d="M300 1010 C170 990 150 1200 300 1210" fill="none" stroke="url(#clayH)" stroke-width="44" stroke-linecap="round"/>
  <path d="M296 1016 C190 1004 175 1185 296 1200" fill="none" stroke="#c08468" stroke-opacity="0.35" stroke-width="8" stroke-linecap="round"/>
  <path d="M770 1080 C850 1060 880 980 930 930 L962 948 C925 1010 900 1110 790 1190 Z" fill="url(#clayH)"/>
  <ellipse cx="946" cy="938" rx="20" ry="9" transform="rotate(30 946 938)" fill="#1d0b06"/>
  <ellipse cx="540" cy="1110" rx="270" ry="200" fill="url(#clay)"/>
  <g clip-path="url(#bodyClip)">
    <rect x="260" y="900" width="560" height="420" filter="url(#clayTex)" opacity="0.8"/>
    <ellipse cx="560" cy="1250" rx="300" ry="80" fill="#000" opacity="0.35" filter="url(#b20)"/>
    <ellipse cx="430" cy="1010" rx="90" ry="50" fill="#ffe6d0" opacity="0.28" filter="url(#b20)"/>
  </g>
  <ellipse cx="540" cy="1300" rx="150" ry="18" fill="#2a110b"/>
  <ellipse cx="540" cy="935" rx="150" ry="34" fill="#3a1a10"/>
  <ellipse cx="540" cy="930" rx="138" ry="28" fill="url(#clayH)"/>
  <path d="M420 928 Q540 860 660 928 Z" fill="url(#clay)"/>
  <ellipse cx="540" cy="868" rx="34" ry="24" fill="url(#clay)"/>
  <ellipse cx="530" cy="860" rx="12" ry="7" fill="#ffe6d0" opacity="0.35" filter="url(#b3)"/>
  <path d="M300 1040 Q540 1120 785 1040" fill="none" stroke="#2a110b" stroke-opacity="0.5" stroke-width="3"/>
</g>
<g transform="translate(800 1560) scale(1.35) translate(-860 -1385)">
  <ellipse cx="860" cy="1392" rx="115" ry="22" fill="#000" opacity="0.55" filter="url(#b8)"/>
  <path d="M760 1290 Q770 1378 860 1385 Q950 1378 960 1290 Z" fill="url(#cup)"/>
  <ellipse cx="860" cy="1290" rx="100" ry="22" fill="#f4f1ea"/>
  <ellipse cx="860" cy="1294" rx="88" ry="17" fill="url(#teaIn)"/>
  <ellipse cx="842" cy="1290" rx="30" ry="5" fill="#ffe9b0" opacity="0.6"/>
</g>
<g filter="url(#lsh)">${trayLeaves.join('')}</g>
<rect width="1080" height="1920" fill="url(#key)"/>
<rect width="1080" height="1920" fill="url(#vig)"/>
</svg>`;
}

/** CUP-002 product still, 1600×1200: a hand-made celadon cup on a saucer, studio sweep. */
export function cupStillSvg(): string {
  const r = rng(41);
  const crackle: string[] = [];
  for (let i = 0; i < 28; i++) {
    let x = 560 + r() * 480;
    let y = 470 + r() * 330;
    let d = `M${f1(x)} ${f1(y)}`;
    for (let k = 0; k < 4; k++) {
      x += (r() - 0.5) * 70;
      y += (r() - 0.5) * 50;
      d += ` L${f1(x)} ${f1(y)}`;
    }
    crackle.push(`<path d="${d}" fill="none" stroke="#4f6f5c" stroke-width="0.9" opacity="0.16"/>`);
  }
  const leaves: string[] = [];
  for (let i = 0; i < 7; i++) leaves.push(leaf(r, 280 + r() * 200, 930 + r() * 90, 70, r() * 360, { grad: 'lg', squash: 0.7 }));
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1600 1200" width="1600" height="1200">
<defs>
  <linearGradient id="sweep" x1="0" y1="0" x2="0" y2="1">
    <stop offset="0" stop-color="#e9e4da"/><stop offset="0.62" stop-color="#f7f4ee"/><stop offset="1" stop-color="#d8d1c3"/>
  </linearGradient>
  <radialGradient id="glaze" cx="0.32" cy="0.28" r="0.85">
    <stop offset="0" stop-color="#e4f2e8"/><stop offset="0.35" stop-color="#a9cbb6"/><stop offset="0.8" stop-color="#7fa590"/><stop offset="1" stop-color="#56786a"/>
  </radialGradient>
  <linearGradient id="inner" x1="0" y1="0" x2="0" y2="1">
    <stop offset="0" stop-color="#7c9f8b"/><stop offset="1" stop-color="#c2ddcc"/>
  </linearGradient>
  <radialGradient id="teaLiq" cx="0.45" cy="0.4" r="0.7">
    <stop offset="0" stop-color="#e3d98a"/><stop offset="1" stop-color="#b39a3c"/>
  </radialGradient>
  <radialGradient id="saucer" cx="0.4" cy="0.3" r="0.8">
    <stop offset="0" stop-color="#d7eadd"/><stop offset="0.7" stop-color="#9fc1ad"/><stop offset="1" stop-color="#6f9080"/>
  </radialGradient>
  <clipPath id="cupClip"><path d="M540 430 Q560 780 700 850 L900 850 Q1040 780 1060 430 Z"/></clipPath>
  <filter id="b30" x="-50%" y="-50%" width="200%" height="200%"><feGaussianBlur stdDeviation="30"/></filter>
  <filter id="b10" x="-50%" y="-50%" width="200%" height="200%"><feGaussianBlur stdDeviation="10"/></filter>
  <filter id="b4" x="-50%" y="-50%" width="200%" height="200%"><feGaussianBlur stdDeviation="4"/></filter>
  ${leafGradients()}
  ${dropShadow('lsh', 3, 3, 6, 0.35)}
  <filter id="paper" x="0" y="0" width="100%" height="100%">
    <feTurbulence type="fractalNoise" baseFrequency="0.6" numOctaves="3" seed="2"/>
    <feColorMatrix type="matrix" values="0 0 0 0 0.4  0 0 0 0 0.35  0 0 0 0 0.3  0 0 0 0.25 -0.08"/>
  </filter>
</defs>
<rect width="1600" height="1200" fill="url(#sweep)"/>
<rect width="1600" height="1200" filter="url(#paper)"/>
<ellipse cx="830" cy="960" rx="430" ry="70" fill="#6b5f4a" opacity="0.45" filter="url(#b30)"/>
<ellipse cx="800" cy="900" rx="380" ry="90" fill="url(#saucer)"/>
<ellipse cx="800" cy="888" rx="330" ry="70" fill="#b9d5c4"/>
<ellipse cx="800" cy="892" rx="300" ry="58" fill="#a6c6b3"/>
<ellipse cx="810" cy="870" rx="200" ry="30" fill="#41594c" opacity="0.45" filter="url(#b10)"/>
<path d="M690 840 L910 840 L900 868 Q800 884 700 868 Z" fill="#8aae98"/>
<path d="M540 430 Q560 780 700 850 L900 850 Q1040 780 1060 430 Z" fill="url(#glaze)"/>
<g clip-path="url(#cupClip)">${crackle.join('')}
  <path d="M600 470 Q610 700 700 790" fill="none" stroke="#ffffff" stroke-width="26" opacity="0.45" filter="url(#b10)"/>
  <ellipse cx="1020" cy="600" rx="40" ry="200" fill="#2f4a3d" opacity="0.3" filter="url(#b30)"/>
</g>
<ellipse cx="800" cy="430" rx="260" ry="62" fill="#eaf4ec"/>
<ellipse cx="800" cy="436" rx="240" ry="52" fill="url(#inner)"/>
<ellipse cx="800" cy="452" rx="215" ry="40" fill="url(#teaLiq)"/>
<ellipse cx="740" cy="444" rx="70" ry="9" fill="#fffbe0" opacity="0.7" filter="url(#b4)"/>
<g filter="url(#lsh)">${leaves.join('')}</g>
</svg>`;
}

/** Brand mark, 512×512, shapes only: a red seal with a white tea leaf and sprout. */
export function logoSvg(): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512" width="512" height="512">
<defs>
  <linearGradient id="g" x1="0" y1="0" x2="1" y2="1">
    <stop offset="0" stop-color="#ff2a36"/><stop offset="1" stop-color="#c4000f"/>
  </linearGradient>
</defs>
<rect x="36" y="36" width="440" height="440" rx="96" fill="url(#g)"/>
<rect x="60" y="60" width="392" height="392" rx="76" fill="none" stroke="#ffffff" stroke-opacity="0.9" stroke-width="10"/>
<path d="M256 388 C168 352 132 258 178 170 C198 132 236 112 280 108 C300 190 318 300 256 388 Z" fill="#ffffff"/>
<path d="M256 388 C248 300 250 220 272 132" fill="none" stroke="#E60012" stroke-width="12" stroke-linecap="round"/>
<path d="M259 300 L214 262 M264 236 L222 204 M260 286 C272 272 280 258 285 240" fill="none" stroke="#E60012" stroke-width="9" stroke-linecap="round"/>
<path d="M286 372 C330 330 352 280 350 230 C318 248 292 300 286 372 Z" fill="#ffffff" opacity="0.92"/>
</svg>`;
}
