// `promo presets`: the preset table, as text or JSON.
import { PRESETS } from '../presets/presets.ts';
import type { CliIo } from './cli-io.ts';
import { EXIT } from './exit-codes.ts';

/** Prints every built-in preset. */
export function presetsCommand(io: CliIo, options: { json?: boolean }): number {
  if (options.json) {
    io.stdout.write(`${JSON.stringify(PRESETS, null, 2)}\n`);
    return EXIT.ok;
  }
  const rows = [['name', 'frame', 'fps', 'duration', 'safe zone (top/bottom/left/right px)', 'platform']];
  for (const p of PRESETS) {
    const duration = p.maxDuration === undefined ? '-' : p.minDuration === undefined ? `≤ ${p.maxDuration} s` : `${p.minDuration}–${p.maxDuration} s`;
    rows.push([p.name, `${p.width}×${p.height}`, String(p.fps), duration, `${p.safe.top}/${p.safe.bottom}/${p.safe.left}/${p.safe.right}`, p.label]);
  }
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  for (const row of rows) io.stdout.write(`${row.map((cell, c) => cell.padEnd(widths[c]!)).join('  ').trimEnd()}\n`);
  return EXIT.ok;
}
