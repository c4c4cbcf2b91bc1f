// Shows a program and its argument array as one POSIX shell line a person can paste: the form
// --dry-run prints and process errors quote. Display only; promo never runs commands through a shell.

/** `binary` and `args` as a shell line, each word single-quoted when it holds anything unusual. */
export function shellCommand(binary: string, args: readonly string[]): string {
  return [binary, ...args].map(quote).join(' ');
}

function quote(arg: string): string {
  return /^[A-Za-z0-9_\-+=/.,:@%]+$/.test(arg) ? arg : `'${arg.replace(/'/g, "'\\''")}'`;
}
