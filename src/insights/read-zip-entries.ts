// Inflates a ZIP (a TikTok or YouTube export, or the container of an XLSX) in memory, counting
// every inflated byte as it comes: the sizes a ZIP's headers declare can lie, so a ZIP bomb is
// stopped when its output passes the limit, not trusted from its directory. fflate walks the
// container; deflated entries are inflated by Node's zlib, which is several times faster than
// fflate's JavaScript inflate (most of an XLSX import's time otherwise) and stops at
// `maxOutputLength` itself.
import { inflateRawSync } from 'node:zlib';
import { Unzip } from 'fflate';

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
        failure = error instanceof ZipLimitError ? error : new ZipLimitError(`entry ${file.name} cannot be inflated: ${error.message}`);
        return;
      }
      size += data.length;
      total += data.length;
      if (size > limits.maxEntryBytes || total > limits.maxTotalBytes) {
        failure = tooLarge(file.name, size > limits.maxEntryBytes);
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
  const tooLarge = (name: string, entryLimit: boolean) => {
    const limit = entryLimit ? `${limits.maxEntryBytes / 1024 / 1024} MB for one entry` : `${limits.maxTotalBytes / 1024 / 1024} MB in all`;
    return new ZipLimitError(`inflates past ${limit} (entry ${name}); this is not a platform export (a ZIP bomb?)`);
  };
  // A deflate decoder for fflate's Unzip: the compressed bytes are gathered (at most the file's
  // size), then inflated at once with the room left under the limits as zlib's output cap.
  class NativeInflate {
    static compression = 8;
    ondata: (error: Error | null, data: Uint8Array | null, final: boolean) => void = () => {};
    private chunks: Uint8Array[] = [];
    private size = 0;
    private readonly name: string;
    private readonly declared: number;
    constructor(name: string, _compressed?: number, declared?: number) {
      this.name = name;
      this.declared = declared ?? 0;
    }
    push(chunk: Uint8Array, final: boolean) {
      if (chunk.length > 0) {
        this.chunks.push(chunk);
        this.size += chunk.length;
      }
      if (!final) return;
      const room = Math.min(limits.maxEntryBytes, limits.maxTotalBytes - total);
      let out: Uint8Array;
      try {
        // Output in one buffer of the size the header declares (when it is honest, nothing is
        // copied again); a header that lies only costs more chunks, or a copy below.
        const chunkSize = Math.min(Math.max(this.declared + 1, 64 * 1024), room + 1, 64 * 1024 * 1024);
        out = inflateRawSync(concat(this.chunks, this.size), { maxOutputLength: Math.max(1, room + 1), chunkSize });
        if (out.byteLength < out.buffer.byteLength / 2 && out.buffer.byteLength > 1024 * 1024) out = new Uint8Array(out);
      } catch (error) {
        const e = error as NodeJS.ErrnoException;
        this.ondata(e.code === 'ERR_BUFFER_TOO_LARGE' ? tooLarge(this.name, room === limits.maxEntryBytes) : e, null, true);
        return;
      }
      this.chunks = [];
      this.ondata(null, out, true);
    }
  }
  unzip.register(NativeInflate);
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
