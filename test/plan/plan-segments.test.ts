// The plans of an incremental re-render: keyframes at segment starts in a whole render (items; at
// a crossfade each overlap's edges), video-only segments, the cut into segments, the concat list
// and the join with the whole audio.
import { describe, expect, it } from 'vitest';
import type { MediaInfo } from '../../src/media/probe-media.ts';
import { findPreset } from '../../src/presets/presets.ts';
import { planTimeline } from '../../src/plan/plan-timeline.ts';
import { planConcatList } from '../../src/plan/plan-concat-list.ts';
import { planSegmentJoin } from '../../src/plan/plan-segment-join.ts';
import { planSegmentLayout } from '../../src/plan/plan-segment-layout.ts';
import { planSegmentSplit } from '../../src/plan/plan-segment-split.ts';
import type { PresetOutput, TimelineItem } from '../../src/plan/plan-types.ts';
import { commandToArgs } from '../../src/plan/ffmpeg-command.ts';
import { planEncoding } from '../../src/plan/plan-encoding.ts';

const media: MediaInfo = {
  path: '/f/tea.mp4',
  duration: 12,
  formatName: 'mov,mp4,m4a,3gp,3g2,mj2',
  video: { index: 0, codec: 'h264', width: 1920, height: 1080, displayWidth: 1920, displayHeight: 1080, rotation: 0, sar: 1, fps: 30, hdr: false, delay: 0 },
  audio: { index: 1, codec: 'aac', channels: 2, sampleRate: 44100 },
};
const clip = (start: number, duration: number): TimelineItem => ({
  kind: 'clip', source: '/f/tea.mp4', media, still: false, start, duration, fit: 'blur', focus: 0.5, padColor: '#E60012', captions: [], product: 'TEA-001',
});
const douyin: PresetOutput = { preset: findPreset('douyin')!, target: '/out/douyin.mp4', badges: {}, captions: {} };
const items = [clip(0, 1.5), clip(2, 1.2), clip(4, 2)];

describe('segment plans', () => {
  const base = { outputs: [douyin], audio: { limit: false }, encode: planEncoding('standard'), capabilities: { fpsModeOption: '-fps_mode' } } as const;
  const forced = (options: string[]) => options.slice(options.indexOf('-force_key_frames'), options.indexOf('-force_key_frames') + 2);

  it('a whole render with keyframeAtSegments forces an IDR at each later item\'s first frame', () => {
    const { command } = planTimeline({ ...base, items, keyframeAtSegments: true });
    expect(forced(command.outputs[0]!.options)).toEqual(['-force_key_frames', '1.500000,2.700000']);
  });

  it('at a crossfade, segments are each item\'s middle and each overlap, keyframes at all their edges', () => {
    const crossfade = { type: 'crossfade', duration: 0.5 } as const;
    // 45, 36 and 60 frames overlapping by 15: 0–30 | 30–45 | 45–66 | 66–81 | 81–126.
    expect(planSegmentLayout(items, crossfade, 30).segments).toEqual([
      { first: 0, last: 0, start: 0, frames: 30 },
      { first: 0, last: 1, start: 30, frames: 15 },
      { first: 1, last: 1, start: 45, frames: 6 },
      { first: 1, last: 2, start: 51, frames: 15 },
      { first: 2, last: 2, start: 66, frames: 45 },
    ]);
    const { command } = planTimeline({ ...base, items, transition: crossfade, keyframeAtSegments: true });
    expect(forced(command.outputs[0]!.options)).toEqual(['-force_key_frames', '1.000000,1.500000,1.700000,2.200000']);
    // A fade stays inside each item: one segment per item.
    expect(planSegmentLayout(items, { type: 'fade', duration: 0.5 }, 30).segments.map((s) => [s.start, s.frames])).toEqual([[0, 45], [45, 36], [81, 60]]);
  });

  it('a part of a crossfade timeline joins its items as the whole does and writes each window as its own file', () => {
    const crossfade = { type: 'crossfade', duration: 0.5 } as const;
    const { command } = planTimeline({
      ...base, items, transition: crossfade,
      part: { first: 0, last: 2, pieces: [[{ start: 30, frames: 15, target: '/w/a.mp4' }, { start: 45, frames: 6, target: '/w/b.mp4' }, { start: 51, frames: 15, target: '/w/c.mp4' }]] },
    });
    const whole = planTimeline({ ...base, items, transition: crossfade });
    const xfades = (graph: string | undefined) => graph!.match(/xfade=[^;[]*/g);
    // xfade is given the overlaps alone (each 15 frames, from their own 0), in the whole and the part.
    expect(xfades(whole.command.graph)).toEqual(['xfade=transition=fade:duration=0.5:offset=0,format=yuv420p', 'xfade=transition=fade:duration=0.5:offset=0,format=yuv420p']);
    // Only the first clip's tail is needed: its first 30 frames are dropped before the fit, and
    // what is left of it (15 frames) is all overlap; the last clip is cut to its overlap too.
    expect(command.graph).toContain('fps=30,trim=start_frame=30,');
    expect(xfades(command.graph)).toEqual(['xfade=transition=fade:duration=0.5:offset=0,format=yuv420p', 'xfade=transition=fade:duration=0.5:offset=0,format=yuv420p']);
    expect(command.graph).toContain('[s0p0][j01h]xfade=transition=fade:duration=0.5:offset=0,format=yuv420p[j0x1]');
    expect(command.graph).toContain('[j01t][s2p0]xfade=transition=fade:duration=0.5:offset=0,format=yuv420p[j0x2]');
    expect(command.graph).toContain('[j0x1][j01b][j0x2]concat=n=3:v=1:a=0[cat0]');
    expect(command.graph).toContain('trim=start_frame=0:end_frame=15');
    expect(command.graph).toContain('trim=start_frame=15:end_frame=21');
    expect(command.outputs.map((o) => o.target)).toEqual(['/w/a.mp4', '/w/b.mp4', '/w/c.mp4']);
    // The middle of item 1 alone needs no neighbour: one input, no xfade, its fade-free window.
    const middle = planTimeline({ ...base, items, transition: crossfade, part: { first: 1, last: 1, pieces: [[{ start: 45, frames: 6, target: '/w/b.mp4' }]] } });
    expect(middle.command.inputs.map((i) => i.options.slice(0, 2))).toEqual([['-ss', '2.000']]);
    expect(middle.command.graph).toContain('fps=30,trim=start_frame=15,');
    expect(middle.command.graph).toContain('trim=start_frame=0:end_frame=6');
    expect(middle.command.graph).not.toContain('xfade');
  });

  it('a crossfade part reads its last clip only as far as its pieces reach, and a run of segments is one encode with an IDR at each', () => {
    const crossfade = { type: 'crossfade', duration: 0.5 } as const;
    // Item 1's overlap before, its middle and the overlap after (30–66), as one piece.
    const run = { start: 30, frames: 36, target: '/w/run.mp4', keyframes: [15, 21] };
    const { command } = planTimeline({ ...base, items, transition: crossfade, part: { first: 0, last: 2, pieces: [[run]] } });
    // Item 2 (at 2 s on the timeline) shows only in the overlap before it (frames 51–66): 0.5 s
    // of it and the read margin, not its 2 s.
    expect(command.inputs.map((i) => i.options.slice(0, 4))).toEqual([['-ss', '0.000', '-t', '1.600'], ['-ss', '2.000', '-t', '1.300'], ['-ss', '4.000', '-t', '0.600']]);
    expect(command.outputs).toHaveLength(1);
    expect(forced(command.outputs[0]!.options)).toEqual(['-force_key_frames', '0.500000,0.700000']);
    expect(command.graph).toContain('trim=start_frame=0:end_frame=36');
    // The same pieces one by one: the same reads, three encodes and no forced keyframes.
    const apart = planTimeline({ ...base, items, transition: crossfade, part: { first: 0, last: 2, pieces: [[
      { start: 30, frames: 15, target: '/w/a.mp4' }, { start: 45, frames: 6, target: '/w/b.mp4' }, { start: 51, frames: 15, target: '/w/c.mp4' },
    ]] } });
    expect(apart.command.inputs.map((i) => i.options.slice(0, 4))).toEqual(command.inputs.map((i) => i.options.slice(0, 4)));
    expect(apart.command.outputs.map((o) => o.options.includes('-force_key_frames'))).toEqual([false, false, false]);
  });

  it('a crossfade part whose first clip is read from its tail (headSeek) moves those frames on instead of decoding and dropping the head', () => {
    const crossfade = { type: 'crossfade', duration: 0.5 } as const;
    const run = { start: 30, frames: 36, target: '/w/run.mp4', keyframes: [15, 21] };
    const dropped = planTimeline({ ...base, items, transition: crossfade, part: { first: 0, last: 2, pieces: [[run]] } });
    const { command } = planTimeline({ ...base, items, transition: crossfade, part: { first: 0, last: 2, pieces: [[run]], headSeek: 1 } });
    // Item 0 (0–1.5 s, read to 1.6 s) from its frame 30 at 1 s to the same end; the others as before.
    expect(command.inputs.map((i) => i.options.slice(0, 4))).toEqual([['-ss', '1.000', '-t', '0.600'], ...dropped.command.inputs.slice(1, 3).map((i) => i.options.slice(0, 4))]);
    expect(dropped.command.graph).toContain('fps=30,trim=start_frame=30,');
    expect(command.graph).toContain('fps=30,setpts=PTS+30,');
    expect(command.graph).not.toContain('trim=start_frame=30');
    // Everything after the clip's first frames is the same graph.
    expect(command.graph!.replace('setpts=PTS+30', 'trim=start_frame=30')).toBe(dropped.command.graph);
  });

  it('a run with a list is cut at its keyframes as it is encoded: the segment muxer writes its segments into the folder, the same x264 settings', () => {
    const crossfade = { type: 'crossfade', duration: 0.5 } as const;
    const run = { start: 30, frames: 36, target: '/w/run.mp4', keyframes: [15, 21] };
    const file = planTimeline({ ...base, items, transition: crossfade, part: { first: 0, last: 2, pieces: [[run]] } }).command.outputs[0]!;
    const cut = planTimeline({ ...base, items, transition: crossfade, part: { first: 0, last: 2, pieces: [[{ ...run, target: '/w/100%/run', list: '/w/run.csv' }]] } }).command.outputs[0]!;
    expect(cut.target).toBe('/w/100%%/run/%d.mp4');
    const muxer = cut.options.slice(cut.options.indexOf('-avoid_negative_ts'));
    expect(muxer).toEqual(['-avoid_negative_ts', 'disabled', '-f', 'segment', '-segment_format', 'mp4', '-reset_timestamps', '1', '-segment_frames', '15,21', '-segment_list', '/w/run.csv', '-segment_list_type', 'csv']);
    // Up to the container, the options of the run written as one file, less its faststart.
    const before = (options: string[]) => options.slice(0, options.indexOf('-map_metadata')).filter((o) => o !== '-movflags' && o !== '+faststart');
    expect(before(cut.options)).toEqual(before(file.options));
  });

  it('a video-only segment has no audio input, chain or stream, and the whole render\'s x264 settings', () => {
    const whole = planTimeline({ ...base, items: [items[1]!] });
    const segment = planTimeline({ ...base, items, part: { first: 1, last: 1, pieces: [[{ start: 45, frames: 36, target: '/w/1.mp4' }]] } });
    const options = segment.command.outputs[0]!.options;
    expect(options).toContain('-an');
    expect(options).not.toContain('[a0]');
    expect(segment.command.graph).not.toContain('anull');
    expect(segment.command.graph).not.toContain('[0:a');
    const x264 = (o: string[]) => o.slice(o.indexOf('-c:v'), o.indexOf('-color_range') + 2);
    expect(x264(options)).toEqual(x264(whole.command.outputs[0]!.options));
  });

  it('cuts each render at its items\' boundaries, keeping each segment\'s own timestamps', () => {
    const command = planSegmentSplit([{ file: '/out/a.mp4', frames: [45, 36, 60], dir: '/w/50%off/0', list: '/w/0.csv', audio: '/w/0.m4a' }]);
    expect(commandToArgs(command)).toEqual([
      '-hide_banner', '-nostdin', '-loglevel', 'error', '-xerror',
      '-protocol_whitelist', 'file', '-format_whitelist', 'mov,mp4', '-i', '/out/a.mp4', '-y',
      '-map', '0:v:0', '-c', 'copy', '-avoid_negative_ts', 'disabled',
      '-f', 'segment', '-segment_format', 'mp4', '-reset_timestamps', '1', '-segment_frames', '45,81',
      '-segment_list', '/w/0.csv', '-segment_list_type', 'csv', '/w/50%%off/0/%d.mp4',
      // The audio copied out as it is, to be copied into a re-render whose audio is unchanged.
      '-map', '0:a:0', '-c', 'copy', '-f', 'mp4', '/w/0.m4a',
    ]);
    // A video-only run of an incremental re-render: its segments only.
    const run = planSegmentSplit([{ file: '/w/run.mp4', frames: [15, 6, 15], dir: '/w/run', list: '/w/run.csv' }]);
    expect(commandToArgs(run).slice(-3)).toEqual(['-segment_list_type', 'csv', '/w/run/%d.mp4']);
  });

  it('lists segments with their exact durations and refuses a name that would need quoting', () => {
    expect(planConcatList([{ name: '0-0.mp4', frames: 45 }, { name: '0-1.mp4', frames: 36 }], 30)).toBe(
      'ffconcat version 1.0\nfile 0-0.mp4\nduration 1.500000\nfile 0-1.mp4\nduration 1.200000\n',
    );
    expect(() => planConcatList([{ name: "x'\nfile /etc/passwd", frames: 1 }], 30)).toThrow(/not a plain file name/);
  });

  it('joins the segments by stream copy, byte for byte, and encodes the whole audio beside them', () => {
    const command = planSegmentJoin({ items, audio: { limit: false }, transition: { type: 'cut', duration: 0 }, fps: 30, encode: planEncoding('standard'), outputs: [{ list: '/w/0.ffconcat', target: '/out/douyin.mp4' }] });
    expect(command.inputs[0]).toEqual({ options: ['-f', 'concat', '-auto_convert', '0', '-protocol_whitelist', 'file', '-format_whitelist', 'concat,mov,mp4'], source: '/w/0.ffconcat' });
    // Each clip's sound from its footage, read as the whole render reads it.
    expect(command.inputs.slice(1).map((i) => i.options.slice(0, 4))).toEqual([['-ss', '0.000', '-t', '1.600'], ['-ss', '2.000', '-t', '1.300'], ['-ss', '4.000', '-t', '2.100']]);
    expect(command.graph).toContain('[1:a:1]aresample=osr=48000:first_pts=0');
    expect(command.graph).toContain('concat=n=3:v=0:a=1');
    expect(command.outputs[0]!.options.slice(0, 6)).toEqual(['-map', '0:v:0', '-map', '[a0]', '-c:v', 'copy']);
    expect(command.outputs[0]!.options).toContain('+faststart');
  });

  it('copies kept audio instead of mixing and encoding it again', () => {
    const command = planSegmentJoin({
      items, audio: { limit: false }, transition: { type: 'cut', duration: 0 }, fps: 30, encode: planEncoding('standard'),
      outputs: [{ list: '/w/0.ffconcat', target: '/out/douyin.mp4', audio: '/w/0.m4a' }, { list: '/w/1.ffconcat', target: '/out/square.mp4', audio: '/w/1.m4a' }],
    });
    expect(command.graph).toBeUndefined();
    expect(command.inputs.map((i) => i.source)).toEqual(['/w/0.ffconcat', '/w/1.ffconcat', '/w/0.m4a', '/w/1.m4a']);
    expect(command.outputs[1]!.options.slice(0, 8)).toEqual(['-map', '1:v:0', '-map', '3:a:0', '-c:v', 'copy', '-c:a', 'copy']);
  });
});
