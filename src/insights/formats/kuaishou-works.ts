// 快手创作者服务平台 → 作品数据 → 作品列表明细 → 导出 (XLSX): like Douyin's list with 作品 and 涨粉量.
import type { ExportFormat } from '../export-format.ts';

export const kuaishouWorks: ExportFormat = {
  id: 'kuaishou-works',
  platform: 'kuaishou',
  kind: 'posts',
  label: '快手 作品列表明细',
  required: ['作品', '发布时间', '播放量'],
  distinctive: ['涨粉量'],
  columns: {
    title: ['作品'],
    published: ['发布时间'],
    views: ['播放量'],
    completion: ['完播率'],
    comments: ['评论量'],
    likes: ['点赞量'],
    saves: ['收藏量'],
    shares: ['分享量'],
    followersGained: ['涨粉量'],
  },
};
