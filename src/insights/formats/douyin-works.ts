// 抖音创作者中心 → 数据中心 → 作品数据 → 作品列表 → 导出 (XLSX). `作品名称` holds the title and the
// whole body text; times are Beijing time without a zone; `--` is empty; rates come as `35.6%`,
// `0.356` or `35.6`. The export has no per-post id, so rows are known by title and time.
import type { ExportFormat } from '../export-format.ts';

export const douyinWorks: ExportFormat = {
  id: 'douyin-works',
  platform: 'douyin',
  kind: 'posts',
  label: '抖音创作者中心 作品列表',
  required: ['作品名称', '发布时间', '播放量'],
  distinctive: ['粉丝增量', '主页访问量', '2s跳出率', '5s完播率'],
  columns: {
    title: ['作品名称'],
    published: ['发布时间'],
    contentType: ['体裁'],
    views: ['播放量'],
    completion: ['完播率'],
    watchSeconds: ['平均播放时长'],
    likes: ['点赞量'],
    comments: ['评论量'],
    shares: ['分享量'],
    saves: ['收藏量'],
    followersGained: ['粉丝增量'],
    clickRate: ['封面点击率'],
  },
};
