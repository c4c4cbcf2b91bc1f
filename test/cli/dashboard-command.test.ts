// `promo dashboard` and `promo daemon` with `dashboard:` as real processes: they print where the
// dashboard is and serve it until SIGTERM; off 127.0.0.1 the printed link logs in once; a port in
// use or a bad option is exit 2 saying what to change. `promo posts mark-posted` records an outbox
// post as posted and refuses a pending one.
import type { ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { writeFile } from 'node:fs/promises';
import { makeDashboardProject } from '../dashboard/dashboard-project.ts';
import { dashboardRequest } from '../dashboard/dashboard-request.ts';
import { runCli, type CliResult } from '../helpers/spec-dir.ts';
import { waitFor } from '../helpers/wait-for.ts';

/** Starts `promo …args`, waits until its stdout matches `pattern`, returns the match and the running process. */
async function startPromo(cwd: string, args: string[], pattern: RegExp, env: NodeJS.ProcessEnv = {}) {
  let child: ChildProcess | undefined;
  let stdout = '';
  const done: Promise<CliResult> = runCli(args, { cwd, env, onSpawn: (c) => { child = c; c.stdout!.on('data', (d: Buffer) => { stdout += d.toString(); }); } });
  let result: CliResult | undefined;
  void done.then((r) => { result = r; });
  await waitFor(() => pattern.test(stdout) || result !== undefined, () => `promo ${args.join(' ')} to print ${pattern} (stdout: ${stdout})`);
  if (result) throw new Error(`promo ${args.join(' ')} ended (${result.code}): ${result.stderr}`);
  return { match: pattern.exec(stdout)!, child: child!, done, stdout: () => stdout };
}

describe('promo dashboard', () => {
  it('prints its URL, serves the Now page and stops on SIGTERM', async () => {
    const project = await makeDashboardProject({ start: '2026-12-01 20:00', scheduleNow: '2026-11-25T00:00:00Z' });
    const run = await startPromo(project.dir, ['dashboard', '--port', '0', '--config', project.config], /^dashboard: (http:\/\/127\.0\.0\.1:\d+\/)$/m);
    const page = await dashboardRequest(`${run.match[1]}now`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('id="now-streams"');
    run.child.kill('SIGTERM');
    expect((await run.done).code).toBe(0);
  });

  it('off 127.0.0.1 prints a one-time login link, and the next one after it is used', async () => {
    const project = await makeDashboardProject({ start: '2026-12-01 20:00', scheduleNow: '2026-11-25T00:00:00Z' });
    const run = await startPromo(project.dir, ['dashboard', '--host', '127.0.0.2', '--port', '0', '--config', project.config], /open (http:\/\/127\.0\.0\.2:\d+\/\?token=[\w-]+) \(it works once/);
    const url = run.match[1]!;
    expect((await dashboardRequest(new URL('/now', url).href)).status).toBe(401);
    const login = await dashboardRequest(url);
    expect(login.status).toBe(200);
    await waitFor(() => /the next person opens http:\/\/127\.0\.0\.2:\d+\/\?token=/.test(run.stdout()), 'the next login link');
    expect((await dashboardRequest(new URL('/now', url).href, { headers: { cookie: String(login.headers['set-cookie']).split(';')[0]! } })).status).toBe(200);
    run.child.kill('SIGTERM');
    expect((await run.done).code).toBe(0);
  });

  it('is exit 2 for a port in use or a bad option, saying what to change', async () => {
    const project = await makeDashboardProject({ start: '2026-12-01 20:00', scheduleNow: '2026-11-25T00:00:00Z' });
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const port = (taken.address() as { port: number }).port;
    try {
      const busy = await project.promo('dashboard', '--port', String(port));
      expect(busy.code).toBe(2);
      expect(busy.stderr).toContain(`the dashboard cannot listen on 127.0.0.1:${port} (EADDRINUSE)`);
      expect(busy.stderr).toContain('pick another with --port or dashboard.port');
    } finally {
      taken.close();
    }
    const bad = await project.promo('dashboard', '--port', 'x');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--port x: expected a whole number from 0 to 65535');
    expect((await project.promo('dashboard', '--lang', 'fr')).stderr).toContain('--lang fr: expected zh or en');
  });
});

describe('promo daemon with dashboard: in config.yaml', () => {
  it('serves the dashboard while it publishes', async () => {
    const project = await makeDashboardProject({ start: '2026-12-01 20:00', scheduleNow: '2026-11-25T00:00:00Z' });
    await writeFile(project.config, stringify({
      out: 'out', state: '.promo/state.db', timezone: 'Asia/Shanghai',
      channels: { outbox: { type: 'folder', dir: 'out/outbox' }, hook: { type: 'webhook', url: '${HOOK_URL}', secret: '${HOOK_SECRET}' } },
      dashboard: { port: 0, lang: 'zh' },
    }));
    const run = await startPromo(project.dir, ['daemon', '--config', project.config], /^dashboard: (http:\/\/127\.0\.0\.1:\d+\/)$/m, project.env);
    const url = run.match[1]!;
    await waitFor(async () => (await dashboardRequest(`${url}parts/daemon-banner`)).text.includes('data-daemon-state="running"'), 'the dashboard to see its daemon running');
    expect((await dashboardRequest(`${url}now`)).text).toContain('现在：即将开始的直播');
    run.child.kill('SIGTERM');
    expect((await run.done).code).toBe(0);
  });

  it('refuses a dashboard: section with a bad port, naming config.yaml', async () => {
    const project = await makeDashboardProject({ start: '2026-12-01 20:00', scheduleNow: '2026-11-25T00:00:00Z' });
    await writeFile(project.config, stringify({ out: 'out', state: '.promo/state.db', dashboard: { port: 70000, lang: 'fr' } }));
    const result = await project.promo('daemon');
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/config\.yaml:\d+:\d+ dashboard\.port/);
    expect(result.stderr).toMatch(/config\.yaml:\d+:\d+ dashboard\.lang/);
  });
});

describe('promo posts mark-posted', () => {
  it('marks an outbox post as posted, once, and refuses a pending post', async () => {
    const project = await makeDashboardProject({ start: '2026-12-01 20:00', scheduleNow: '2026-11-25T00:00:00Z' });
    expect((await project.promo('daemon', '--once', '--now', '2026-11-30T12:00:30Z')).code).toBe(0);
    const marked = await project.promo('posts', 'mark-posted', '2', '--url', 'https://channels.weixin.qq.com/post/123');
    expect(marked.stderr).toBe('');
    expect(marked.stdout).toBe('post #2 → outbox: marked as posted (https://channels.weixin.qq.com/post/123)\n');
    const again = await project.promo('posts', 'mark-posted', '2');
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('post #2 is marked as posted already');
    const pending = await project.promo('posts', 'mark-posted', '3');
    expect(pending.code).toBe(2);
    expect(pending.stderr).toContain('post #3 is pending on hook; only unknown posts and posts sent to an outbox folder can be marked as posted');
    const list = JSON.parse((await project.promo('posts', '--json')).stdout) as { id: number; state: string; remoteUrl?: string; detail?: string }[];
    expect(list.find((p) => p.id === 2)).toMatchObject({ state: 'sent', remoteUrl: 'https://channels.weixin.qq.com/post/123', detail: expect.stringMatching(/^posted \(a person confirmed it at .*\); was: written to /) });
  });
});
