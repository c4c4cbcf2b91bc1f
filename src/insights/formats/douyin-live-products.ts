// The 商品分析-商品明细 sheet of a stream's 整场数据下载 workbook: sales, exposure and clicks of each
// product in the stream. Rows whose 商品ID starts with `-` are summaries and are skipped.
import type { ExportFormat } from '../export-format.ts';

export const douyinLiveProducts: ExportFormat = {
  id: 'douyin-live-products',
  platform: 'douyin',
  kind: 'products',
  label: '抖音 整场数据 商品明细',
  sheets: ['商品分析-商品明细', '商品明细'],
  required: ['商品id', '商品名称', '用户支付金额'],
  columns: {
    productId: ['商品id'],
    name: ['商品名称'],
    gmv: ['用户支付金额'],
    units: ['成交件数'],
    buyers: ['成交人数'],
    exposure: ['商品曝光人数'],
    clicks: ['商品点击人数'],
  },
};
