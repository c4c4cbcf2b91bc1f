// The one naming scheme for promo's temporary files and folders: `.promo-tmp-<owner>-<hex>-<name>`
// beside the final path, where <owner> is this process's identity (util/process-owner.ts, `:`
// written as `+`) and <name> the final base name, so a tool that reads the format from the
// extension (ffmpeg, sharp) sees the right one. The sweeper reads the owner back and removes
// only what a process that is gone left behind.
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { basename, dirname, extname, join } from 'node:path';
import { processOwner } from './process-owner.ts';

const PREFIX = '.promo-tmp-';
// host+pid, then +boot+start where /proc gives them; `+` is in no host name, boot id or number.
const CURRENT = /^\.promo-tmp-([^+/]+\+\d+(?:\+[0-9a-f-]+\+\d+)?)-[0-9a-f]{8}-./;
// Before owners were written into the name: `.promo-tmp-<pid>-<hex>-<name>`.
const LEGACY = /^\.promo-tmp-(\d+)-[0-9a-f]{8}-./;
const MAX_NAME_BYTES = 255;

/** A fresh temporary path beside `final`, in the one scheme the stale-temp sweeper knows. */
export function tempPathFor(final: string): string {
  const head = `${PREFIX}${processOwner().replaceAll(':', '+')}-${randomBytes(4).toString('hex')}-`;
  let name = basename(final);
  // Long product names must not push the temp name past the file system's limit: keep the extension.
  const room = MAX_NAME_BYTES - Buffer.byteLength(head);
  if (Buffer.byteLength(name) > room) {
    const ext = extname(name).slice(0, 16);
    const stem = Array.from(name.slice(0, name.length - ext.length));
    while (stem.length > 1 && Buffer.byteLength(stem.join('') + ext) > room) stem.pop();
    name = stem.join('') + ext;
  }
  return join(dirname(final), head + name);
}

/** The owner (as processOwner names it) of the temp file or folder called `name`; undefined when it is not one. */
export function tempNameOwner(name: string): string | undefined {
  const current = CURRENT.exec(name);
  if (current) return current[1]!.replaceAll('+', ':');
  const legacy = LEGACY.exec(name);
  // The older names held only a pid, of this machine.
  return legacy ? `${hostname()}:${legacy[1]}` : undefined;
}
