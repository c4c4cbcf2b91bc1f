// Inflates a ZIP (a TikTok or YouTube export, or the container of an XLSX) in memory, counting
// every inflated byte as it comes: the sizes a ZIP's headers declare can lie, so a ZIP bomb is
// stopped when its output passes the limit, not trusted from its directory.
import { Unzip, UnzipInflate } from 'fflate';

export interface ZipLimits {
  /** Largest inflated entry, bytes. */
  maxEntryBytes: number;
  /** Largest inflated total, bytes. */
  maxTotalBytes: number;
  /** Most entries. */
  maxEntries: number;
}

export const ZIP_LIMITS: ZipLimits = { maxEntryBytes: 256 * 1024 * 1024, maxTotalBytes: 512 * 1024 * 1024, maxEntries: 10_000 };

/** Thrown when a ZIP is unreadable or passes a limit; the message says which. */
export class ZipLimitError extends Error {}

/** The inflated entries of `bytes` (directories left out) that `accept` wants (default: all). */
export function readZipEntries(bytes: Uint8Array, limits: ZipLimits = ZIP_LIMITS, accept: (name: string) => boolean = () => true): Map<string, Uint8Array> {
  const entries = new Map<string, Uint8Array>();
  let total = 0;
  let count = 0;
  let failure: Error | undefined;
  const unzip = new Unzip((file) => {
    if (failure) return;
    if (++count > limits.maxEntries) {
      failure = new ZipLimitError(`has more than ${limits.maxEntries} entries`);
      return;
    }
    if (file.name.endsWith('/') || !accept(file.name)) return;
    const chunks: Uint8Array[] = [];
    let size = 0;
    file.ondata = (error, data, final) => {
      if (failure) return;
      if (error) {
        failure = new ZipLimitError(`entry ${file.name} cannot be inflated: ${error.message}`);
        return;
      }
      size += data.length;
      total += data.length;
      if (size > limits.maxEntryBytes || total > limits.maxTotalBytes) {
        const limit = size > limits.maxEntryBytes ? `${limits.maxEntryBytes / 1024 / 1024} MB for one entry` : `${limits.maxTotalBytes / 1024 / 1024} MB in all`;
        failure = new ZipLimitError(`inflates past ${limit} (entry ${file.name}); this is not a platform export (a ZIP bomb?)`);
        file.terminate();
        return;
      }
      chunks.push(data);
      if (final) entries.set(file.name, concat(chunks, size));
    };
    try {
      file.start();
    } catch (error) {
      failure = new ZipLimitError(`entry ${file.name} uses a compression promo cannot read (${(error as Error).message})`);
    }
  });
  unzip.register(UnzipInflate);
  const step = 1 << 16;
  try {
    for (let at = 0; at < bytes.length && !failure; at += step) unzip.push(bytes.subarray(at, at + step), at + step >= bytes.length);
  } catch (error) {
    failure ??= new ZipLimitError(`is not a readable ZIP: ${(error as Error).message}`);
  }
  if (failure) throw failure;
  return entries;
}

function concat(chunks: Uint8Array[], size: number): Uint8Array {
  if (chunks.length === 1) return chunks[0]!;
  const out = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}
