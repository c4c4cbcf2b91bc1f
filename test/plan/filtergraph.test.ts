import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { escapeFilterValue, formatNumber, stringifyFiltergraph } from '../../src/plan/filtergraph.ts';

const ffmpeg = (createRequire(import.meta.url)('@ffmpeg-installer/ffmpeg') as { path: string }).path;
const run = promisify(execFile);

const HOSTILE = [
  "x',drawtext=textfile=/etc/hostname",
  '%{e:while(1,1)}',
  '{\\fs300}\\N C:\\new',
  'a:b;c[d]e,f\\g\'h',
  "'''",
  '\\',
  '明前龙井：鲜爽回甘；[限时]',
  ' leading and trailing ',
];

describe('stringifyFiltergraph', () => {
  it('joins chains with ; filters with , and labels in brackets', () => {
    const text = stringifyFiltergraph([
      { inputs: ['0:v:0'], filters: [{ name: 'scale', args: { w: 1080, h: 1920 } }, { name: 'setsar', args: [1] }], outputs: ['a'] },
      { inputs: ['a', 'b'], filters: [{ name: 'overlay', args: { x: 10, y: -0 } }], outputs: ['out'] },
      { inputs: [], filters: [{ name: 'anullsrc', args: { r: 48000, cl: 'stereo' } }], outputs: ['s'] },
    ]);
    expect(text).toBe('[0:v:0]scale=w=1080:h=1920,setsar=1[a];[a][b]overlay=x=10:y=0[out];anullsrc=r=48000:cl=stereo[s]');
  });

  it('leaves out undefined options and writes booleans as 1/0', () => {
    expect(stringifyFiltergraph([{ inputs: ['x'], filters: [{ name: 'overlay', args: { x: 1, enable: undefined, shortest: true } }], outputs: ['y'] }]))
      .toBe('[x]overlay=x=1:shortest=1[y]');
  });

  it('quotes and escapes values with characters special to ffmpeg', () => {
    expect(escapeFilterValue('between(t,1,2)')).toBe("\\'between(t\\,1\\,2)\\'");
    expect(escapeFilterValue("it's")).toBe("\\'it\\'\\\\\\'\\'s\\'");
    expect(escapeFilterValue('plain-value_1.5')).toBe('plain-value_1.5');
  });

  it('refuses names and labels that could change the graph', () => {
    expect(() => stringifyFiltergraph([{ inputs: ['a]b'], filters: [{ name: 'null' }], outputs: ['c'] }])).toThrow(/label/);
    expect(() => stringifyFiltergraph([{ inputs: ['a'], filters: [{ name: 'null,drawtext' }], outputs: ['c'] }])).toThrow(/filter name/);
    expect(() => stringifyFiltergraph([{ inputs: ['a'], filters: [{ name: 'scale', args: { 'w:h': 1 } }], outputs: ['c'] }])).toThrow(/option name/);
  });

  it('formats numbers without exponents or negative zero', () => {
    expect(formatNumber(1e-7)).toBe('0');
    expect(formatNumber(-0)).toBe('0');
    expect(formatNumber(1234567.125)).toBe('1234567.125');
    expect(formatNumber(0.1 + 0.2)).toBe('0.3');
    expect(() => formatNumber(Number.NaN)).toThrow();
  });

  it('gets every hostile value through the real ffmpeg parser unchanged, adding no filter', async () => {
    // At debug level ffmpeg logs each option value exactly as its parser received it.
    for (const value of HOSTILE) {
      const graph = stringifyFiltergraph([{
        inputs: [],
        filters: [
          { name: 'anullsrc', args: { r: 8000, cl: 'mono' } },
          { name: 'atrim', args: { end_sample: 400 } },
          { name: 'ametadata', args: { mode: 'add', key: 'promo', value } },
        ],
        outputs: ['out'],
      }]);
      const { stderr } = await run(ffmpeg, ['-hide_banner', '-nostdin', '-loglevel', 'debug', '-filter_complex', graph, '-map', '[out]', '-f', 'null', '-']);
      const received = /Setting 'value' to value '(.*)'$/m.exec(stderr)?.[1];
      expect(received, `value ${JSON.stringify(value)}`).toBe(value);
      const filters = new Set([...stderr.matchAll(/\[Parsed_(\w+?)_(\d+) @/g)].map((m) => `${m[1]}_${m[2]}`));
      expect([...filters].sort()).toEqual(['ametadata_2', 'anullsrc_0', 'atrim_1']);
    }
  });
});
