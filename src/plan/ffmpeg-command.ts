// An ffmpeg invocation as data, and its exact argument list. Plans produce these; only
// render/run-ffmpeg.ts executes them (through ffmpegRunArgs, which --dry-run prints too).

export interface FfmpegInput {
  /** Options that apply to this input (e.g. -ss, -t, whitelists), before its -i. */
  options: string[];
  /** Absolute path. */
  source: string;
}

export interface FfmpegOutput {
  options: string[];
  /** Absolute path. */
  target: string;
}

export interface FfmpegCommand {
  /** Options for the whole run (-hide_banner, -loglevel, …). */
  global: string[];
  inputs: FfmpegInput[];
  /** A -filter_complex graph built by stringifyFiltergraph. */
  graph?: string;
  outputs: FfmpegOutput[];
}

/** The argument list after the binary, in the order the runner passes it. */
export function commandToArgs(command: FfmpegCommand): string[] {
  const args = [...command.global];
  for (const input of command.inputs) args.push(...input.options, '-i', input.source);
  args.push('-y');
  if (command.graph !== undefined) args.push('-filter_complex', command.graph);
  for (const output of command.outputs) args.push(...output.options, output.target);
  return args;
}
