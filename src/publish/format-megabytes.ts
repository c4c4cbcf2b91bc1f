// File sizes as the channels' notes and send details show them.

/** `12.3 MB`: sizes as people read them in notes and details. */
export function formatMegabytes(bytes: number): string {
  return `${(bytes / 1_000_000).toFixed(1)} MB`;
}
