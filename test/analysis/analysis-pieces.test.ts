// The analysis's small pure pieces: the decodes' exact arguments, the global-shift search, the
// frame and loudness meters on pictures and sound whose answer is known, and the frame log that
// places cuts on their frames.
import { describe, expect, it } from 'vitest';
import { CUT_PLACE_MIN_SCORE } from '../../src/analysis/analysis-constants.ts';
import type { FrameLog } from '../../src/analysis/analysis-types.ts';
import { AudioMeter } from '../../src/analysis/audio-meter.ts';
import { estimateShift } from '../../src/analysis/estimate-shift.ts';
import { FrameMeter } from '../../src/analysis/frame-meter.ts';
import { pictureStart } from '../../src/analysis/picture-start.ts';
import { placeCuts } from '../../src/analysis/place-cuts.ts';
import { planAnalysisCommand } from '../../src/analysis/plan-analysis-command.ts';
import { readFrameLog } from '../../src/analysis/read-frame-log.ts';

function texture(width: number, height: number, dx = 0, dy = 0): Uint8Array {
  const pixels = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const u = x - dx;
      const v = y - dy;
      // Smooth blobs at several scales: something a shift search can lock onto.
      pixels[y * width + x] = Math.round(128 + 50 * Math.sin(u / 5.3) * Math.cos(v / 4.1) + 40 * Math.sin((u + 2 * v) / 11.7));
    }
  }
  return pixels;
}

describe('planAnalysisCommand', () => {
  const whitelist = ['-protocol_whitelist', 'file', '-format_whitelist', 'mov,mp4,m4a,3gp,3g2,mj2,matroska,webm,avi,mpegts,mpeg,flv,asf'];
  const graph = (w: number, h: number, trim = '') => ['-filter_complex', `[0:v:0]${trim}fps=fps=10:eof_action=pass,scale=w=${w}:h=${h}:flags=area,format=gray[v]`];
  const out = ['-map', '[v]', '-vsync', 'passthrough', '-f', 'rawvideo', '-pix_fmt', 'gray', 'pipe:1'];
  const head = ['-hide_banner', '-nostdin', '-nostats', '-v', 'error'];
  const skip = ['-flags', 'gray', '-skip_frame', 'noref', '-skip_loop_filter', 'all'];

  it('builds one decode: grey frames at 10 fps, 160 px long side, and mono 8 kHz PCM, both to stdout', () => {
    const command = planAnalysisCommand({ input: '/f/take.mov', displayWidth: 1080, displayHeight: 1920, hasAudio: true });
    expect(command).toEqual({
      width: 90,
      height: 160,
      video: [[...head, ...skip, ...whitelist, '-i', '/f/take.mov', ...graph(90, 160), ...out]],
      audio: [...head, ...whitelist, '-i', '/f/take.mov', '-map', '0:a:0', '-vn', '-af', 'aresample=osr=8000:first_pts=0', '-ac', '1', '-ar', '8000', '-c:a', 'pcm_s16le', '-f', 's16le', 'pipe:1'],
    });
  });

  it('splits the picture at a keyframe: the first half reads half a second past it, the second seeks just past it with the take\'s own times and starts at it', () => {
    const command = planAnalysisCommand({ input: 'x.mp4', displayWidth: 1920, displayHeight: 1080, hasAudio: false, splitAt: 30 });
    expect(command.audio).toBeUndefined();
    expect(command.video).toEqual([
      [...head, '-threads', '1', ...skip, '-t', '30.500000', ...whitelist, '-i', 'x.mp4', ...graph(160, 90), ...out],
      [...head, '-threads', '1', ...skip, '-noaccurate_seek', '-itsoffset', '30.150435', '-ss', '30.150435', ...whitelist, '-i', 'x.mp4', ...graph(160, 90, 'trim=start=29.999900,'), ...out],
    ]);
  });

  it('logs every decoded frame of each half, tiny, with its scene score and time in microseconds', () => {
    const command = planAnalysisCommand({ input: 'x.mp4', displayWidth: 1920, displayHeight: 1080, hasAudio: false, splitAt: 30, frameLogs: ['/t/a:1.log', '/t/b.log'] });
    const logged = (trim: string, file: string) => ['-filter_complex', `[0:v:0]${trim}split=2[all][log];`
      + `[log]scale=w=32:h=18:flags=fast_bilinear,format=gray,settb=AVTB,select=\\'gte(scene\\,0)\\',metadata=mode=print:key=lavfi.scene_score:file=${file},nullsink;`
      + '[all]fps=fps=10:eof_action=pass,scale=w=160:h=90:flags=area,format=gray[v]'];
    expect(command.video.map((args) => args.slice(args.indexOf('-filter_complex'), args.indexOf('-filter_complex') + 2))).toEqual([
      logged('', "\\'/t/a:1.log\\'"),
      logged('trim=start=29.999900,', '/t/b.log'),
    ]);
  });
});

describe('readFrameLog and placeCuts', () => {
  const text = (frames: [number, number][]) => frames.map(([us, score], i) => `frame:${i}    pts:${us}   pts_time:${us / 1e6}\nlavfi.scene_score=${score.toFixed(6)}\n`).join('');

  it('reads the times and scores ffmpeg\'s metadata filter prints', () => {
    expect(readFrameLog(`${text([[0, 0], [16667, 0.01], [33333, 0.9]])}junk\n`)).toEqual({ time: [0, 0.016667, 0.033333], score: [0, 0.01, 0.9] });
  });

  it('places a cut on the frame that changed most near it, and its end after the frame decoded before it', () => {
    // 60 fps frames from 0 to 1.5 s; the cut found at analysed frame 13 (1.3 s) is at 1.316667 s (frame 79).
    const every = Array.from({ length: 91 }, (_, k): [number, number] => [Math.round((k / 60) * 1e6), k === 79 ? 0.8 : 0.01]);
    const [exact] = placeCuts([13], 10, [readFrameLog(text(every))], 1 / 60);
    expect([exact!.frame, exact!.start]).toEqual([13, 1.316667]);
    expect(exact!.end).toBeCloseTo(1.316667, 5);
    // The frame before the cut was not decoded: the old scene ends after the one before it.
    const [cut] = placeCuts([13], 10, [readFrameLog(text(every.filter((_, k) => k !== 78)))], 1 / 60);
    expect(cut!.start).toBe(1.316667);
    expect(cut!.end).toBeCloseTo(1.3, 5);
    // A second half's log whose first frame is the cut: that frame was compared with nothing, the
    // first half's log places it.
    const halves = [every.slice(0, 80), every.slice(79)].map((frames) => readFrameLog(text(frames)));
    expect(placeCuts([13], 10, halves, 1 / 60)[0]!.start).toBe(1.316667);
    // Only the second half's log: no frame near the cut changed enough, it is not placed.
    expect(placeCuts([13], 10, [readFrameLog(text(every.slice(0, 1))), halves[1]!], 1 / 60)).toEqual([]);
    // No frame near the cut: not placed.
    expect(placeCuts([30], 10, [readFrameLog(text(every))], 1 / 60)).toEqual([]);
    // A picture that starts 0.5 s in (after the sound): analysed frame 8 is at 1.3 s.
    expect(placeCuts([8], 10, [readFrameLog(text(every.slice(30)))], 1 / 60)[0]!.start).toBe(1.316667);
  });

  it('places every cut as a scan of every logged frame would, ties and logs out of time order included', () => {
    // The scan placeCuts replaced (every logged frame per cut): the same frame must win each cut.
    const scan = (cuts: number[], fps: number, logs: FrameLog[], frameSeconds: number) => cuts.flatMap((frame) => {
      const origin = pictureStart(logs, fps);
      const from = origin + (frame - 2) / fps;
      const to = origin + (frame + 0.5) / fps;
      let best: { frame: number; start: number; end: number } | undefined;
      let bestScore = -1;
      for (const log of logs) {
        for (let j = 1; j < log.time.length; j++) {
          const t = log.time[j]!;
          if (t < from || t >= to || log.score[j]! <= bestScore) continue;
          bestScore = log.score[j]!;
          best = { frame, start: t, end: Math.min(t, log.time[j - 1]! + frameSeconds) };
        }
      }
      return best && bestScore >= CUT_PLACE_MIN_SCORE ? [best] : [];
    });
    let state = 7;
    const random = () => ((state = (state * 1103515245 + 12345) % 2147483648) / 2147483648);
    for (let round = 0; round < 40; round++) {
      // 30 fps frames, some dropped, scores on a coarse grid so that ties are common; two halves
      // that overlap, and every fifth round a log whose frames are out of time order.
      const times = Array.from({ length: 600 }, (_, k) => k / 30 + 0.4).filter(() => random() > 0.2);
      const log = (part: number[]): FrameLog => ({ time: part, score: part.map(() => Math.round(random() * 4) / 4) });
      const middle = Math.floor(times.length / 2);
      const logs = [log(times.slice(0, middle + 3)), log(times.slice(middle))];
      if (round % 5 === 4) logs[1]!.time.reverse();
      const cuts = Array.from({ length: 30 }, () => Math.floor(random() * 210));
      expect(placeCuts(cuts, 10, logs, 1 / 30)).toEqual(scan(cuts, 10, logs, 1 / 30));
    }
  });
});

describe('estimateShift', () => {
  it('finds a known shift of the picture (content moved by dx, dy) to within half a pixel', () => {
    const width = 160;
    const height = 90;
    const small = (p: Uint8Array) => {
      const out = new Float32Array(40 * 22);
      for (let y = 0; y < 88; y++) for (let x = 0; x < 160; x++) out[(y >> 2) * 40 + (x >> 2)]! += p[y * width + x]! / 16;
      return out;
    };
    const before = texture(width, height);
    for (const [dx, dy] of [[0, 0], [3, -2], [-7, 5], [11, 0]] as const) {
      const after = texture(width, height, dx, dy);
      const shift = estimateShift({ full: before, small: small(before) }, { full: after, small: small(after) }, width, height, 13);
      expect(shift.x).toBeCloseTo(dx, 0);
      expect(shift.y).toBeCloseTo(dy, 0);
    }
  });
});

describe('FrameMeter and AudioMeter', () => {
  it('measures light, black share, sharpness and change of known frames', () => {
    const meter = new FrameMeter(160, 90, 10);
    meter.push(new Uint8Array(160 * 90));
    meter.push(texture(160, 90));
    meter.push(texture(160, 90));
    const s = meter.series;
    expect(s.time).toEqual([0, 0.1, 0.2]);
    expect(s.luma[0]).toBe(0);
    expect(s.blackShare[0]).toBe(1);
    expect(s.sharpness[0]).toBe(0);
    expect(s.sharpness[1]).toBeGreaterThan(1);
    // Black to a picture: a flat frame has nothing to compare, so no change (never a cut).
    expect(s.change[1]).toBe(0);
    expect(s.diff[2]).toBe(0);
    expect(s.change[2]).toBeCloseTo(0, 5);
  });

  it('turns PCM into RMS dBFS per window, across chunks that split a sample', () => {
    const meter = new AudioMeter(8000, 0.05);
    const pcm = Buffer.alloc(800 * 2);
    // 400 samples of a full-scale square wave, then 400 of silence.
    for (let i = 0; i < 400; i++) pcm.writeInt16LE(i % 2 ? 32767 : -32768, i * 2);
    meter.push(pcm.subarray(0, 301));
    meter.push(pcm.subarray(301));
    const { db, window } = meter.finish();
    expect(window).toBe(0.05);
    expect(db).toHaveLength(2);
    expect(db[0]).toBeCloseTo(0, 2);
    expect(db[1]).toBe(-100);
  });
});
