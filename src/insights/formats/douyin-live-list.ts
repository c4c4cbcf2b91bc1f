// 抖音电商罗盘 → 直播 → 直播间列表 → 下载明细 (XLSX or CSV): one row per stream with its start and
// end (`2026/09/07 08:55:37`), reach, online viewers and sales. `-` is empty.
import type { ExportFormat } from '../export-format.ts';

export const douyinLiveList: ExportFormat = {
  id: 'douyin-live-list',
  platform: 'douyin',
  kind: 'streams',
  label: '抖音电商罗盘 直播间列表',
  required: ['直播开始时间', '直播间观看人数'],
  distinctive: ['直播结束时间', '最高在线人数'],
  columns: {
    title: ['主播昵称'],
    start: ['直播开始时间'],
    end: ['直播结束时间'],
    exposure: ['直播间曝光人数'],
    viewers: ['直播间观看人数'],
    peakOnline: ['最高在线人数'],
    avgOnline: ['平均在线人数'],
    gmv: ['直播间用户支付金额', '直播间成交金额'],
    orders: ['直播间成交订单数'],
    newFollowers: ['新增粉丝数'],
  },
};
