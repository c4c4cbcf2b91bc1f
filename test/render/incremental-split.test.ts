// A re-encoded run long enough is encoded in two halves by two ffmpeg processes side by side
// (plan-run-split.ts, encode-missing-segments.ts): a crossfade clip of 3 s whose caption is edited
// (its overlaps and middle, 90 frames) is two encodes, the second started before the first ended;
// the middle is joined from its halves (stream copy) and kept whole; the output equals a --force
// whole render. Needs Debian's ffmpeg (xfade).
import { chmod, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { makeStill, makeVideo } from '../helpers/fixtures.ts';
import { expectEqualToWhole, keptSegments, packetHashes } from '../helpers/incremental-compare.ts';
import { ffmpeg, probeFile } from '../helpers/media-assert.ts';
import { makeSpecDir, runCli, TINY_SQUARE } from '../helpers/spec-dir.ts';
import { hasSystemEngine, SYSTEM_ENGINE } from '../helpers/transition-edit-case.ts';

function spec(third: string): object {
  return {
    stream: { title: '分段并行' },
    brand: { logo: 'logo.png', color: '#E60012' },
    products: [{
      sku: 'TEA-001', price: 99, footage: 'tea.mp4',
      clips: [
        { in: 0, out: 1.5, caption: '第一段' },
        { in: 1.5, out: 2.7, caption: '第二段' },
        { in: 3, out: 6, caption: third },
        { in: 6.5, out: 7.5, caption: '第四段' },
      ],
    }],
    outputs: [TINY_SQUARE],
    intro: false,
    outro: false,
    reel: false,
    quality: 'draft',
    transition: { type: 'crossfade', duration: 0.4 },
  };
}

describe.runIf(hasSystemEngine)('incremental re-render of a long run in two halves', () => {
  it('encodes an edited 3 s crossfade clip by two ffmpeg runs side by side and equals a whole render', async () => {
    const [footage, logo] = await Promise.all([
      makeVideo({ width: 320, height: 180, duration: 8, audio: 'stereo' }),
      makeStill({ width: 64, height: 64, format: 'png' }),
    ]);
    const dir = await makeSpecDir(spec('第三段'), { files: { 'tea.mp4': footage, 'logo.png': logo } });
    // The engine's ffmpeg notes when each encode (a run with x264) starts and ends, in order.
    const log = join(dir.dir, 'ffmpeg.log');
    const wrapper = join(dir.dir, 'ffmpeg');
    await writeFile(wrapper, [
      '#!/bin/sh',
      'case "$*" in *libx264*) ;; *) exec /usr/bin/ffmpeg "$@";; esac',
      `echo "start $$" >> '${log}'`,
      '/usr/bin/ffmpeg "$@"; rc=$?',
      `echo "end $$" >> '${log}'`,
      'exit $rc',
      '',
    ].join('\n'));
    await chmod(wrapper, 0o755);
    await writeFile(dir.config, stringify({ out: 'out', state: '.promo/state.db', timezone: 'Asia/Shanghai', ...SYSTEM_ENGINE, ffmpeg: wrapper }));
    const first = await runCli(['render', dir.spec, '--config', dir.config]);
    expect(first.code, first.stderr).toBe(0);
    const before = await keptSegments(dir.out);

    await writeFile(log, '');
    await writeFile(dir.spec, stringify(spec('第三段 改过的字幕')));
    const again = await runCli(['render', dir.spec, '--config', dir.config]);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr + again.stdout).not.toContain('rendered whole');
    const events = (await readFile(log, 'utf8')).trim().split('\n').map((line) => line.split(' ')[0]);
    // Two encodes, the second started while the first ran (one encode: ['start', 'end']).
    expect(events).toEqual(['start', 'start', 'end', 'end']);

    // The third clip's middle and its two overlaps are new; the middle, made of two halves, is kept
    // whole: every new kept segment decodes cleanly and has the frames its part of the output has.
    const after = await keptSegments(dir.out);
    const added = [...after.keys()].filter((name) => !before.has(name));
    expect(added).toHaveLength(3);
    const frames = await Promise.all(added.map(async (name) => {
      const file = join(dir.out, '.promo', 'segments', name);
      const { stderr } = await ffmpeg(['-v', 'error', '-xerror', '-i', file, '-f', 'null', '-']);
      expect(stderr.trim(), name).toBe('');
      return (await probeFile(file)).video[0]!.nb_frames;
    }));
    // Clip 3 spans 90 frames: overlaps of 12 either side of a middle of 66.
    expect(frames.sort((a, b) => (a ?? 0) - (b ?? 0))).toEqual([12, 12, 66]);

    const video = join(dir.out, 'TEA-001', 'tiny.mp4');
    const reference = join(dir.dir, 'whole');
    const whole = await runCli(['render', dir.spec, '--config', dir.config, '--force', '--out', reference]);
    expect(whole.code, whole.stderr).toBe(0);
    const packets = await packetHashes(video);
    const quality = await expectEqualToWhole(video, join(reference, 'TEA-001', 'tiny.mp4'), packets.length);
    expect(quality.worst).toBeGreaterThanOrEqual(35);
  }, 90_000);
});
