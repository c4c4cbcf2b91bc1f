// The one table of platform presets: frame, frame rate, duration limits and safe zones.
// Figures come from ../shared/PLATFORMS.md (platform developer docs where they exist, otherwise
// widely used creator guides, marked "guide"); change a platform's figures here and only here.

/** smart: a crop window that follows the important part of the picture (blur when it does not fit). */
export type FitMode = 'blur' | 'crop' | 'pad' | 'smart';

/** The fit of an output when neither the product, the output, the spec nor the preset names one. */
export const DEFAULT_FIT: FitMode = 'blur';

/** Pixels along each edge of the frame that the platform's own UI covers. */
export interface SafeZone {
  top: number;
  bottom: number;
  left: number;
  right: number;
}

export interface PresetDef {
  name: string;
  /** Human name shown by `promo presets`. */
  label: string;
  width: number;
  height: number;
  fps: number;
  /** Seconds; a longer video is refused by the platform. */
  maxDuration?: number;
  /** Seconds; a shorter video is refused by the platform. */
  minDuration?: number;
  safe: SafeZone;
  /** Whether the brand logo is overlaid (some platforms down-rank visible watermarks). */
  logo: boolean;
  /**
   * In PRESETS, the preset's own fit: used when neither the output nor the spec names one. In a
   * resolved spec's outputs, the fit the output gives every product that names none.
   */
  fit?: FitMode;
  /** Where the figures come from. */
  source: string;
}

// Douyin/TikTok-style UI: top bar, caption and shop card at the bottom, button column on the right.
const verticalShortVideoSafe: SafeZone = { top: 250, bottom: 450, left: 60, right: 180 };

export const PRESETS: readonly PresetDef[] = [
  {
    name: 'douyin', label: '抖音 Douyin', width: 1080, height: 1920, fps: 30, maxDuration: 900,
    safe: verticalShortVideoSafe, logo: true,
    source: 'Douyin open platform video upload (≤ 15 min); safe zone: guide',
  },
  {
    name: 'kuaishou', label: '快手 Kuaishou', width: 1080, height: 1920, fps: 30, maxDuration: 900,
    safe: verticalShortVideoSafe, logo: true,
    source: 'Kuaishou open platform upload/publish; duration and safe zone: guide',
  },
  {
    name: 'channels', label: '视频号 WeChat Channels', width: 1080, height: 1920, fps: 30, maxDuration: 1800,
    safe: { top: 220, bottom: 420, left: 60, right: 160 }, logo: true,
    source: 'WeChat Channels creator guide (vertical 1080×1920); safe zone: guide',
  },
  {
    name: 'xiaohongshu', label: '小红书 Xiaohongshu', width: 1080, height: 1440, fps: 30, maxDuration: 900,
    safe: { top: 110, bottom: 240, left: 60, right: 140 }, logo: true,
    source: 'Xiaohongshu creator guide: 3:4 feed frame, up to 15 min (its 15 s minimum varies by account, so it is not enforced); safe zone: guide',
  },
  {
    name: 'tiktok', label: 'TikTok', width: 1080, height: 1920, fps: 30, minDuration: 3, maxDuration: 600,
    safe: verticalShortVideoSafe, logo: true,
    source: 'TikTok Content Posting API (3–600 s, 23–60 fps); safe zone: guide',
  },
  {
    name: 'reels', label: 'Instagram Reels', width: 1080, height: 1920, fps: 30, minDuration: 3, maxDuration: 900,
    // Instagram guides: top 14 %, bottom 35 %, sides 6 %.
    safe: { top: 269, bottom: 672, left: 65, right: 65 }, logo: true,
    source: 'Instagram Graph API reels (3 s–15 min, 23–60 fps, AAC 48 kHz, faststart); safe zone: guide',
  },
  {
    name: 'shorts', label: 'YouTube Shorts', width: 1080, height: 1920, fps: 30, maxDuration: 180,
    safe: { top: 190, bottom: 480, left: 60, right: 150 }, logo: true,
    source: 'YouTube Shorts (≤ 3 min, vertical or square); safe zone: guide',
  },
  {
    name: 'square', label: 'Square (feeds, group chats)', width: 1080, height: 1080, fps: 30,
    safe: { top: 54, bottom: 54, left: 54, right: 54 }, logo: true,
    source: 'generic 1:1; 5 % margins',
  },
  {
    name: 'landscape', label: 'Landscape (web, replays)', width: 1920, height: 1080, fps: 30,
    safe: { top: 54, bottom: 54, left: 96, right: 96 }, logo: true,
    source: 'generic 16:9; 5 % margins',
  },
];

/** Looks a preset up by name (case-insensitive). */
export function findPreset(name: string): PresetDef | undefined {
  const key = name.toLowerCase();
  return PRESETS.find((preset) => preset.name === key);
}
