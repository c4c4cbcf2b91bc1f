// Names in an inbox that are not (yet) footage: hidden files, files still being downloaded or
// copied under a temporary name, and the litter operating systems leave in shared folders.

const TEMPORARY_SUFFIXES = ['.part', '.partial', '.tmp', '.temp', '.crdownload', '.download', '.!qb', '.swp', '.filepart', '.opdownload'];
const SYSTEM_FILES = new Set(['thumbs.db', 'desktop.ini', '.ds_store']);

/** Whether a file name in an inbox is left alone. */
export function isIgnoredName(name: string): boolean {
  const lower = name.toLowerCase();
  if (lower.startsWith('.') || lower.startsWith('~$') || lower.startsWith('~')) return true;
  if (SYSTEM_FILES.has(lower)) return true;
  return TEMPORARY_SUFFIXES.some((suffix) => lower.endsWith(suffix));
}
