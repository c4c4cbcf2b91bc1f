// A clip edit from the dashboard changes only the edited value's characters: comments, key order,
// quoting and blank lines elsewhere survive byte for byte; an invalid edit is refused with the
// field's line:col and the file is left untouched; the write is atomic.
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyClipChanges, editClip } from '../../src/promo-spec/edit-clip.ts';
import { makeTempDir } from '../helpers/make-temp-dir.ts';

const SPEC = `# Tea night — edited by hand, keep my comments
stream:
  title: 'Tea night'   # single-quoted on purpose
  start: "2026-12-01 20:00"

products:
  # the first product
  - sku: TEA-001
    name: "Longjing 龙井"
    footage: tea.mp4
    clips:
      - { in: 0, out: 2 }   # flow clip, no caption
      - in: "00:01.5"
        out: 3
        caption: 'Fresh leaves' # trailing comment
      - caption: |
          Two lines
          of text
        out: 2

  - sku: CUP-002
    footage: tea.mp4
    clips:
      - in: 0 # start
        out: 1.5
outputs: [douyin]   # just one
`;

async function specIn(text = SPEC): Promise<string> {
  const dir = makeTempDir();
  const file = join(dir, 'spec.yaml');
  await writeFile(file, text);
  await writeFile(join(dir, 'tea.mp4'), '');
  return file;
}

/** The text with the one changed line replaced: everything else must be equal byte for byte. */
function replaceLine(text: string, from: string, to: string): string {
  expect(text.split(from)).toHaveLength(2);
  return text.replace(from, to);
}

describe('applyClipChanges', () => {
  const at = (sku: string, clip: number, changes: Record<string, string>) =>
    applyClipChanges(SPEC, { file: '/x/spec.yaml', sku, clip, changes });

  it('replaces a quoted caption keeping its quote style and the comment after it', () => {
    const result = at('TEA-001', 1, { caption: 'Spring "harvest": 50% off # today' });
    expect(result).toEqual({ ok: true, text: replaceLine(SPEC, `caption: 'Fresh leaves' # trailing comment`, `caption: 'Spring "harvest": 50% off # today' # trailing comment`) });
  });

  it('changes in and out as numbers or mm:ss text, leaving their neighbours alone', () => {
    const result = at('TEA-001', 1, { in: '0.5', out: '00:02.5' });
    let expected = replaceLine(SPEC, `- in: "00:01.5"`, `- in: 0.5`);
    expected = replaceLine(expected, `        out: 3\n`, `        out: "00:02.5"\n`);
    expect(result).toEqual({ ok: true, text: expected });
  });

  it('adds a caption to a flow clip inside its braces, before the comment', () => {
    const result = at('TEA-001', 0, { caption: '新茶 <b>&</b>' });
    expect(result).toEqual({ ok: true, text: replaceLine(SPEC, `- { in: 0, out: 2 }   # flow clip`, `- { in: 0, out: 2, caption: "新茶 <b>&</b>" }   # flow clip`) });
  });

  it('adds a caption to a block clip as its last key, at the keys\' indentation, after a trailing comment', () => {
    const result = at('CUP-002', 0, { caption: 'Cup' });
    expect(result).toEqual({ ok: true, text: replaceLine(SPEC, `        out: 1.5\n`, `        out: 1.5\n        caption: "Cup"\n`) });
  });

  it('replaces a block caption with one line as a quoted scalar, and keeps a multi-line one a block', () => {
    const one = at('TEA-001', 2, { caption: 'One line: now' });
    expect(one).toEqual({ ok: true, text: replaceLine(SPEC, `      - caption: |\n          Two lines\n          of text\n`, `      - caption: "One line: now"\n`) });
    const two = at('TEA-001', 2, { caption: 'Three\nlines\nhere' });
    expect(two.ok).toBe(true);
    if (two.ok) expect(two.text).toContain('      - caption: |-\n          Three\n          lines\n          here\n        out: 2\n');
  });

  it('quotes a plain caption that YAML would read as something else', () => {
    const text = SPEC.replace(`caption: 'Fresh leaves'`, 'caption: Fresh leaves');
    const result = applyClipChanges(text, { file: '/x/spec.yaml', sku: 'TEA-001', clip: 1, changes: { caption: "true" } });
    expect(result).toEqual({ ok: true, text: text.replace('caption: Fresh leaves', 'caption: "true"') });
    const plain = applyClipChanges(text, { file: '/x/spec.yaml', sku: 'TEA-001', clip: 1, changes: { caption: 'Green tea' } });
    expect(plain).toEqual({ ok: true, text: text.replace('caption: Fresh leaves', 'caption: Green tea') });
  });

  it('refuses an unknown product or clip with a location', () => {
    const sku = at('NOPE', 0, { caption: 'x' });
    expect(sku.ok).toBe(false);
    if (!sku.ok) expect(sku.issues[0]!.message).toMatch(/no product with sku NOPE/);
    const clip = at('CUP-002', 5, { caption: 'x' });
    expect(clip.ok).toBe(false);
    if (!clip.ok) expect(clip.issues[0]).toMatchObject({ path: 'products[1].clips[5]', line: 24 });
  });
});

describe('editClip', () => {
  it('writes the edit atomically and leaves no temp file', async () => {
    const file = await specIn();
    const result = await editClip({ file, sku: 'TEA-001', clip: 1, changes: { caption: 'Spring' }, timezone: 'Asia/Shanghai' });
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.changed).toBe(true);
      expect(result.spec.file).toBe(file);
      expect(result.spec.products[0]!.clips[1]!.caption).toBe('Spring');
      // Its places name the spec, not the temp file the edit was checked in.
      expect(result.spec.locate(['products', 0, 'clips', 1, 'caption'])).toEqual({ file, line: 15, col: 18 });
    }
    expect(await readFile(file, 'utf8')).toBe(replaceLine(SPEC, `'Fresh leaves'`, `'Spring'`));
    expect((await readdir(join(file, '..'))).sort()).toEqual(['spec.yaml', 'tea.mp4']);
  });

  it('refuses an out before in with the field\'s line:col, writing nothing', async () => {
    const file = await specIn();
    const result = await editClip({ file, sku: 'TEA-001', clip: 1, changes: { out: '1' }, timezone: 'Asia/Shanghai' });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.issues).toHaveLength(1);
      expect(result.issues[0]).toMatchObject({ file, line: 14, col: 14, path: 'products[0].clips[1].out' });
      expect(result.issues[0]!.message).toMatch(/must be after in/);
    }
    expect(await readFile(file, 'utf8')).toBe(SPEC);
    expect((await readdir(join(file, '..'))).sort()).toEqual(['spec.yaml', 'tea.mp4']);
  });

  it('refuses text that is not a time, and a caption over 500 characters', async () => {
    const file = await specIn();
    const time = await editClip({ file, sku: 'CUP-002', clip: 0, changes: { in: 'soon' }, timezone: 'Asia/Shanghai' });
    expect(time.ok).toBe(false);
    if (!time.ok) expect(time.issues[0]).toMatchObject({ path: 'products[1].clips[0].in', line: 24 });
    const long = await editClip({ file, sku: 'CUP-002', clip: 0, changes: { caption: 'x'.repeat(501) }, timezone: 'Asia/Shanghai' });
    expect(long.ok).toBe(false);
    if (!long.ok) expect(long.issues[0]!.path).toBe('products[1].clips[0].caption');
    expect(await readFile(file, 'utf8')).toBe(SPEC);
  });

  it('refuses the edit when the caller\'s check finds a problem (e.g. past the footage\'s end)', async () => {
    const file = await specIn();
    const result = await editClip({
      file, sku: 'CUP-002', clip: 0, changes: { out: '99' }, timezone: 'Asia/Shanghai',
      check: async (spec) => [{ file: spec.file, line: 25, col: 14, path: 'products[1].clips[0].out', message: 'past the end' }],
    });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues[0]).toMatchObject({ file, path: 'products[1].clips[0].out', message: 'past the end' });
    expect(await readFile(file, 'utf8')).toBe(SPEC);
  });

  it('says so when the spec is gone', async () => {
    const file = join(makeTempDir(), 'spec.yaml');
    const result = await editClip({ file, sku: 'TEA-001', clip: 0, changes: { caption: 'x' }, timezone: 'Asia/Shanghai' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues[0]!.message).toMatch(/^the spec cannot be read \(ENOENT\)/);
  });

  it('an edit that changes nothing leaves the file as it was', async () => {
    const file = await specIn();
    const result = await editClip({ file, sku: 'TEA-001', clip: 1, changes: { caption: 'Fresh leaves' }, timezone: 'Asia/Shanghai' });
    expect(result).toMatchObject({ ok: true, changed: false });
    expect(await readFile(file, 'utf8')).toBe(SPEC);
  });
});
