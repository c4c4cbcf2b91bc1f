// `promo init [dir]`: a starter config, a commented spec and a copy of the templates to edit.
// Never overwrites a file that exists.
import { cp, mkdir } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CliIo } from './cli-io.ts';
import { EXIT } from './exit-codes.ts';
import { specJsonSchemaText } from '../promo-spec/spec-json-schema.ts';
import { STARTER_CONFIG, STARTER_SPEC } from './starter-files.ts';
import { removeDeadTemps } from '../util/remove-dead-temps.ts';
import { writeAtomic } from '../util/write-atomic.ts';

const TEMPLATES_DIR = fileURLToPath(new URL('../../templates', import.meta.url));

/** Runs `promo init`; returns the exit code. */
export async function initCommand(io: CliIo, dir = '.', configName = 'config.yaml'): Promise<number> {
  const target = resolve(dir);
  await mkdir(target, { recursive: true });
  // What an init killed mid-write left (its process is gone).
  await removeDeadTemps(target);
  const show = (file: string) => relative(process.cwd(), file) || '.';
  const write = async (name: string, content: string) => {
    const file = join(target, name);
    try {
      // Complete or not there at all, even if promo is killed while writing: a half-written
      // starter file would otherwise be kept as "yours" by the next init.
      await writeAtomic(file, content, { exclusive: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      io.stdout.write(`kept   ${show(file)} (exists)\n`);
      return;
    }
    io.stdout.write(`wrote  ${show(file)}\n`);
  };
  await write(configName, STARTER_CONFIG);
  await write('spec.yaml', STARTER_SPEC);
  // The spec's first line points editors (yaml-language-server) here for completion and checks.
  // promo's own file: always brought up to date with this version.
  const schema = join(target, 'promo-spec.schema.json');
  await writeAtomic(schema, specJsonSchemaText());
  io.stdout.write(`wrote  ${show(schema)} (the spec's JSON Schema, for editor completion)\n`);
  const templates = join(target, 'templates');
  await cp(TEMPLATES_DIR, templates, { recursive: true, force: false, errorOnExist: false });
  io.stdout.write(`copied ${show(templates)}/ (edit, then set \`templates: ./templates\` in spec.yaml)\n`);
  io.stdout.write(`next: put footage next to spec.yaml, then run \`npx promo validate ${show(join(target, 'spec.yaml'))}\`\n`);
  return EXIT.ok;
}
