// Names the process that holds a job, a post being sent or the daemon lock, in a way that stays
// true after a restart: `host:pid:boot:start`. A pid alone is not enough: a restarted container
// often gets the same pid (even our own), and a pid is reused after a reboot. The boot id and the
// process's start time (both from /proc on Linux) tell a live holder from an earlier one.
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { parseOwner } from './parse-owner.ts';

let own: string | undefined;

/** This process as a holder: `host:pid:boot:start` (`host:pid` where /proc is not there). */
export function processOwner(): string {
  own ??= ownerOf(process.pid) ?? `${hostname()}:${process.pid}`;
  return own;
}

/**
 * Whether the holder named by `owner` still runs. Holders of this kernel are checked exactly (pid,
 * boot and start time); one from another boot is gone; one from another host of the same boot
 * (a second container sharing the state folder) cannot be checked here and counts as alive.
 */
export function isOwnerAlive(owner: string | null | undefined): boolean {
  if (!owner) return false;
  if (owner === processOwner()) return true;
  const { host, pid, boot, start } = parseOwner(owner);
  if (boot !== undefined && start !== undefined) {
    const ownBoot = bootId();
    if (ownBoot !== undefined && boot !== ownBoot) return false;
    if (host !== hostname()) return true;
    return ownerOf(pid) === owner;
  }
  // The older `host:pid` form.
  if (host !== hostname()) return true;
  // Our own pid under another name is an earlier process (a restarted container reuses pids).
  if (pid === process.pid) return false;
  return pidExists(pid);
}

// Signal 0 probes without touching the process; EPERM: it exists but belongs to someone else.
function pidExists(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The owner string of process `pid` of this machine as it runs now, if it runs. */
function ownerOf(pid: number): string | undefined {
  const boot = bootId();
  const start = startTicks(pid);
  if (boot === undefined || start === undefined) return undefined;
  return `${hostname()}:${pid}:${boot}:${start}`;
}

let boot: string | null | undefined;

function bootId(): string | undefined {
  if (boot === undefined) {
    try {
      boot = readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim().replaceAll(':', '') || null;
    } catch {
      boot = null;
    }
  }
  return boot ?? undefined;
}

// Field 22 of /proc/<pid>/stat: clock ticks from boot to the process's start. The command name
// (field 2) may hold spaces and parentheses, so count from the last ')'.
function startTicks(pid: number): string | undefined {
  if (!Number.isInteger(pid) || pid <= 0) return undefined;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = fields[19];
    return ticks !== undefined && /^\d+$/.test(ticks) ? ticks : undefined;
  } catch {
    return undefined;
  }
}
