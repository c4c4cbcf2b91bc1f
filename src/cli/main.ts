// promo's command line: parses arguments, calls one function per command, turns errors into
// messages and exit codes. Nothing here renders or validates by itself.
import { readFileSync } from 'node:fs';
import { Command, CommanderError, Option } from 'commander';
import { EXIT } from './exit-codes.ts';
import { parseList, parsePositiveInt, reportError, type CliIo } from './cli-io.ts';

const VERSION = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

/** Runs the CLI with `argv` (without node and script); resolves to the exit code. */
export async function main(argv: string[], io: CliIo = { stdout: process.stdout, stderr: process.stderr, verbose: false }): Promise<number> {
  io.verbose = argv.includes('--verbose');
  let exitCode: number = EXIT.ok;
  const program = new Command('promo')
    .description('Turn product footage into platform-ready short videos for live-commerce streams.')
    .version(VERSION, '-V, --version')
    .option('--verbose', 'show stack traces and ffmpeg output on errors')
    .showHelpAfterError('(run `promo --help` for usage)')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) });
  const configOption = () => new Option('-c, --config <file>', 'configuration file (default: ./config.yaml when present)');
  const run = (action: () => Promise<number> | number) => async () => {
    exitCode = await action();
  };

  program.command('render')
    .description('render every product of a spec into every output preset, plus covers and the reel')
    .argument('<spec>', 'the promo spec (YAML)')
    .addOption(configOption())
    .option('-o, --out <dir>', 'output folder (default: `out` from the configuration, else ./out)')
    .option('--only <skus>', 'only these products (comma-separated SKUs; `reel` for the reel)', parseList)
    .option('-p, --preset <names>', 'only these presets (comma-separated, from the spec\'s outputs)', parseList)
    .option('-n, --dry-run', 'print the plan and the ffmpeg commands without running them')
    .option('-f, --force', 'render again even when nothing changed')
    .option('-j, --concurrency <n>', 'ffmpeg jobs at once (default from the configuration)', parsePositiveInt('--concurrency'))
    .option('--json', 'print the result as JSON on stdout (no progress output)')
    // Commands are imported when used, so `promo --version` does not load sharp and ffmpeg glue.
    .action((spec: string, options) => run(async () => (await import('./render-command.ts')).renderCommand(io, spec, options))());

  program.command('validate')
    .description('check a spec and its media (footage, clip ranges, captions, logo, music) without rendering')
    .argument('<spec>', 'the promo spec (YAML)')
    .addOption(configOption())
    .option('--json', 'print the result as JSON')
    .action((spec: string, options) => run(async () => (await import('./validate-command.ts')).validateCommand(io, spec, options))());

  program.command('preview')
    .description('one PNG per product and preset: a frame with captions, badge and logo placed and the safe zones drawn')
    .argument('<spec>', 'the promo spec (YAML)')
    .addOption(configOption())
    .option('-o, --out <dir>', 'output folder (previews go to <out>/preview/)')
    .option('--only <skus>', 'only these products (comma-separated SKUs)', parseList)
    .option('-p, --preset <names>', 'only these presets (comma-separated)', parseList)
    .option('--json', 'print the result as JSON')
    .action((spec: string, options) => run(async () => (await import('./preview-command.ts')).previewCommand(io, spec, options))());

  program.command('suggest')
    .description('propose clips from raw footage (sharp, well lit, no dead air, cut in pauses) with the reasons; a contact sheet to check them')
    .argument('[footage...]', 'video files (with --write: only the products using these; default all)')
    .addOption(configOption())
    .option('-o, --out <dir>', 'output folder whose .promo/analysis caches the analyses (default: `out` from the configuration)')
    .option('-n, --count <n>', 'clips per file (default 3)', parsePositiveInt('--count', 20))
    .option('-l, --length <seconds>', 'seconds per clip (default 4)', Number)
    .option('--json', 'print per file { file, duration, scenes, defects, clips } as JSON')
    .option('--sheet <png>', 'write a contact sheet: thumbnails with time codes, proposed clips framed, rejected spans marked')
    .option('--write <spec>', "write the proposed clips into this spec's products (comments kept), for fine-tuning")
    .action((footage: string[], options) => run(async () => (await import('./suggest-command.ts')).suggestCommand(io, footage, options))());

  program.command('watch')
    .description('watch the inboxes in the configuration: files dropped there are rendered as their product')
    .addOption(configOption())
    .option('--once', 'handle the files present now, then exit')
    .action((options) => run(async () => (await import('./watch-command.ts')).watchCommand(io, options))());

  program.command('worker')
    .description('take render jobs from the BullMQ queue (queue.backend: bullmq) until Ctrl-C / SIGTERM')
    .addOption(configOption())
    .option('--concurrency <n>', 'jobs at once (default render.concurrency)', parsePositiveInt('--concurrency'))
    .option('--grace <seconds>', 'after the stop signal, how long running jobs may finish before they are handed back (default 30)', parsePositiveInt('--grace', 3600))
    .action((options) => run(async () => (await import('./worker-command.ts')).workerCommand(io, options))());

  program.command('jobs')
    .description('list the files the watched inboxes wait for, and their jobs (newest first)')
    .addOption(configOption())
    .option('--json', 'print them as JSON')
    .option('--limit <n>', 'how many (default 200)', parsePositiveInt('--limit', 100_000))
    .action((options) => run(async () => (await import('./jobs-command.ts')).jobsCommand(io, options))());

  program.command('schedule')
    .description('store the posts of a spec (rendering any video they need); running it again updates pending posts')
    .argument('<spec>', 'the promo spec (YAML)')
    .addOption(configOption())
    .option('--now <iso>', 'plan as of this time (recurring streams)')
    .action((spec: string, options) => run(async () => (await import('./posts-commands.ts')).scheduleCommand(io, spec, options))());

  // The subcommands hold every option, so `promo posts plan x --config y` reaches `plan`.
  const posts = program.command('posts').description('the scheduled posts: list (default), plan, retry, cancel, mark-posted');
  posts.command('list', { isDefault: true })
    .description('the scheduled posts with their state (reads only)')
    .addOption(configOption())
    .option('--json', 'print them as JSON')
    .option('--spec <file>', 'only the posts of this spec')
    .option('--state <states>', 'only posts in these states (comma-separated: pending, sending, sent, failed, missed, unknown, cancelled)', parseList)
    .option('--upcoming', 'only posts of streams that have not started')
    .option('--now <iso>', 'judge --upcoming as of this time')
    .action((options) => run(async () => (await import('./posts-commands.ts')).postsListCommand(io, options))());
  posts.command('plan')
    .description('the posts a spec would schedule, with local and UTC times, channels and final text; writes nothing')
    .argument('<spec>', 'the promo spec (YAML)')
    .addOption(configOption())
    .option('--json', 'print them as JSON')
    .option('--now <iso>', 'plan as of this time (recurring streams)')
    .action((spec: string, options) => run(async () => (await import('./posts-commands.ts')).postsPlanCommand(io, spec, options))());
  posts.command('retry')
    .description('send a failed, unknown or missed post again')
    .argument('<id>', 'post id (see promo posts)')
    .addOption(configOption())
    .option('--now <iso>', 'retry as of this time (its grace runs from then; for tests and catch-up)')
    .action((id: string, options) => run(async () => (await import('./posts-commands.ts')).postsRetryCommand(io, id, options))());
  posts.command('cancel')
    .description('cancel a post, or every unsent post of a spec')
    .argument('<id|spec>', 'post id, or a spec file')
    .addOption(configOption())
    .action((target: string, options) => run(async () => (await import('./posts-commands.ts')).postsCancelCommand(io, target, options))());
  posts.command('mark-posted')
    .description('record that a post is out: an unknown one you found on the channel, or an outbox one you posted by hand')
    .argument('<id>', 'post id (see promo posts)')
    .addOption(configOption())
    .option('--url <link>', "the post's address on the platform")
    .option('--now <iso>', 'as of this time (for tests)')
    .action((id: string, options) => run(async () => (await import('./posts-commands.ts')).postsMarkPostedCommand(io, id, options))());

  // The subcommands hold every option, as under `posts`.
  const accounts = program.command('accounts').description('the video-platform accounts: list (default), connect, remove');
  accounts.command('list', { isDefault: true })
    .description("each platform channel's account: name, scopes, when its tokens expire, whether the last use worked (reads only)")
    .addOption(configOption())
    .option('--json', 'print them as JSON')
    .option('--now <iso>', 'judge expiries as of this time')
    .action((options) => run(async () => (await import('./accounts-commands.ts')).accountsListCommand(io, options))());
  accounts.command('connect')
    .description("connect a channel's account: prints an address to open in a browser (OAuth, loopback redirect)")
    .argument('<channel>', 'a video-platform channel of the configuration')
    .addOption(configOption())
    .option('--refresh-token <source>', '`-`: read a refresh token on standard input instead (servers without a browser); checked by refreshing once')
    .option('--no-browser', 'only print the address, do not open a browser')
    .action((channel: string, options) => run(async () => (await import('./accounts-commands.ts')).accountsConnectCommand(io, channel, options))());
  accounts.command('remove')
    .description("forget a channel's account (the credentials file only; revoke access at the service too)")
    .argument('<channel>', 'the channel')
    .addOption(configOption())
    .action((channel: string, options) => run(async () => (await import('./accounts-commands.ts')).accountsRemoveCommand(io, channel, options))());

  // The subcommands hold every option, as under `posts`; `promo insights` alone prints the answers.
  const insights = program.command('insights').description('learn from the platforms\' own exports: import, answers (default), best-times, report');
  const answerOptions = (command: Command) => command
    .addOption(configOption())
    .option('--platform <name>', 'only this platform (douyin, kuaishou, wechat-channels, xiaohongshu, tiktok, youtube, instagram)')
    .option('--account <name>', 'only this account')
    .option('--since <date>', 'only posts and streams from this date (2026-07-01)')
    .option('--metric <name>', 'measure best times by views, likes, shares, comments, saves, followers, completion, live_entries or engagement (default: insights.metric in config.yaml, else views)');
  answerOptions(insights.command('show', { isDefault: true })
    .description('best times to post, stream slots, what drove the stream, products (reads only)'))
    .option('--json', 'print them as JSON')
    .action((options) => run(async () => (await import('./insights-commands.ts')).insightsCommand(io, options))());
  insights.command('import')
    .description('read platform exports (XLSX, CSV, ZIP) into the state database; importing again adds nothing twice')
    .argument('<files...>', 'export files')
    .addOption(configOption())
    .option('--platform <name>', 'only formats of this platform')
    .option('--account <name>', 'the account they belong to (default: the platform name); its zone is insights.accounts.NAME.timezone')
    .option('--now <iso>', 'the import\'s clock (TikTok dates have no year: the latest such day not after it)')
    .action((files: string[], options) => run(async () => (await import('./insights-commands.ts')).insightsImportCommand(io, files, options))());
  answerOptions(insights.command('best-times')
    .description('per platform, the ranked posting slots'))
    .option('--json', 'print { platform: [{ weekday, hour, lift, posts }] }')
    .action((options) => run(async () => (await import('./insights-commands.ts')).insightsBestTimesCommand(io, options))());
  answerOptions(insights.command('report')
    .description('an HTML report with its charts as SVG and PNG'))
    .requiredOption('-o, --out <dir>', 'folder to write report.html and the charts into')
    .action((options) => run(async () => (await import('./insights-report-command.ts')).insightsReportCommand(io, options))());

  program.command('daemon')
    .description('publish due posts on time (node-cron tick), and run the watched inboxes when configured')
    .addOption(configOption())
    .option('--once', 'one tick, then exit (for system cron, catch-up and tests)')
    .option('--now <iso>', 'with --once: the scheduler\'s clock (signatures and timestamps keep the real clock)')
    .action((options) => run(async () => (await import('./daemon-command.ts')).daemonCommand(io, options))());

  program.command('dashboard')
    .description('serve the web dashboard (streams and posts, retry and cancel, the daemon heartbeat) and print its URL')
    .addOption(configOption())
    .option('--host <address>', 'address to listen on (default 127.0.0.1; any other needs the one-time login link it prints)')
    .option('--port <n>', 'port (default 8770; 0: any free one)')
    .option('--lang <zh|en>', "the pages' language (default: dashboard.lang, else the browser's)")
    .option('--public-url <url>', 'the address people open through a reverse proxy (https://…)')
    .action((options) => run(async () => (await import('./dashboard-command.ts')).dashboardCommand(io, options))());

  program.command('status')
    .description('one screen: is the daemon publishing, the next posts, posts and jobs that need a person, inbox files waiting (reads only)')
    .addOption(configOption())
    .option('--json', 'print it as JSON')
    .option('--now <iso>', 'judge as of this time (heartbeat age, upcoming streams)')
    .action((options) => run(async () => (await import('./status-command.ts')).statusCommand(io, options))());

  const cache = program.command('cache').description("what the output folder keeps in .promo/ (show, default), and pruning it (prune)");
  cache.command('show', { isDefault: true })
    .description('per kind: kept files, bytes, and how much the manifest\'s artifacts still use (reads only)')
    .argument('[spec]', "count as used only this spec's artifacts")
    .addOption(configOption())
    .option('-o, --out <dir>', 'output folder (default: `out` from the configuration)')
    .option('--json', 'print it as JSON')
    .action((spec: string | undefined, options) => run(async () => (await import('./cache-command.ts')).cacheCommand(io, spec, options))());
  cache.command('prune')
    .description('remove kept files no artifact of the manifest uses and unused for --older-than; never footage or outputs')
    .addOption(configOption())
    .option('-o, --out <dir>', 'output folder (default: `out` from the configuration)')
    .option('--older-than <age>', 'unused for this long (default cache.maxAge, 30d; 0: every unused file)')
    .option('--max-size <size>', 'then remove the least recently used unused files until all kept files fit (5GiB, 500MB)')
    .option('-n, --dry-run', 'print what would be removed, remove nothing')
    .option('--json', 'print the result as JSON')
    .action((options) => run(async () => (await import('./cache-prune-command.ts')).cachePruneCommand(io, options))());

  program.command('presets')
    .description('list the platform presets: frame, frame rate, duration limits, safe zones')
    .addOption(configOption())
    .option('--json', 'print them as JSON')
    .action((options) => run(async () => {
      // The configuration is checked even here, so a broken config.yaml is reported by every command.
      await (await import('./cli-load.ts')).loadCliConfig(options.config);
      return (await import('./presets-command.ts')).presetsCommand(io, options);
    })());

  program.command('init')
    .description('write a starter config.yaml, a commented spec.yaml and a copy of the templates')
    .argument('[dir]', 'folder to write into', '.')
    .option('-c, --config <file>', 'name of the configuration file to write', 'config.yaml')
    .action((dir: string, options: { config: string }) => run(async () => (await import('./init-command.ts')).initCommand(io, dir, options.config))());

  program.command('schema')
    .description('print the JSON Schema of the spec (for editor completion)')
    .addOption(configOption())
    .action((options) => run(async () => {
      await (await import('./cli-load.ts')).loadCliConfig(options.config);
      return (await import('./schema-command.ts')).schemaCommand(io);
    })());

  try {
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') return EXIT.ok;
      return EXIT.invalid;
    }
    return reportError(io, error);
  }
}
