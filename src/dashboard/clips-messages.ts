// The Clips page's texts, English and Chinese side by side.
import type { Messages } from './dashboard-types.ts';

export const clipsMessages: Messages = {
  'clips.title': { en: 'Clips', zh: '视频' },
  'clips.none': { en: 'Nothing rendered yet: run `promo render <spec>` and the videos show here.', zh: '还没有渲染任何视频：运行 `promo render <spec>` 后视频会显示在这里。' },
  'clips.reel': { en: 'Reel (all products)', zh: '合集（全部商品）' },
  'clips.seconds': { en: '{n} s', zh: '{n} 秒' },
  'clips.safeZones': { en: 'Safe zones', zh: '安全区' },
  'clips.noVideo': { en: 'No video for this preset.', zh: '此平台没有视频。' },
  'clips.coverOf': { en: 'Cover for {preset}', zh: '{preset} 封面' },
  'clips.notRendered': { en: 'Not rendered yet.', zh: '尚未渲染。' },
  'clips.specInvalid': { en: 'The spec does not load now, so its clips cannot be edited here; fix it in an editor:', zh: '规格文件目前无法加载，无法在此编辑；请在编辑器中修正：' },
  'clips.edit': { en: 'Edit clips ({n})', zh: '编辑片段（{n}）' },
  'clips.clip': { en: 'Clip {n}', zh: '片段 {n}' },
  'clips.caption': { en: 'Caption', zh: '字幕' },
  'clips.timedCaptions': { en: 'This clip takes its captions from a timed file (captions:); edit that file.', zh: '此片段的字幕来自时间轴文件（captions:），请编辑该文件。' },
  'clips.in': { en: 'In (s or mm:ss)', zh: '入点（秒或 mm:ss）' },
  'clips.out': { en: 'Out (s or mm:ss)', zh: '出点（秒或 mm:ss）' },
  'clips.durationGiven': { en: 'duration {n} s', zh: '时长 {n} 秒' },
  'clips.save': { en: 'Save and re-render', zh: '保存并重新渲染' },
  'clips.rendering': { en: 'Re-rendering', zh: '正在重新渲染' },
  'clips.waiting': { en: 'Waiting for a worker', zh: '等待 worker 接手' },
  'clips.waitingWhy': { en: 'queued: it starts once a promo worker is free (check that one is running).', zh: '已排队：有空闲的 promo worker 时开始（请确认有 worker 在运行）。' },
  'clips.rendered': { en: 'Re-rendered: the new video is below.', zh: '已重新渲染：新视频在下方。' },
  'clips.renderFailed': { en: 'Re-render failed', zh: '重新渲染失败' },
  'clips.refused': { en: 'The edit was not saved: fix what is marked below.', zh: '修改未保存：请修正下方标出的问题。' },
};
