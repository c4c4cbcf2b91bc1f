// The one error a child process run by runProcess fails with: how it ended, what it was, and the
// end of what it wrote to stderr, so a caller can explain it and a person can rerun it.

export interface ProcessErrorFields {
  /** The program's file name (`ffprobe`), for the message. */
  program: string;
  /** The command as a shell line with every argument escaped (see shellCommand). */
  command: string;
  /** The exit code, when the process exited by itself. */
  exitCode?: number;
  /** The signal that ended it (SIGTERM, SIGKILL…), when one did. */
  signal?: NodeJS.Signals;
  /** It ran past its time limit and was killed. */
  timedOut: boolean;
  /** It was cancelled through its AbortSignal and was killed. */
  aborted: boolean;
  /** The last lines it wrote to stderr. */
  stderrTail: string[];
  cause?: unknown;
}

/** A child process that could not be started, failed, was killed on timeout, or was cancelled. */
export class ProcessError extends Error {
  readonly command: string;
  readonly exitCode?: number;
  readonly signal?: NodeJS.Signals;
  readonly timedOut: boolean;
  readonly aborted: boolean;
  readonly stderrTail: string[];

  constructor(fields: ProcessErrorFields) {
    super(describe(fields), { cause: fields.cause });
    this.name = 'ProcessError';
    this.command = fields.command;
    this.exitCode = fields.exitCode;
    this.signal = fields.signal;
    this.timedOut = fields.timedOut;
    this.aborted = fields.aborted;
    this.stderrTail = fields.stderrTail;
  }

  /** The command and the end of its stderr, for a PromoError's detail. */
  get detail(): string {
    return [`command: ${this.command}`, ...this.stderrTail].join('\n');
  }
}

function describe(fields: ProcessErrorFields): string {
  const how = fields.timedOut ? `timed out and was killed with ${fields.signal ?? 'SIGKILL'}`
    : fields.aborted ? `was cancelled (${fields.signal ?? 'killed'})`
    : fields.signal ? `was killed with ${fields.signal}`
    : fields.exitCode !== undefined ? `exited with code ${fields.exitCode}`
    : `could not be started: ${(fields.cause as Error | undefined)?.message ?? 'unknown error'}`;
  const last = fields.stderrTail.filter((line) => line.trim() !== '').slice(-1)[0];
  return `${fields.program} ${how}${last ? `: ${last}` : ''}`;
}
