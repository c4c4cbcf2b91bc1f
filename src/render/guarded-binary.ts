// ffmpeg must not outlive promo: after a kill -9 an orphaned ffmpeg would go on encoding into a
// file nobody will rename, using the CPU the next run needs. On Linux, util-linux's setpriv sets
// the child's parent-death signal, so the kernel SIGKILLs ffmpeg the moment promo dies. This
// returns a small wrapper that does that, or the binary itself where setpriv is missing.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdir, rename, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const SETPRIV = ['/usr/bin/setpriv', '/bin/setpriv'].find((path) => process.platform === 'linux' && existsSync(path));
const wrappers = new Map<string, Promise<string>>();

/** The path to run instead of `binary` so it dies with this process (the binary itself if that cannot be arranged). */
export function guardedBinary(binary: string): Promise<string> {
  if (!SETPRIV) return Promise.resolve(binary);
  let pending = wrappers.get(binary);
  if (!pending) {
    pending = writeWrapper(SETPRIV, binary).catch(() => binary);
    wrappers.set(binary, pending);
  }
  return pending;
}

async function writeWrapper(setpriv: string, binary: string): Promise<string> {
  const dir = join(tmpdir(), `promo-guard-${process.getuid?.() ?? 'user'}`);
  const name = `${createHash('sha256').update(binary).digest('hex').slice(0, 16)}.sh`;
  const file = join(dir, name);
  const quoted = `'${binary.replace(/'/g, "'\\''")}'`;
  const script = `#!/bin/sh\n# Runs ${binary.replace(/\n/g, ' ')} so that it is killed when its parent (promo) dies.\nexec ${setpriv} --pdeathsig KILL -- ${quoted} "$@"\n`;
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const temp = `${file}.${process.pid}.tmp`;
  await writeFile(temp, script, { mode: 0o700 });
  await chmod(temp, 0o700);
  await rename(temp, file);
  return file;
}
