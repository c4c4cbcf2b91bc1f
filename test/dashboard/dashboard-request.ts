// Test helper: one HTTP request to a dashboard with any headers (a forged Host, an Origin), as a
// browser or an attacker's page would send it; fetch() cannot set Host.
import http from 'node:http';

export interface DashboardAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
}

/** Sends one request to `url` (Host defaults to the URL's) and reads the whole answer. */
export function dashboardRequest(url: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<DashboardAnswer> {
  const target = new URL(url);
  return new Promise((resolve, reject) => {
    const req = http.request({
      host: target.hostname.replace(/^\[|\]$/g, ''), port: target.port, path: `${target.pathname}${target.search}`,
      method: options.method ?? 'GET',
      headers: { host: target.host, ...options.headers, ...(options.body === undefined ? {} : { 'content-type': 'application/x-www-form-urlencoded', 'content-length': String(Buffer.byteLength(options.body)) }) },
    }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

/** Reads SSE frames from `url` until `until` accepts one; resolves with the frames read. */
export function readEvents(url: string, until: (frame: { event: string; data: string }) => boolean, headers: Record<string, string> = {}): Promise<{ event: string; data: string }[]> {
  const target = new URL(url);
  return new Promise((resolve, reject) => {
    const frames: { event: string; data: string }[] = [];
    const req = http.get({ host: target.hostname, port: target.port, path: target.pathname, headers: { host: target.host, ...headers } }, (res) => {
      let buffer = '';
      if (res.statusCode !== 200) reject(new Error(`GET ${url}: ${res.statusCode}`));
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (event === undefined || data === undefined) continue;
          frames.push({ event, data });
          if (until({ event, data })) {
            req.destroy();
            resolve(frames);
          }
        }
      });
    });
    req.on('error', (error) => {
      if (!req.destroyed) reject(error);
    });
  });
}
