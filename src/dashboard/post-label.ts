// A post's place before its stream, as the team says it: T-24h, T-3h, T-15m (T+5m after the start).

/** The offset of `due` from the stream's start `occurrence`, e.g. "T-3h" or "T-1h30m". */
export function postLabel(due: Date, occurrence: Date): string {
  const minutes = Math.round((occurrence.getTime() - due.getTime()) / 60_000);
  const sign = minutes >= 0 ? '-' : '+';
  const total = Math.abs(minutes);
  const hours = Math.floor(total / 60);
  const rest = total % 60;
  return `T${sign}${hours > 0 ? `${hours}h` : ''}${rest > 0 || hours === 0 ? `${rest}m` : ''}`;
}
