// The dashboard's one SSE stream (`GET /events`): every open page gets every event, as
// `event: <name>` with JSON data. A page that connects (or reconnects) first gets the last event
// of each name, so it never waits for the next change to be current. Events carry data that pages
// show anyway, never a secret. A comment line every 15 s keeps proxies from closing the stream.
import type { ServerResponse } from 'node:http';

const KEEPALIVE_MS = 15_000;

export class EventHub {
  private readonly clients = new Set<ServerResponse>();
  private readonly last = new Map<string, string>();
  private nextId = 1;
  private readonly keepalive: NodeJS.Timeout;

  constructor() {
    this.keepalive = setInterval(() => {
      for (const res of this.clients) res.write(': keepalive\n\n');
    }, KEEPALIVE_MS);
    this.keepalive.unref();
  }

  /** Sends `data` (JSON-able, no secrets) as event `name` to every open page. */
  publish(name: string, data: unknown): void {
    if (!/^[a-z][a-z0-9.-]*$/.test(name)) throw new Error(`SSE event name ${JSON.stringify(name)}: lower case letters, digits, '.' and '-'`);
    const frame = `id: ${this.nextId++}\nevent: ${name}\ndata: ${JSON.stringify(data)}\n\n`;
    this.last.set(name, frame);
    for (const res of this.clients) res.write(frame);
  }

  /** Makes `res` an event stream until the client goes away. */
  attach(res: ServerResponse): void {
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive' });
    // How long EventSource waits before reconnecting after the stream ends.
    res.write('retry: 1000\n\n');
    for (const frame of this.last.values()) res.write(frame);
    this.clients.add(res);
    res.on('close', () => this.clients.delete(res));
  }

  /** Ends every stream (the dashboard is closing). */
  close(): void {
    clearInterval(this.keepalive);
    for (const res of this.clients) res.end();
    this.clients.clear();
  }
}
