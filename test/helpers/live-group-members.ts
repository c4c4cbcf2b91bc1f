// The processes still alive in a process group, read straight from /proc (Linux).
import { readdir, readFile } from 'node:fs/promises';

/** Pids of processes in group `pgid` that have not exited (zombies waiting to be reaped are gone). */
export async function liveGroupMembers(pgid: number): Promise<number[]> {
  const found: number[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '');
    // "pid (comm) state ppid pgrp ...": comm may hold spaces and parentheses.
    const [state, , pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (state !== undefined && state !== 'Z' && Number(pgrp) === pgid) found.push(Number(entry));
  }
  return found;
}
