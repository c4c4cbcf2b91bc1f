// Small tools the benchmark script shares: timing commands, medians, peak memory of a process,
// generated source footage, and printing figures side by side.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, readFile, rename } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
export const FFMPEG = (require('@ffmpeg-installer/ffmpeg') as { path: string }).path;

export interface Timed {
  seconds: number;
  /** Peak resident memory of the process itself (not its children), MiB. */
  peakMiB: number;
  code: number | null;
  stderr: string;
  /** What the process printed, when timeCommand was asked to keep it. */
  stdout?: string;
  /** User + system CPU seconds of the process and the children it waited for (ffmpeg under promo); set by timeCommand. */
  cpuSeconds?: number;
}

/** User + system CPU of this process's waited-for children and theirs (/proc/self/stat cutime + cstime). */
export function childCpuSeconds(): number {
  const stat = readFileSync('/proc/self/stat', 'utf8');
  // Fields after the command name (which is in parentheses and may hold spaces).
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // cutime and cstime are fields 16 and 17 of the whole line; clock ticks of 1/100 s on Linux.
  return (Number(fields[13]) + Number(fields[14])) / 100;
}

/** Runs a command, timing it and tracking its own peak RSS (VmHWM) until it exits. */
export function timeCommand(cmd: string, args: string[], options: { cwd?: string; keepStdout?: boolean } = {}): Promise<Timed> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    // The benchmarks run one command at a time, so the children's CPU that grows meanwhile is this one's.
    const cpuBefore = childCpuSeconds();
    const child = spawn(cmd, args, { cwd: options.cwd, stdio: ['ignore', options.keepStdout ? 'pipe' : 'ignore', 'pipe'] });
    let stderr = '';
    let stdout = '';
    child.stdout?.on('data', (d: Buffer) => { stdout += d.toString(); });
    let peakKiB = 0;
    child.stderr?.on('data', (d: Buffer) => { stderr += d.toString(); });
    const poll = setInterval(async () => {
      try {
        const status = await readFile(`/proc/${child.pid}/status`, 'utf8');
        const hwm = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
        if (hwm > peakKiB) peakKiB = hwm;
      } catch {
        // the process is gone
      }
    }, 50);
    child.on('error', reject);
    child.on('close', (code) => {
      clearInterval(poll);
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      resolve({ seconds, peakMiB: peakKiB / 1024, code, stderr, cpuSeconds: childCpuSeconds() - cpuBefore, ...(options.keepStdout ? { stdout } : {}) });
    });
  });
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Runs `a` and `b` alternately `reps` times each; returns their timings. */
export async function alternate(reps: number, a: () => Promise<Timed>, b: () => Promise<Timed>): Promise<{ a: Timed[]; b: Timed[] }> {
  const result = { a: [] as Timed[], b: [] as Timed[] };
  for (let i = 0; i < reps; i++) {
    result.a.push(check(await a()));
    result.b.push(check(await b()));
  }
  return result;
}

function check(t: Timed): Timed {
  if (t.code !== 0) throw new Error(`benchmark command failed (exit ${t.code}):\n${t.stderr.slice(-2000)}`);
  return t;
}

/** A 1080p30 source with sound, made once and kept in bench/.work; a keyframe every `keyint` frames. */
export async function makeSource(dir: string, name: string, seconds: number, hue: number, keyint = 60): Promise<string> {
  const file = join(dir, name);
  if (existsSync(file)) return file;
  await mkdir(dir, { recursive: true });
  const temp = `${file}.tmp.mp4`;
  const args = [
    '-hide_banner', '-loglevel', 'error', '-y',
    '-f', 'lavfi', '-i', `testsrc2=size=1920x1080:rate=30:duration=${seconds},hue=h=${hue}`,
    '-f', 'lavfi', '-i', `sine=frequency=${300 + hue}:sample_rate=48000:duration=${seconds},volume=0.3`,
    // -sc_threshold 0: no extra keyframes at scene cuts, so the spacing is exactly `keyint`.
    '-c:v', 'libx264', '-preset', 'veryfast', '-crf', '23', '-g', String(keyint), '-keyint_min', String(keyint), '-sc_threshold', '0', '-pix_fmt', 'yuv420p',
    '-c:a', 'aac', '-b:a', '128k', '-shortest', temp,
  ];
  const result = await timeCommand(FFMPEG, args);
  if (result.code !== 0) throw new Error(result.stderr);
  await rename(temp, file);
  return file;
}

/** Prints one benchmark's figures: promo against its baseline, with the ratio and the target. */
export function report(title: string, promo: number[], baseline: number[], target: string, labels = ['promo', 'baseline']): string {
  const p = median(promo);
  const b = median(baseline);
  const fmt = (xs: number[]) => xs.map((x) => x.toFixed(2)).join(' ');
  return [
    `${title}`,
    `  ${labels[0]!.padEnd(28)} median ${p.toFixed(2)} s   (runs: ${fmt(promo)})`,
    `  ${labels[1]!.padEnd(28)} median ${b.toFixed(2)} s   (runs: ${fmt(baseline)})`,
    `  ratio ${(p / b).toFixed(3)}   target ${target}`,
  ].join('\n');
}

/** One line with the CPU seconds (user + system, children included) of both sides and their ratio: steadier than wall time on a shared machine. */
export function cpuLine(promo: Timed[], baseline: Timed[]): string {
  const p = median(promo.map((x) => x.cpuSeconds ?? NaN));
  const b = median(baseline.map((x) => x.cpuSeconds ?? NaN));
  return `  CPU seconds (process and its children): promo median ${p.toFixed(2)}, baseline median ${b.toFixed(2)}, ratio ${(p / b).toFixed(3)}`;
}
