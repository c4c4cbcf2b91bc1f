// 视频号助手 → 数据中心 → 动态数据 → 下载明细 (XLSX or CSV). `发布时间` may be an Excel serial number
// (46233 = 2026-07-30) or `2026/07/24`; there is no 收藏 column (推荐 is the nearest).
import type { ExportFormat } from '../export-format.ts';

export const wechatChannelsWorks: ExportFormat = {
  id: 'wechat-channels-works',
  platform: 'wechat-channels',
  kind: 'posts',
  label: '视频号助手 动态数据明细',
  required: ['视频描述', '发布时间', '播放量'],
  distinctive: ['视频id', '推荐', '喜欢', '关注量'],
  columns: {
    remoteId: ['视频id'],
    title: ['视频描述'],
    published: ['发布时间'],
    views: ['播放量'],
    likes: ['喜欢'],
    comments: ['评论量'],
    shares: ['分享量'],
    followersGained: ['关注量'],
    completion: ['完播率'],
    watchSeconds: ['平均播放时长'],
  },
};
