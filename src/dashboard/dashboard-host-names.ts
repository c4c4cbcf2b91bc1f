// The Host header values a dashboard answers to: anything else is refused, so a page on another
// site whose name was rebound to this address (DNS rebinding) cannot read it.
import { networkInterfaces, hostname } from 'node:os';
import { isIP } from 'node:net';

/** `name:port` values (lower case) for a server bound to `host`, plus `extra` (a public URL's host). */
export function dashboardHostNames(host: string, port: number, extra: readonly string[] = []): string[] {
  const withPort = (name: string) => `${isIP(name) === 6 ? `[${name}]` : name}:${port}`.toLowerCase();
  const names = ['localhost', '127.0.0.1', '::1'];
  if (host === '0.0.0.0' || host === '::') {
    // Bound to every interface: reached by any of this machine's addresses or its name.
    names.push(hostname(), ...Object.values(networkInterfaces()).flatMap((list) => (list ?? []).map((i) => i.address)));
  } else names.push(host);
  return [...new Set([...extra.map((e) => e.toLowerCase()), ...names.map(withPort)])];
}
