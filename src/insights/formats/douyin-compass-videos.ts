// 抖音电商罗盘 → 短视频 → 视频明细 → 下载 (XLSX): per clip the product it carries, whether it was
// boosted (是否投放), sales and the viewers it sent into the live room (引流直播间次数). Month to
// month some money headers gain a `(元)` suffix: both spellings are listed.
import type { ExportFormat } from '../export-format.ts';

export const douyinCompassVideos: ExportFormat = {
  id: 'douyin-compass-videos',
  platform: 'douyin',
  kind: 'posts',
  label: '抖音电商罗盘 视频明细',
  required: ['视频标题', '发布时间', '视频观看次数'],
  distinctive: ['引流直播间次数', '带货商品id', '是否投放'],
  columns: {
    remoteId: ['视频id'],
    title: ['视频标题'],
    published: ['发布时间'],
    paid: ['是否投放'],
    product: ['带货商品id'],
    views: ['视频观看次数'],
    gmv: ['用户支付金额(元)', '用户支付金额'],
    likes: ['点赞数'],
    comments: ['评论数'],
    saves: ['收藏数'],
    shares: ['转发数'],
    completion: ['完播率'],
    watchSeconds: ['平均观看时长'],
    liveReferrals: ['引流直播间次数'],
  },
};
