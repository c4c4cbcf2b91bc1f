// Every registered channel kind through the real config loader: its example loads; a literal in
// any of its secret fields, an unknown field or a wrong type is reported as config.yaml:LINE:COL
// with the setting's path, all at once, never quoting the secret.
import { beforeEach, describe, expect, it } from 'vitest';
import { CHANNEL_KINDS } from '../../src/channels/channel-registry.ts';
import { secretFieldsOf } from '../../src/channels/secret-fields-of.ts';
import { loadConfig } from '../../src/config/load-config.ts';
import { PromoError } from '../../src/util/promo-error.ts';
import { makeTempFolder, yamlLines, type TempFolder } from '../promo-spec/temp-folder.ts';

let temp: TempFolder;
beforeEach(async () => { temp = await makeTempFolder('promo-channel-kinds-'); });

const LITERAL = 'LITERALSEKRET42x';

async function configError(run: Promise<unknown>): Promise<PromoError> {
  const outcome = await run.then(() => undefined, (error: unknown) => error);
  if (!(outcome instanceof PromoError)) throw new Error(`expected a PromoError, got ${String(outcome)}`);
  return outcome;
}

// `  <type>: { type: <type>, field: "value", … }`, one channel per line.
function channelLine(type: string, fields: Record<string, string>): string {
  const settings = Object.entries(fields).map(([field, value]) => `${field}: ${JSON.stringify(value)}`);
  return `  ${type}: { ${[`type: ${type}`, ...settings].join(', ')} }`;
}

describe('every channel kind in config.yaml', () => {
  it('loads its example', async () => {
    await temp.write('config.yaml', yamlLines('channels:', ...CHANNEL_KINDS.map((kind) => channelLine(kind.type, kind.example))));
    const config = await loadConfig(undefined, { cwd: temp.dir });
    expect(Object.values(config.channels).map((channel) => channel.type)).toEqual(CHANNEL_KINDS.map((kind) => kind.type));
  });

  it('refuses a literal in each secret field and an unknown field, each at its line and column', async () => {
    const lines = CHANNEL_KINDS.map((kind) => {
      const fields: Record<string, string> = {};
      for (const [field, value] of Object.entries(kind.example)) fields[field] = value.replace(/\$\{[A-Za-z_][A-Za-z0-9_]*\}/g, LITERAL);
      fields.extra = 'x';
      return channelLine(kind.type, fields);
    });
    await temp.write('config.yaml', yamlLines('channels:', ...lines));
    const { message } = await configError(loadConfig(undefined, { cwd: temp.dir }));
    const reported = message.split('\n').slice(1);
    CHANNEL_KINDS.forEach((kind, index) => {
      const line = lines[index]!;
      const at = (text: string) => `config.yaml:${index + 2}:${line.indexOf(text) + 1}`;
      for (const { field, rule } of secretFieldsOf(kind)) {
        const expected = `${at(`"${kind.example[field]!.replace(/\$\{[A-Za-z_][A-Za-z0-9_]*\}/g, LITERAL)}"`)} channels.${kind.type}.${field}: ${rule.what} must not be written in the config (it is a secret)`;
        expect(reported.some((text) => text.trim().startsWith(expected)), `${expected}\nin\n${message}`).toBe(true);
      }
      const unknown = `  ${at('extra:')} channels.${kind.type}.extra: unknown field \`extra\`; remove it or fix its spelling`;
      expect(reported.some((text) => text.startsWith(unknown)), `${unknown}\nin\n${message}`).toBe(true);
    });
    const secretCount = CHANNEL_KINDS.reduce((sum, kind) => sum + secretFieldsOf(kind).length, 0);
    expect(reported).toHaveLength(secretCount + CHANNEL_KINDS.length);
    expect(message).not.toContain(LITERAL);
  });

  it('names every registered type when `type` is unknown', async () => {
    await temp.write('config.yaml', yamlLines('channels:', '  chat: { type: slack, url: "${SLACK}" }'));
    const { message } = await configError(loadConfig(undefined, { cwd: temp.dir }));
    const types = CHANNEL_KINDS.map((kind) => kind.type);
    expect(message).toMatch(/config\.yaml:2:17 channels\.chat\.type: .*a channel needs `type`: /);
    expect(message).toContain(`${types.slice(0, -1).join(', ')} or ${types.at(-1)}`);
  });
});
