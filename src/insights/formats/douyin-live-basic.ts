// The 基本信息 sheet of a stream's 整场数据下载 workbook: who streamed and when
// (`2026/07/28 08:15:49-2026/07/28 15:44:39`). The workbook's other sheets (整体看板, 短视频引流,
// 商品明细) belong to this stream, so it is read first.
import type { ExportFormat } from '../export-format.ts';

export const douyinLiveBasic: ExportFormat = {
  id: 'douyin-live-basic',
  platform: 'douyin',
  kind: 'streams',
  label: '抖音 整场数据 基本信息',
  sheets: ['基本信息'],
  required: ['直播时间'],
  distinctive: ['达人昵称', '千次观看用户支付金额'],
  columns: {
    title: ['达人昵称'],
    startEnd: ['直播时间'],
    gmv: ['直播间用户支付金额'],
  },
};
