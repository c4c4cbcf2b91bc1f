// Finds the ffmpeg and ffprobe binaries promo will run: the configured ones, else the ones the
// npm packages ship. Makes sure they can actually be executed (npm may skip the packages'
// `chmod` install scripts) and says what to do when they cannot.
import { createRequire } from 'node:module';
import { access, chmod, constants, stat } from 'node:fs/promises';
import type { EngineConfig } from '../config/config-types.ts';
import { PromoError } from '../util/promo-error.ts';

export interface Engine {
  ffmpeg: string;
  ffprobe: string;
  /** Changes when either binary changes; part of every render cache key. */
  identity: string;
  /** Whether the binaries are the bundled npm ones. */
  bundled: boolean;
  /** What was fixed or noticed while resolving (e.g. a chmod), for the user to see once. */
  notices: string[];
}

const require = createRequire(import.meta.url);

/** Resolves and checks the engine binaries; throws PromoError('ENGINE_MISSING') with a fix. */
export async function resolveEngine(config: EngineConfig): Promise<Engine> {
  const notices: string[] = [];
  const ffmpeg = config.ffmpeg ?? bundledPath('@ffmpeg-installer/ffmpeg', 'ffmpeg');
  const ffprobe = config.ffprobe ?? bundledPath('@ffprobe-installer/ffprobe', 'ffprobe');
  await ensureExecutable(ffmpeg, 'ffmpeg', notices);
  await ensureExecutable(ffprobe, 'ffprobe', notices);
  const [a, b] = await Promise.all([stat(ffmpeg), stat(ffprobe)]);
  const identity = `${ffmpeg}:${a.size}:${a.mtimeMs}|${ffprobe}:${b.size}:${b.mtimeMs}`;
  return { ffmpeg, ffprobe, identity, bundled: !config.ffmpeg, notices };
}

function bundledPath(packageName: string, tool: string): string {
  try {
    return (require(packageName) as { path: string }).path;
  } catch (error) {
    throw new PromoError('ENGINE_MISSING', `the bundled ${tool} from ${packageName} could not be found`, {
      hint: `run \`npm install\` again, or set \`${tool}:\` in config.yaml to an ${tool} binary (version 4.1 or later)`,
      cause: error,
    });
  }
}

async function ensureExecutable(file: string, tool: string, notices: string[]): Promise<void> {
  try {
    await access(file, constants.X_OK);
    return;
  } catch {
    // fall through: missing, or present without the execute bit
  }
  try {
    await access(file, constants.R_OK);
  } catch (error) {
    throw new PromoError('ENGINE_MISSING', `${tool} not found at ${file}`, {
      hint: `install it or set \`${tool}:\` in config.yaml to a working binary`,
      cause: error,
    });
  }
  // The npm packages ship the binary as mode 644 and rely on an install script to chmod it,
  // which `npm install --ignore-scripts` (or npm's allowScripts policy) skips.
  try {
    const mode = (await stat(file)).mode;
    await chmod(file, mode | 0o111);
    await access(file, constants.X_OK);
    notices.push(`made ${file} executable (its package's install script did not run)`);
  } catch (error) {
    throw new PromoError('ENGINE_MISSING', `${tool} at ${file} is not executable and promo could not fix it`, {
      hint: `run \`chmod +x ${file}\` as its owner, or set \`${tool}:\` in config.yaml to a working binary`,
      cause: error,
    });
  }
}
