import { availableParallelism } from 'node:os';
import { beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.ts';
import { PromoError } from '../../src/util/promo-error.ts';
import { makeTempFolder, yamlLines, type TempFolder } from '../promo-spec/temp-folder.ts';

let temp: TempFolder;
beforeEach(async () => {
  temp = await makeTempFolder('promo-config-');
});

async function configError(run: Promise<unknown>): Promise<PromoError> {
  try {
    await run;
  } catch (error) {
    if (error instanceof PromoError) return error;
    throw error;
  }
  throw new Error('expected loadConfig to fail');
}

describe('loadConfig', () => {
  it('uses the defaults, relative to cwd, when there is no config file', async () => {
    const config = await loadConfig(undefined, { cwd: temp.dir });
    expect(config).toEqual({
      file: undefined,
      dir: temp.dir,
      out: `${temp.dir}/out`,
      state: `${temp.dir}/.promo/state.db`,
      timezone: 'Asia/Shanghai',
      engine: { ffmpeg: undefined, ffprobe: undefined },
      render: { concurrency: Math.max(1, Math.floor(availableParallelism() / 2)), timeoutScale: 1 },
      // 5 GiB and 30 days.
      cache: { maxSize: 5 * 1024 ** 3, maxAge: 30 * 86400 },
      watch: [],
      queue: { backend: 'local' },
      channels: {},
      posts: { grace: 900, horizon: 14 * 86400, timeout: 30 },
    });
  });

  it('reads cache limits in binary and decimal units, and 0 or off as no limit', async () => {
    await temp.write('config.yaml', yamlLines('cache: { maxSize: 500MB, maxAge: 12h }'));
    expect((await loadConfig(undefined, { cwd: temp.dir })).cache).toEqual({ maxSize: 500_000_000, maxAge: 43_200 });
    await temp.write('config.yaml', yamlLines('cache: { maxSize: 1.5G, maxAge: off }'));
    expect((await loadConfig(undefined, { cwd: temp.dir })).cache).toEqual({ maxSize: 1.5 * 1024 ** 3 });
    await temp.write('config.yaml', yamlLines('cache: { maxSize: 0, maxAge: 0 }'));
    expect((await loadConfig(undefined, { cwd: temp.dir })).cache).toEqual({});
    await temp.write('config.yaml', yamlLines('cache: { maxSize: -1 }'));
    expect((await configError(loadConfig(undefined, { cwd: temp.dir }))).message).toMatch(/config\.yaml:1:19 cache\.maxSize: -1 is not a size/);
  });

  it('reads ./config.yaml from cwd when no file is named', async () => {
    await temp.write('config.yaml', yamlLines('out: videos', 'render: { concurrency: 3 }'));
    const config = await loadConfig(undefined, { cwd: temp.dir });
    expect(config.file).toBe(`${temp.dir}/config.yaml`);
    expect(config.out).toBe(`${temp.dir}/videos`);
    expect(config.render).toEqual({ concurrency: 3, timeoutScale: 1 });
  });

  it('resolves paths relative to the config file, not cwd', async () => {
    await temp.write('etc/promo.yaml', yamlLines(
      'state: db/state.db',
      'out: ../renders',
      'timezone: america/new_york',
      'ffmpeg: bin/ffmpeg',
      'ffprobe: /opt/ff/ffprobe',
      'render:',
      '  concurrency: 2',
      '  timeoutScale: 2.5',
    ));
    const config = await loadConfig('etc/promo.yaml', { cwd: temp.dir });
    expect(config).toMatchObject({
      file: `${temp.dir}/etc/promo.yaml`,
      dir: `${temp.dir}/etc`,
      state: `${temp.dir}/etc/db/state.db`,
      out: `${temp.dir}/renders`,
      timezone: 'America/New_York',
      engine: { ffmpeg: `${temp.dir}/etc/bin/ffmpeg`, ffprobe: '/opt/ff/ffprobe' },
      render: { concurrency: 2, timeoutScale: 2.5 },
    });
  });

  it('resolves watched inboxes, channels and posts settings', async () => {
    await temp.write('config.yaml', yamlLines('watch:', '  - { inbox: in, spec: s.yaml, settle: 3 }', '  - { inbox: in2, spec: s.yaml, settle: 500ms, giveUp: 2m, poll: true }',
      'channels:', '  partner: { type: webhook, url: "${HOOK_URL}", secret: "${HOOK_SECRET}" }', '  outbox: { type: folder, dir: out/outbox }', 'posts: { grace: 10m }'));
    const config = await loadConfig(undefined, { cwd: temp.dir });
    expect(config.watch).toEqual([
      { inbox: `${temp.dir}/in`, spec: `${temp.dir}/s.yaml`, settle: 3, giveUp: 1800, poll: false },
      { inbox: `${temp.dir}/in2`, spec: `${temp.dir}/s.yaml`, settle: 0.5, giveUp: 120, poll: true },
    ]);
    expect(config.channels).toEqual({
      partner: { name: 'partner', type: 'webhook', url: '${HOOK_URL}', secret: '${HOOK_SECRET}', video: true },
      outbox: { name: 'outbox', type: 'folder', dir: `${temp.dir}/out/outbox`, video: true },
    });
    expect(config.posts).toEqual({ grace: 600, horizon: 14 * 86400, timeout: 30 });
  });

  it('refuses secrets written into the config instead of ${ENV} references', async () => {
    await temp.write('config.yaml', yamlLines('channels:', '  fans: { type: wecom, url: "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=SEKRET" }', '  tg: { type: telegram, token: "123:abc", chat: "@shop" }', '  x: { type: carrier-pigeon }'));
    const error = await configError(loadConfig(undefined, { cwd: temp.dir }));
    expect(error.message).toMatch(/config\.yaml:2:\d+ channels\.fans\.url: WeCom webhook url must not be written in the config \(it is a secret\)/);
    expect(error.message).toMatch(/config\.yaml:3:\d+ channels\.tg\.token: Telegram bot token must not be written/);
    expect(error.message).toMatch(/config\.yaml:4:\d+ channels\.x/);
    // The message never repeats the secret.
    expect(error.message).not.toContain('SEKRET');
    expect(error.message).not.toContain('123:abc');
  });

  it('refuses watch entries that overlap each other or the output folder, and bad durations', async () => {
    await temp.write('config.yaml', yamlLines('out: videos', 'watch:', '  - { inbox: videos/in, spec: s.yaml }', '  - { inbox: drop, spec: s.yaml, settle: soon }', '  - { inbox: drop/sub, spec: s.yaml }'));
    const error = await configError(loadConfig(undefined, { cwd: temp.dir }));
    expect(error.message).toMatch(/config\.yaml:4:\d+ watch\[1\]\.settle: "soon" is not a duration/);
    await temp.write('config.yaml', yamlLines('out: videos', 'watch:', '  - { inbox: videos/in, spec: s.yaml }', '  - { inbox: drop, spec: s.yaml }', '  - { inbox: drop/sub, spec: s.yaml }'));
    const overlap = await configError(loadConfig(undefined, { cwd: temp.dir }));
    expect(overlap.message).toMatch(/config\.yaml:3:\d+ watch\[0\]\.inbox: .*overlap; keep inboxes outside `out`/);
    expect(overlap.message).toMatch(/config\.yaml:5:\d+ watch\[2\]\.inbox: overlaps watch\[1\]\.inbox/);
  });

  it('reads the job runner from `queue`, and says where a wrong one is written', async () => {
    await temp.write('config.yaml', yamlLines('out: videos', 'queue:', '  backend: bullmq', '  redis: redis://localhost:6379/0', '  prefix: brand-a'));
    const config = await loadConfig(undefined, { cwd: temp.dir });
    expect(config.queue).toEqual({ backend: 'bullmq', redis: 'redis://localhost:6379/0', prefix: 'brand-a', at: { file: `${temp.dir}/config.yaml`, line: 3, col: 12 } });
    await temp.write('config.yaml', yamlLines('queue:', '  backend: redis', '  redis: localhost:6379'));
    const error = await configError(loadConfig(undefined, { cwd: temp.dir }));
    expect(error.message).toMatch(/config\.yaml:2:12 queue\.backend: .*one of local, bullmq/);
    expect(error.message).toMatch(/config\.yaml:3:10 queue\.redis: .*redis:\/\/localhost:6379\/0/);
  });

  it('accepts an empty config file', async () => {
    await temp.write('config.yaml', '# nothing yet\n');
    expect((await loadConfig(undefined, { cwd: temp.dir })).timezone).toBe('Asia/Shanghai');
  });

  it('refuses a named config file that does not exist', async () => {
    const error = await configError(loadConfig('missing.yaml', { cwd: temp.dir }));
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.message).toBe(`config file ${temp.dir}/missing.yaml does not exist`);
  });

  it('lists every problem with file:line:col', async () => {
    await temp.write('config.yaml', yamlLines(
      'state: .promo/state.db', //     1
      'outt: out', //                  2 unknown key
      'timezone: Mars/Base', //        3 not a zone
      'ffmpeg: http://x/ffmpeg', //    4 URL
      'render:', //                    5
      '  concurrency: 0', //           6 range
      '  timeoutScale: fast', //       7 type
      '  parallel: 2', //              8 unknown key
      'state: again', //               9 duplicate
    ));
    const error = await configError(loadConfig(undefined, { cwd: temp.dir }));
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.message.split('\n')).toEqual([
      'the config has 7 problems:',
      '  config.yaml:2:1 outt: unknown field `outt` (did you mean `out`?); rename it — allowed here: state, out, timezone, ffmpeg, ffprobe, render, cache, watch, queue, channels, posts, insights, dashboard',
      '  config.yaml:3:11 timezone: "Mars/Base" is not an IANA time zone; use a name like Asia/Shanghai, America/New_York or UTC',
      '  config.yaml:4:9 ffmpeg: "http://x/ffmpeg" is a URL or ffmpeg protocol; the ffmpeg binary must be a local file — download it and give its path (a local name containing a colon can be written as ./name)',
      '  config.yaml:6:16 render.concurrency: 0 is out of range; use a whole number from 1 to 64',
      '  config.yaml:7:17 render.timeoutScale: expected a number from 0.1 to 100, received "fast"',
      '  config.yaml:8:3 render.parallel: unknown field `parallel`; remove it or fix its spelling — allowed here: concurrency, timeoutScale',
      '  config.yaml:9:1 state: duplicate key `state` (first at line 1): only one value can be kept; remove or rename one of them',
    ]);
  });

  it('refuses hostile YAML as the spec loader does', async () => {
    await temp.write('big.yaml', Buffer.alloc(1024 * 1024 + 1, '#'));
    expect((await configError(loadConfig('big.yaml', { cwd: temp.dir }))).message).toMatch(/^the config has 1 problem:\n {2}big\.yaml:1:1 the config file is 1\.0 MiB .* over the 1 MiB \(1048576 bytes\) limit/);
    await temp.write('proto.yaml', yamlLines('render:', '  __proto__: { concurrency: 99 }'));
    expect((await configError(loadConfig('proto.yaml', { cwd: temp.dir }))).message).toContain('proto.yaml:2:3 render.__proto__: the key `__proto__` is not allowed');
    await temp.write('old.yaml', yamlLines('%YAML 1.1', '---', 'out: out'));
    expect((await configError(loadConfig('old.yaml', { cwd: temp.dir }))).message).toContain('old.yaml:1:1 the directive `%YAML 1.1` is not supported');
  });

  it('loads the repository default config.yaml', async () => {
    const repo = new URL('../..', import.meta.url).pathname.replace(/\/$/, '');
    const config = await loadConfig(undefined, { cwd: repo });
    expect(config).toMatchObject({
      file: `${repo}/config.yaml`,
      out: `${repo}/out`,
      state: `${repo}/.promo/state.db`,
      timezone: 'Asia/Shanghai',
      engine: { ffmpeg: undefined, ffprobe: undefined },
      render: { concurrency: 1, timeoutScale: 1 },
      channels: {},
      posts: { grace: 900, horizon: 14 * 86400, timeout: 30 },
    });
  });
});
