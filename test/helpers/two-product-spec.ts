// The representative spec the render tests use: a video product with two captioned clips (one
// caption hostile to ffmpeg), a still product, two presets, intro, outro, logo, badges, the reel.
import { SMALL_VERTICAL, TINY_SQUARE } from './spec-dir.ts';

/** The spec as an object, with `overrides` on top; its files are `footage/tea.mp4`, `footage/cup.jpg`, `brand/logo.png`. */
export function twoProductSpec(overrides: object = {}): object {
  return {
    stream: { title: '年货节好茶专场', host: '李博闻', start: '2026-12-01 20:00', timezone: 'Asia/Shanghai', url: 'https://live.example.com/room/8848' },
    brand: { logo: 'brand/logo.png', color: '#E60012' },
    currency: '¥',
    products: [
      { sku: 'TEA-001', name: '明前龙井', price: 99, originalPrice: 199, footage: 'footage/tea.mp4', clips: [
        { in: 0.5, out: 1.5, caption: '明前龙井，鲜爽回甘' },
        { in: 2, out: 3.2, caption: "x',drawtext=textfile=/etc/hostname %{e:while(1,1)} {\\fs300} [a];b" },
      ] },
      { sku: 'CUP-002', name: '手工青瓷茶杯', price: 39, footage: 'footage/cup.jpg', clips: [{ duration: 1.5, caption: '手工青瓷 一杯一世界' }] },
    ],
    outputs: [SMALL_VERTICAL, TINY_SQUARE],
    intro: { duration: 1 },
    outro: { duration: 1 },
    loudness: -14,
    reel: true,
    quality: 'draft',
    ...overrides,
  };
}
