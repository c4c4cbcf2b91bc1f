// The 整体看板 sheet of a stream's 整场数据下载 workbook: viewers and online counts of the stream
// named by the workbook's 基本信息 sheet.
import type { ExportFormat } from '../export-format.ts';

export const douyinLiveOverview: ExportFormat = {
  id: 'douyin-live-overview',
  platform: 'douyin',
  kind: 'streams',
  label: '抖音 整场数据 整体看板',
  sheets: ['整体看板'],
  required: ['直播间观看人数', '平均在线人数'],
  columns: {
    viewers: ['直播间观看人数'],
    avgOnline: ['平均在线人数'],
    peakOnline: ['最高在线人数'],
  },
};
