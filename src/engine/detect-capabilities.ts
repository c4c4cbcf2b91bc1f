// Asks an ffmpeg binary what it can do, so promo can use newer filters (xfade) where they exist
// and the right option spellings for its version.
import { PromoError } from '../util/promo-error.ts';
import { runProcess } from '../util/run-process.ts';

export interface EngineCapabilities {
  /** As printed by `ffmpeg -version`, e.g. "5.1.6-0+deb12u1" or "N-47683-g0e8eb07980-static". */
  version: string;
  /** Major version when it can be read from the version string, else undefined (git builds). */
  major?: number;
  filters: ReadonlySet<string>;
  encoders: ReadonlySet<string>;
  /** `-fps_mode` exists from ffmpeg 5.1; older builds only know `-vsync`. */
  fpsModeOption: '-fps_mode' | '-vsync';
}

const cache = new Map<string, Promise<EngineCapabilities>>();

/** Detects (once per binary per process) the filters, encoders and version of an ffmpeg. */
export function detectCapabilities(ffmpeg: string): Promise<EngineCapabilities> {
  let pending = cache.get(ffmpeg);
  if (!pending) {
    pending = detect(ffmpeg);
    cache.set(ffmpeg, pending);
    pending.catch(() => cache.delete(ffmpeg));
  }
  return pending;
}

async function detect(ffmpeg: string): Promise<EngineCapabilities> {
  const run = async (flag: string) => {
    try {
      const { stdout } = await runProcess(ffmpeg, ['-hide_banner', flag], { timeoutMs: 30_000 });
      return stdout;
    } catch (error) {
      throw new PromoError('ENGINE_MISSING', `${ffmpeg} ${flag} failed: ${(error as Error).message}`, {
        hint: 'check that `ffmpeg:` in config.yaml points at a working ffmpeg 4.1 or later',
        cause: error,
      });
    }
  };
  const [versionText, filtersText, encodersText] = await Promise.all([run('-version'), run('-filters'), run('-encoders')]);
  const version = /ffmpeg version (\S+)/.exec(versionText)?.[1] ?? 'unknown';
  const numeric = /^n?(\d+)\.(\d+)/i.exec(version);
  const major = numeric ? Number(numeric[1]) : undefined;
  const minor = numeric ? Number(numeric[2]) : 0;
  const filters = listNames(filtersText, /^\s*[TSC.]{3}\s+(\S+)\s+\S+->\S+/);
  const encoders = listNames(encodersText, /^\s*[VASFXBD.]{6}\s+(\S+)\s/);
  for (const required of ['libx264', 'aac']) {
    if (!encoders.has(required)) {
      throw new PromoError('ENGINE_MISSING', `${ffmpeg} has no ${required} encoder`, {
        hint: 'use an ffmpeg built with libx264 (the bundled one, or Debian\'s `ffmpeg` package)',
      });
    }
  }
  const modern = major !== undefined && (major > 5 || (major === 5 && minor >= 1));
  return { version, major, filters, encoders, fpsModeOption: modern ? '-fps_mode' : '-vsync' };
}

function listNames(text: string, pattern: RegExp): Set<string> {
  const names = new Set<string>();
  for (const line of text.split('\n')) {
    const match = pattern.exec(line);
    if (match?.[1]) names.add(match[1]);
  }
  return names;
}
