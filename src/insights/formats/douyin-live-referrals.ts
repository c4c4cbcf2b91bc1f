// The 流量分析-短视频引流 sheet of a stream's 整场数据下载 workbook: each short video that led viewers
// into the live room, when it was posted, how often its live entrance was shown and how many
// entered through it. This is what ties a promo clip to the stream it announced.
import type { ExportFormat } from '../export-format.ts';

export const douyinLiveReferrals: ExportFormat = {
  id: 'douyin-live-referrals',
  platform: 'douyin',
  kind: 'referrals',
  label: '抖音 整场数据 短视频引流',
  sheets: ['流量分析-短视频引流', '短视频引流'],
  required: ['短视频名称', '投稿时间', '短视频引流直播间次数'],
  columns: {
    title: ['短视频名称'],
    published: ['投稿时间'],
    entryImpressions: ['短视频直播入口曝光次数'],
    referrals: ['短视频引流直播间次数'],
    clickRate: ['短视频直播入口点击率(次数)'],
  },
};
