// Test helpers for render tests: a fresh folder with a spec (and config) in it, removed after the
// test, and the promo CLI run as a real subprocess, killed after the test.
import type { ChildProcess } from 'node:child_process';
import { writeFile, mkdir, copyFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stringify } from 'yaml';
import { makeTempDir } from './make-temp-dir.ts';
import { spawnTracked } from './spawn-tracked.ts';

const here = dirname(fileURLToPath(import.meta.url));
export const REPO = resolve(here, '..', '..');
export const PROMO_BIN = join(REPO, 'bin', 'promo.js');

export interface SpecDir {
  dir: string;
  spec: string;
  out: string;
  config: string;
}

/** A fresh folder holding spec.yaml (from an object or YAML text), config.yaml and copied files. */
export async function makeSpecDir(spec: object | string, options: { files?: Record<string, string>; config?: object } = {}): Promise<SpecDir> {
  const dir = makeTempDir('promo-test-');
  for (const [name, source] of Object.entries(options.files ?? {})) {
    await mkdir(dirname(join(dir, name)), { recursive: true });
    await copyFile(source, join(dir, name));
  }
  const specFile = join(dir, 'spec.yaml');
  await writeFile(specFile, typeof spec === 'string' ? spec : stringify(spec));
  const config = join(dir, 'config.yaml');
  await writeFile(config, stringify({ out: 'out', state: '.promo/state.db', timezone: 'Asia/Shanghai', render: { concurrency: 1 }, ...options.config }));
  return { dir, spec: specFile, out: join(dir, 'out'), config };
}

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs `node bin/promo.js …args` in `cwd`; `onSpawn` gets the child (to signal it). */
export function runCli(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; onSpawn?: (child: ChildProcess) => void; onStderr?: (text: string) => void } = {}): Promise<CliResult> {
  return new Promise((resolvePromise, reject) => {
    const child = spawnTracked(process.execPath, [PROMO_BIN, ...args], {
      cwd: options.cwd ?? REPO,
      env: { ...process.env, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (d: Buffer) => { stdout += d.toString(); });
    child.stderr!.on('data', (d: Buffer) => {
      stderr += d.toString();
      options.onStderr?.(d.toString());
    });
    child.on('error', reject);
    child.on('close', (code, signal) => resolvePromise({ code, signal, stdout, stderr }));
    options.onSpawn?.(child);
  });
}

/** A small vertical frame for fast renders (captions and badge still placed by the templates). */
export const SMALL_VERTICAL = { name: 'small', width: 360, height: 640 };
export const TINY_SQUARE = { name: 'tiny', width: 240, height: 240 };
