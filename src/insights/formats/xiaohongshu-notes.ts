// 小红书创作服务平台 → 数据分析 → 笔记数据 → 导出 (笔记列表明细表, XLSX). Row 1 is a hint line
// ("最多导出…"); the header is on row 2. `人均观看时长` looks like `7.03秒`; titles may be blank.
import type { ExportFormat } from '../export-format.ts';

export const xiaohongshuNotes: ExportFormat = {
  id: 'xiaohongshu-notes',
  platform: 'xiaohongshu',
  kind: 'posts',
  label: '小红书 笔记列表明细表',
  required: ['笔记标题', '首次发布时间'],
  distinctive: ['涨粉', '封面点击率'],
  columns: {
    title: ['笔记标题'],
    published: ['首次发布时间'],
    contentType: ['体裁'],
    impressions: ['曝光'],
    views: ['观看量'],
    clickRate: ['封面点击率'],
    likes: ['点赞'],
    comments: ['评论'],
    saves: ['收藏'],
    followersGained: ['涨粉'],
    shares: ['分享'],
    watchSeconds: ['人均观看时长'],
  },
};
