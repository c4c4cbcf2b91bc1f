// Reads the parts of a holder's name as util/process-owner.ts writes it (`host:pid:boot:start`,
// or the older `host:pid`), so no caller splits the format by hand.

export interface OwnerParts {
  host: string;
  pid: number;
  /** Absent in the older `host:pid` form (and where /proc is not there). */
  boot?: string;
  start?: string;
}

/** The host, pid, boot id and start time named by `owner`. */
export function parseOwner(owner: string): OwnerParts {
  const [host = '', pidText, boot, start] = owner.split(':');
  return { host, pid: Number(pidText), ...(boot !== undefined && start !== undefined ? { boot, start } : {}) };
}
