import { describe, expect, it } from 'vitest';
import type { MediaInfo } from '../../src/media/probe-media.ts';
import { findPreset } from '../../src/presets/presets.ts';
import { planLoudnessAnalysis } from '../../src/plan/plan-loudness-analysis.ts';
import { planTimeline } from '../../src/plan/plan-timeline.ts';
import { planLayout } from '../../src/plan/plan-layout.ts';
import type { PresetOutput, TimelineItem } from '../../src/plan/plan-types.ts';
import { commandToArgs } from '../../src/plan/ffmpeg-command.ts';
import { planEncoding } from '../../src/plan/plan-encoding.ts';

const media: MediaInfo = {
  path: '/f/tea.mp4',
  duration: 12,
  formatName: 'mov,mp4,m4a,3gp,3g2,mj2',
  video: { index: 0, codec: 'h264', width: 1920, height: 1080, displayWidth: 1920, displayHeight: 1080, rotation: 0, sar: 1, fps: 30, hdr: false, delay: 0 },
  audio: { index: 0, codec: 'aac', channels: 2, sampleRate: 44100 },
};

const clip = (start: number, duration: number, extra: Partial<Extract<TimelineItem, { kind: 'clip' }>> = {}): TimelineItem => ({
  kind: 'clip', source: '/f/tea.mp4', media, still: false, start, duration, fit: 'blur', focus: 0.5, padColor: '#E60012',
  captions: [], product: 'TEA-001', ...extra,
});

const output = (name: string, extra: Partial<PresetOutput> = {}): PresetOutput => ({
  preset: findPreset(name)!, target: `/out/${name}.mp4`, badges: {}, captions: {}, ...extra,
});

const plan = (items: TimelineItem[], outputs: PresetOutput[]) => planTimeline({
  items, outputs, audio: { limit: false }, encode: planEncoding('standard'), capabilities: { fpsModeOption: '-vsync' },
});

describe('planTimeline', () => {
  it('seeks each clip on its input and confines it to local media files', () => {
    const { command } = plan([clip(3.5, 5.5), clip(12, 6.5 - 6)], [output('douyin')]);
    expect(command.inputs[0]).toEqual({
      options: ['-ss', '3.500', '-t', '5.600', '-protocol_whitelist', 'file', '-format_whitelist', 'mov,mp4,m4a,3gp,3g2,mj2,matroska,webm,avi,mpegts,mpeg,flv,asf'],
      source: '/f/tea.mp4',
    });
    expect(command.inputs[1]!.options.slice(0, 4)).toEqual(['-ss', '12.000', '-t', '0.600']);
  });

  it('decodes each source once and splits it for every preset', () => {
    const { command } = plan([clip(0, 2)], [output('douyin'), output('square'), output('landscape')]);
    expect(command.inputs).toHaveLength(1);
    expect(command.graph).toContain('[0:v:0]split=3[c0p0][c0p1][c0p2]');
    expect(command.graph).toContain('asplit=3[a0][a1][a2]');
    expect(command.outputs.map((o) => o.target)).toEqual(['/out/douyin.mp4', '/out/square.mp4', '/out/landscape.mp4']);
  });

  it('builds the blurred fill at quarter size and a plain scale when shapes match', () => {
    const { command } = plan([clip(0, 2)], [output('douyin'), output('landscape')]);
    // Cut to the clip's 60 frames before anything else, then the frame-shaped middle cropped,
    // scaled to quarter size and blurred.
    expect(command.graph).toContain('[c0p0]setpts=PTS-STARTPTS,fps=30,tpad=stop_mode=clone:stop_duration=0.5,trim=end_frame=60,split=2[k0p0fg0][k0p0bg0]');
    expect(command.graph).toContain(
      "[k0p0bg0]crop=w=\\'min(iw\\,ih*0.5625/sar)\\':h=\\'min(ih\\,iw*sar/0.5625)\\',scale=w=270:h=480:in_color_matrix=bt709:out_color_matrix=bt709:out_range=tv:flags=fast_bilinear,boxblur=luma_radius=11:luma_power=2,eq=brightness=-0.06[k0p0bg]",
    );
    expect(command.graph).toContain('[k0p0fg0]scale=w=1080:h=608:in_color_matrix=bt709:out_color_matrix=bt709:out_range=tv[k0p0fg]');
    // Only the bars above and below the picture are scaled up (4×), and stacked with it.
    expect(command.graph).toContain('[k0p0bgs0]crop=w=270:h=164:x=0:y=0,scale=w=1080:h=656:flags=bilinear[k0p0bar0]');
    expect(command.graph).toContain('[k0p0bgs1]crop=w=270:h=164:x=0:y=316,scale=w=1080:h=656:flags=bilinear[k0p0bar1]');
    expect(command.graph).toContain('[k0p0bar0][k0p0fg][k0p0bar1]vstack=inputs=3,format=yuv420p[k0p0fit]');
    expect(command.graph).not.toContain('trim=end_frame=60,setpts');
    expect(command.graph).toContain('[c0p1]setpts=PTS-STARTPTS,fps=30,tpad=stop_mode=clone:stop_duration=0.5,trim=end_frame=60,scale=w=1920:h=1080:in_color_matrix=bt709:out_color_matrix=bt709:out_range=tv,format=yuv420p[k0p1fit]');
  });

  it('cuts every item to a whole number of frames and samples that add up exactly', () => {
    const items = [{ kind: 'card', card: 'intro', duration: 2 } as const, clip(0, 3.333), clip(5, 2.5), { kind: 'card', card: 'outro', duration: 2.5 } as const];
    const result = plan(items, [output('douyin', { intro: '/img/intro.png', outro: '/img/outro.png' })]);
    expect(result.frames).toEqual([310]);
    expect(result.duration).toBe(310 / 30);
    const frameCounts = [...result.command.graph!.matchAll(/trim=end_frame=(\d+)/g)].map((m) => Number(m[1]));
    expect(frameCounts).toEqual([60, 100, 75, 75]);
    const samples = [...result.command.graph!.matchAll(/atrim=end_sample=(\d+)/g)].map((m) => Number(m[1]));
    // 1600 samples per frame at 30 fps: the audio is exactly as long as the video.
    expect(samples.slice(0, 4)).toEqual([96000, 160000, 120000, 120000]);
    expect(samples.at(-1)).toBe(310 * 1600);
    expect(result.spans.map((s) => s.end * 30)).toEqual([60, 160, 235, 310]);
  });

  it('lays captions over their clip only while they show, logo and badge over the clips only', () => {
    const items = [
      { kind: 'card', card: 'intro', duration: 2 } as const,
      clip(0, 4, { captions: [{ start: 0.5, end: 3, key: 'c' }, { start: 0, end: 4, key: 'w' }] }),
    ];
    const placed = (path: string) => ({ path, x: 60, y: 1200, width: 900, height: 120 });
    const { command } = plan(items, [output('douyin', {
      intro: '/img/intro.png',
      logo: placed('/img/logo.png'),
      badges: { 'TEA-001': placed('/img/badge.png') },
      captions: { c: placed('/img/c.png'), w: placed('/img/w.png') },
    })]);
    expect(command.graph).toContain("overlay=x=60:y=1200:enable=\\'between(t\\,0.5\\,3)\\'");
    // A caption that spans the whole clip needs no enable expression.
    expect(command.graph).toMatch(/\[k1p0cap0\]\[t1c1p0\]overlay=x=60:y=1200\[k1p0cap1\]/);
    expect(command.graph).toContain("[cat0][logo0]overlay=x=60:y=1200:enable=\\'between(t\\,2\\,5.983)\\'[logo0o]");
    // The badge is laid over the product's clip itself: only those frames pay for it.
    expect(command.graph).toContain('[k1p0base][badge0_0]overlay=x=60:y=1200[k1p0badge]');
    expect(command.graph).toContain('[k1p0badge][t1c0p0]overlay=');
    // Overlay images are converted with the BT.709 matrix the output is tagged with.
    expect(command.graph).toContain('scale=out_color_matrix=bt709:out_range=tv,format=yuva420p[logo0]');
  });

  it('gives each product\'s clips its own badge, one image input split across its clips', () => {
    const placed = (path: string) => ({ path, x: 60, y: 300, width: 300, height: 150 });
    const { command } = plan([clip(0, 1, { product: 'A' }), clip(2, 1, { product: 'A' }), clip(4, 1, { product: 'B' })], [output('douyin', {
      badges: { A: placed('/img/a.png'), B: placed('/img/b.png') },
    })]);
    expect(command.inputs.filter((i) => i.source.startsWith('/img/'))).toHaveLength(2);
    expect(command.graph).toContain('[badge0_0]split=2[badge0_0_0][badge0_0_1]');
    expect(command.graph).toContain('[k0p0base][badge0_0_0]overlay=x=60:y=300[k0p0badge]');
    expect(command.graph).toContain('[k1p0base][badge0_0_1]overlay=x=60:y=300[k1p0badge]');
    expect(command.graph).toContain('[k2p0base][badge0_1]overlay=x=60:y=300[k2p0badge]');
  });

  it('writes H.264 High yuv420p CFR BT.709, AAC 48 kHz stereo, faststart, nothing else', () => {
    const { command } = plan([clip(0, 2)], [output('douyin')]);
    expect(command.outputs[0]!.options).toEqual([
      '-map', '[v0]', '-map', '[a0]',
      '-c:v', 'libx264', '-preset', 'veryfast', '-crf', '21', '-maxrate', '12M', '-bufsize', '24M',
      '-profile:v', 'high', '-pix_fmt', 'yuv420p', '-r', '30', '-vsync', 'cfr',
      '-color_primaries', 'bt709', '-color_trc', 'bt709', '-colorspace', 'bt709', '-color_range', 'tv',
      '-c:a', 'aac', '-b:a', '128k', '-ar', '48000', '-ac', '2',
      '-movflags', '+faststart', '-map_metadata', '-1', '-map_chapters', '-1', '-max_muxing_queue_size', '4096',
      '-f', 'mp4',
    ]);
    expect(commandToArgs(command).slice(0, 6)).toEqual(['-hide_banner', '-nostdin', '-loglevel', 'error', '-xerror', '-ss']);
  });

  it('gives clips without sound, stills and cards silence of the exact length', () => {
    const silent = { ...media, audio: undefined };
    const { command } = plan([clip(0, 2, { media: silent }), clip(0, 1.5, { still: true, source: '/w/still.png' })], [output('square')]);
    expect(command.graph).toContain('anullsrc=r=48000:cl=stereo,atrim=end_sample=96000[ai0]');
    expect(command.graph).toContain('anullsrc=r=48000:cl=stereo,atrim=end_sample=72000[ai1]');
    // A still is read once (no -loop): its fitted frame is repeated in memory, then zoomed.
    expect(command.inputs[1]!.options.slice(0, 2)).toEqual(['-framerate', '30']);
    expect(command.inputs[1]!.options).not.toContain('-loop');
    expect(command.graph).toMatch(/\[k1p0fit\]setsar=1,tpad=stop_mode=clone:stop_duration=2,zoompan=/);
  });

  it('stacks the side bars beside a portrait picture', () => {
    const portrait = { ...media, video: { ...media.video!, width: 1080, height: 1920, displayWidth: 1080, displayHeight: 1920 } };
    const { command } = plan([clip(0, 2, { media: portrait })], [output('landscape'), output('square')]);
    // 1080×1920 into 1920×1080: a 608×1080 picture between two 656-wide bars, 164 of 480 each.
    expect(command.graph).toContain('[k0p0bgs0]crop=w=164:h=270:x=0:y=0,scale=w=656:h=1080:flags=bilinear[k0p0bar0]');
    expect(command.graph).toContain('[k0p0bgs1]crop=w=164:h=270:x=316:y=0,scale=w=656:h=1080:flags=bilinear[k0p0bar1]');
    expect(command.graph).toContain('[k0p0bar0][k0p0fg][k0p0bar1]hstack=inputs=3,format=yuv420p[k0p0fit]');
    // Into 1080×1080: bars of 236 px either side of 608, from 60 of the fill's 270 (59, made even).
    expect(command.graph).toContain('[k0p1bgs0]crop=w=60:h=270:x=0:y=0,scale=w=236:h=1080:flags=bilinear[k0p1bar0]');
  });

  it('tone-maps HDR footage and honours the pad colour', () => {
    const hdr = { ...media, video: { ...media.video!, hdr: true, colorTransfer: 'arib-std-b67' } };
    const { command } = plan([clip(0, 2, { media: hdr, fit: 'pad' })], [output('douyin')]);
    expect(command.graph).toContain('tonemap=tonemap=hable:desat=0');
    expect(command.graph).toContain('pad=w=1080:h=1920:x=0:y=656:color=0xE60012');
  });

  it('mixes a ducked music bed and applies gain and limiter once, before the split', () => {
    const result = planTimeline({
      items: [clip(0, 2)],
      outputs: [output('douyin'), output('square')],
      audio: { music: { file: '/m/bgm.mp3', volume: -12, duck: true }, gainDb: 3.456, limit: true },
      encode: planEncoding('draft'),
      capabilities: { fpsModeOption: '-fps_mode' },
    });
    const graph = result.command.graph!;
    expect(result.command.inputs[1]).toEqual({ options: ['-stream_loop', '-1', '-protocol_whitelist', 'file', '-format_whitelist', 'mp3,wav,flac,ogg,aac,mov,mp4,m4a,matroska,webm'], source: '/m/bgm.mp3' });
    expect(graph).toContain('[music][akey]sidechaincompress=');
    expect(graph).toContain('amix=inputs=2:duration=first:dropout_transition=0,volume=volume=2[amixed]');
    expect(graph).toContain('[amixed]volume=volume=3.46dB,aresample=192000,alimiter=limit=0.8414:attack=5:release=80:level=0,aresample=48000,apad,atrim=end_sample=96000,asplit=2[a0][a1]');
    expect(result.command.outputs[0]!.options).toContain('-fps_mode');
  });
});

describe('planLoudnessAnalysis', () => {
  it('measures the same mix, audio only, with ebur128', () => {
    const command = planLoudnessAnalysis({ items: [clip(1, 2)], audio: { limit: false }, fps: 30 });
    expect(command.graph).toMatch(/ebur128=peak=true:framelog=verbose\[measured\]$/);
    expect(command.graph).not.toMatch(/:v:/);
    expect(command.outputs).toEqual([{ options: ['-map', '[measured]', '-f', 'null'], target: '-' }]);
  });
});

describe('transitions', () => {
  const items = (): TimelineItem[] => [{ kind: 'card', card: 'intro', duration: 2 }, clip(0, 3), clip(4, 3)];
  const outputs = () => [output('douyin', { intro: '/img/intro.png' })];

  it('lays out cuts end to end and crossfades overlapping by the transition, in whole frames', () => {
    expect(planLayout(items(), { type: 'cut', duration: 0 }, 30)).toMatchObject({ frames: [60, 90, 90], totalFrames: 240, overlapFrames: 0 });
    const crossfade = planLayout(items(), { type: 'crossfade', duration: 0.5 }, 30);
    expect(crossfade).toMatchObject({ frames: [60, 90, 90], overlapFrames: 15, totalFrames: 210 });
    expect(crossfade.spans).toEqual([{ start: 0, end: 2 }, { start: 1.5, end: 4.5 }, { start: 4, end: 7 }]);
    // Never more than half the shortest item.
    expect(planLayout([clip(0, 0.4), clip(1, 3)], { type: 'crossfade', duration: 2 }, 30).overlapFrames).toBe(6);
  });

  it('fades through black at every join but not at the very start or end', () => {
    const result = planTimeline({ items: items(), outputs: outputs(), audio: { limit: false }, encode: planEncoding('draft'), capabilities: { fpsModeOption: '-vsync' }, transition: { type: 'fade', duration: 0.4 } });
    const graph = result.command.graph!;
    expect(graph).toContain('[s0p0]fade=t=out:st=1.8:d=0.2[s0p0f]');
    expect(graph).toContain('[s1p0]fade=t=in:st=0:d=0.2,fade=t=out:st=2.8:d=0.2[s1p0f]');
    expect(graph).toContain('[s2p0]fade=t=in:st=0:d=0.2[s2p0f]');
    expect(graph).toContain('[s0p0f][s1p0f][s2p0f]concat=n=3:v=1:a=0[cat0]');
    expect(result.duration).toBe(8);
    expect(graph).toContain('afade=t=in:d=0.2,afade=t=out:st=2.8:d=0.2[ai1]');
  });

  it('crossfades with xfade and acrossfade, the video shorter by the overlaps', () => {
    const result = planTimeline({ items: items(), outputs: outputs(), audio: { limit: false }, encode: planEncoding('draft'), capabilities: { fpsModeOption: '-fps_mode' }, transition: { type: 'crossfade', duration: 0.5 } });
    const graph = result.command.graph!;
    // Each clip cut into its head, body and tail (2 s, 3 s, 3 s at 30 fps; 15-frame overlaps); xfade
    // blends only the overlaps, and concat joins bodies and blends in order.
    expect(graph).toContain('[s0p0]split=2[j00bs][j00ts]');
    expect(graph).toContain('[j00ts]trim=start_frame=45:end_frame=60,setpts=PTS-STARTPTS[j00t]');
    expect(graph).toContain('[s1p0]split=3[j01hs][j01bs][j01ts]');
    expect(graph).toContain('[j01bs]trim=start_frame=15:end_frame=75,setpts=PTS-STARTPTS[j01b]');
    expect(graph).toContain('[j00t][j01h]xfade=transition=fade:duration=0.5:offset=0,format=yuv420p[j0x1]');
    expect(graph).toContain('[j01t][j02h]xfade=transition=fade:duration=0.5:offset=0,format=yuv420p[j0x2]');
    expect(graph).toContain('[j00b][j0x1][j01b][j0x2][j02b]concat=n=5:v=1:a=0[cat0]');
    expect(graph).toContain('[ai0][ai1]acrossfade=ns=24000:c1=tri:c2=tri[ax1]');
    expect(graph).toContain('[ax1][ai2]acrossfade=ns=24000:c1=tri:c2=tri[amain]');
    expect(result.duration).toBe(7);
    expect(result.frames).toEqual([210]);
    // The final audio trim is the video's length.
    expect(graph).toContain(`atrim=end_sample=${7 * 48000}`);
  });
});
