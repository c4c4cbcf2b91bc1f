// --dry-run prints what runFfmpeg runs: the command a failed run reports is, word for word, the
// line the dry run prints for the same planned command.
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import type { FfmpegCommand } from '../../src/plan/ffmpeg-command.ts';
import { ffmpegRunArgs } from '../../src/render/ffmpeg-run-args.ts';
import { runFfmpeg } from '../../src/render/run-ffmpeg.ts';
import { ProcessError } from '../../src/util/process-error.ts';
import { PromoError } from '../../src/util/promo-error.ts';
import { shellCommand } from '../../src/util/shell-command.ts';

const ffmpeg = (createRequire(import.meta.url)('@ffmpeg-installer/ffmpeg') as { path: string }).path;

describe('ffmpegRunArgs', () => {
  it('adds the progress report to the global options and keeps the plan\'s order', () => {
    const command: FfmpegCommand = {
      global: ['-hide_banner'],
      inputs: [{ options: ['-t', '1'], source: '/in/a b.mp4' }],
      graph: '[0:v]null[v]',
      outputs: [{ options: ['-map', '[v]'], target: '/out/x.mp4' }],
    };
    expect(ffmpegRunArgs(command)).toEqual([
      '-hide_banner', '-progress', 'pipe:2', '-nostats', '-t', '1', '-i', '/in/a b.mp4', '-y',
      '-filter_complex', '[0:v]null[v]', '-map', '[v]', '/out/x.mp4',
    ]);
  });

  it('is what runFfmpeg spawns: its error quotes the same shell line --dry-run prints', async () => {
    const command: FfmpegCommand = {
      global: ['-hide_banner', '-nostdin', '-loglevel', 'error'],
      inputs: [{ options: [], source: "/nonexistent/it's here.mp4" }],
      outputs: [{ options: ['-f', 'null'], target: '-' }],
    };
    const error = (await runFfmpeg(command, { ffmpeg, timeoutMs: 60_000 }).catch((e: unknown) => e)) as PromoError;
    expect(error).toBeInstanceOf(PromoError);
    const cause = error.cause as ProcessError;
    expect(cause).toBeInstanceOf(ProcessError);
    expect(cause.command).toBe(shellCommand(ffmpeg, ffmpegRunArgs(command)));
    expect(cause.command).toContain(`'/nonexistent/it'\\''s here.mp4'`);
    expect(cause.exitCode).not.toBe(0);
  });
});
