// One fixture per export format, in the real files' shapes, encodings and quirks (see each format's
// file in src/insights/formats/ and shared research): what `promo insights import` must read.
import { csv, xlsx, zip, type Cell } from './fixture-kit.ts';

const d = (iso: string) => new Date(`${iso}Z`);

const DOUYIN_WORKS_HEADER = ['作品名称', '发布时间', '体裁', '审核状态', '播放量', '完播率', '5s完播率', '作品时长', '2s跳出率', '平均播放时长', '点赞量', '评论量', '分享量', '收藏量', '主页访问量', '粉丝增量'];
const DOUYIN_WORKS_ROWS: (string | number)[][] = [
  ['紫砂壶开箱｜今晚8点直播间见\n手工紫砂，一壶一证，直播间专享价', '2026-07-24 20:15:00', '视频', '已发布', 12400, '35.6%', '52.1%', 18, '21.0%', '7秒', 830, 41, 12, 66, 150, 23],
  ['明前龙井试喝', '2026-07-25 12:00:00', '视频', '已发布', '3,200', '0.281', '0.40', 25, '0.3', '9秒', 120, '--', 3, 9, 20, 4],
  ['=HYPERLINK("http://example.invalid","点我")', '2026-07-26 09:30:00', '图文', '已发布', 980, '12.3', '--', '--', '--', '--', 15, 2, '--', 1, 3, 0],
  ['茶杯套装上新', '2026/07/27 18:05', '视频', '已发布', '1.2万', '28.0%', '45.0%', 15, '19.0%', '6秒', 510, 22, 8, 30, 61, 11],
];

/** Every good fixture: file name → bytes. */
export async function exportFixtures(): Promise<Record<string, Buffer>> {
  return {
    // 抖音创作者中心 作品列表: XLSX, header on row 1, `--` empties, rates three ways, a formula-like title stored as text.
    'douyin-works.xlsx': await xlsx({ 作品列表: [DOUYIN_WORKS_HEADER, ...DOUYIN_WORKS_ROWS] }),
    // The same list saved as CSV by a Chinese Windows Excel: GB18030, CRLF, no BOM. Overlaps the XLSX.
    'douyin-works-gbk.csv': csv([DOUYIN_WORKS_HEADER, ...DOUYIN_WORKS_ROWS.slice(1), ['盖碗教学', '2026-07-28 21:00:00', '视频', '已发布', 2100, '30%', '50%', 20, '20%', '8秒', 90, 5, 1, 7, 10, 2]], { encoding: 'gb18030' }),
    // 罗盘 视频明细: a title line above the header, `(元)` money headers, 是否投放.
    'douyin-compass-videos.xlsx': await xlsx({
      Sheet1: [
        ['[20260701-20260731]视频明细_全部_挂车'],
        ['视频标题', '视频ID', '是否投放', '播放链接', '发布时间', '达人昵称', '达人抖音号', '带货商品ID', '视频观看次数', '用户支付金额(元)', '引流直播间次数', '点赞数', '评论数', '收藏数', '转发数', '完播率'],
        ['紫砂壶开箱｜今晚8点直播间见', '7391000000000000001', '否', 'https://www.douyin.com/video/7391000000000000001', d('2026-07-24T20:15:00'), '茶小铺', 'chaxiaopu', '3600000001', 12400, '1,280.50', 640, 830, 41, 66, 12, '35.6%'],
        ['明前龙井试喝', '7391000000000000002', '是', 'https://www.douyin.com/video/7391000000000000002', d('2026-07-25T12:00:00'), '茶小铺', 'chaxiaopu', '3600000002', 3200, '-', 85, 120, 0, 9, 3, '28.1%'],
      ],
    }),
    // 罗盘 直播间列表: UTF-8 with BOM, `-` empties, times with slashes.
    'douyin-live-list.csv': csv([
      ['主播昵称', '直播开始时间', '直播结束时间', '直播时长(分钟)', '直播间曝光人数', '直播间观看人数', '单小时观看人数', '最高在线人数', '平均在线人数', '直播间成交金额', '直播间用户支付金额', '直播间成交订单数', '新增粉丝数'],
      ['茶小铺', '2026/07/24 20:00:00', '2026/07/24 23:00:00', 180, 52000, 8100, 2700, 640, 210, '45,600.00', '45,600.00', 312, 95],
      ['茶小铺', '2026/07/26 12:00:00', '2026/07/26 14:00:00', 120, 21000, 2600, 1300, 190, 70, '9,800.00', '-', 61, 20],
      ['茶小铺', '2026/07/28 20:00:00', '2026/07/29 00:30:00', 270, 88000, 12500, 2778, 910, 300, '80,100.00', '80,100.00', 540, 160],
    ], { bom: true }),
    // 整场数据下载: six sheets; the stream's time in 基本信息, clips in 短视频引流, products with a `-` summary row.
    'douyin-live-session.xlsx': await xlsx({
      基本信息: [['达人昵称', '抖音号or火山号', '直播时间', '直播间用户支付金额', '千次观看用户支付金额'], ['茶小铺', 'chaxiaopu', '2026/07/28 20:00:00-2026/07/29 00:30:00', '¥80,100', '6,408']],
      整体看板: [['直播间观看人数', '平均在线人数', '人均观看时长', '直播间观看-成交率(人数)'], [12500, 300, '1分5秒', '0.68%']],
      '流量分析-流量转化': [['指标', '数值'], ['成交人数', 480]],
      '流量分析-渠道分析': [['渠道名称', '观看人数', '用户支付金额', '成交订单数', '千川消耗'], ['整体', 12500, 80100, 540, 3000], ['短视频引流', 2100, 12000, 80, 0]],
      '流量分析-短视频引流': [
        ['短视频名称', '投稿时间', '短视频直播入口曝光次数', '短视频引流直播间次数', '短视频直播入口点击率(次数)'],
        ['盖碗教学', '2026/07/27 20:00:00', 18000, 300, '1.67%'],
        ['今晚8点 紫砂专场', '2026/07/28 17:00:00', 26000, 1400, '5.38%'],
        ['还有15分钟开播', '2026/07/28 19:45:00', 9000, 400, '4.44%'],
      ],
      '商品分析-商品明细': [
        ['商品ID', '商品名称', '用户支付金额', '成交件数', '成交人数', '商品曝光人数', '商品点击人数'],
        ['3600000001', '手工紫砂壶 西施', '52,000', 130, 126, 9000, 1500],
        ['3600000002', '明前龙井 250g', '28,100', 410, 380, 8000, 2100],
        ['-', '合计', '80,100', 540, 480, '-', '-'],
        ['商品ID', '商品名称', '用户支付金额', '成交件数', '成交人数', '商品曝光人数', '商品点击人数'],
      ] as Cell[][],
    }),
    // 快手 作品列表明细: dates as real Excel date cells.
    'kuaishou-works.xlsx': await xlsx({
      作品列表明细: [
        ['作品', '发布时间', '播放量', '完播率', '评论量', '点赞量', '收藏量', '涨粉量'],
        ['紫砂壶开箱 今晚直播', d('2026-07-24T19:00:00'), 5400, '20.6%', 12, 230, 18, 9],
        ['龙井冲泡', d('2026-07-25T08:30:00'), 1900, '18.2%', 3, 80, 5, 1],
      ],
    }),
    // 视频号助手 动态数据明细: 发布时间 as Excel serial numbers (46227.84375 = 2026-07-24 20:15).
    'wechat-channels.xlsx': await xlsx({
      Sheet1: [
        ['视频描述', '视频ID', '发布时间', '播放量', '推荐', '喜欢', '评论量', '分享量', '关注量', '转发聊天和朋友圈', '完播率', '平均播放时长'],
        ['紫砂壶开箱 #茶具', 'export/UzFfAgtgekIEAQAAAAAA', 46227.84375, 3100, 40, 95, 7, 22, 5, 18, '31.2%', '8.5'],
        ['龙井冲泡', 'export/UzFfAgtgekIEAQAAAAAB', 46228, 800, 5, 20, 1, 3, 0, 2, '25%', '6'],
      ],
    }),
    // 小红书 笔记列表明细表: a hint line above the header, `7.03秒`, a blank title.
    'xiaohongshu-notes.xlsx': await xlsx({
      笔记列表明细表: [
        ['最多导出最近半年的笔记数据，数据更新至 2026-07-31'],
        ['笔记标题', '首次发布时间', '体裁', '曝光', '观看量', '封面点击率', '点赞', '评论', '收藏', '涨粉', '分享', '人均观看时长'],
        ['紫砂壶怎么挑｜新手必看', '2026-07-24 21:00', '视频', 23000, 4100, '12.5%', 320, 45, 210, 18, 30, '7.03秒'],
        ['', '2026-07-26 10:00', '图文', 5000, 700, '9.1%', 40, 3, 25, 2, 1, '--'],
      ],
    }),
    // TikTok Studio: ZIPs of UTF-8 CSVs with BOM, every field quoted, no trailing newline; stored, not deflated.
    'Content_chaxiaopu.zip': zip({
      'Content.csv': csv([
        ['Video title', 'Video link', 'Post time', 'Total likes', 'Total comments', 'Total shares', 'Total views'],
        ['Yixing teapot unboxing #tea', 'https://www.tiktok.com/@chaxiaopu/video/7400000000000000001', '2026-07-24T12:15:00Z', '1.2K', '34', '20', '18,400'],
        ['Longjing brewing', 'https://www.tiktok.com/@chaxiaopu/video/7400000000000000002', '2026-07-25T01:00:00Z', '310', '5', '2', '4,100'],
      ], { bom: true, quoteAll: true, trailingNewline: false }),
    }, true),
    'Followers_chaxiaopu.zip': zip({
      'FollowerHistory.csv': csv([['Date', 'Followers', 'Difference in followers from previous day'], ['July 24', '1200', '15']], { bom: true, quoteAll: true, trailingNewline: false }),
      'FollowerActivity.csv': csv([
        ['Date', 'Hour', 'Active followers'],
        ...[18, 19, 20, 21].map((h) => ['July 24', String(h), String(100 + h * 10)]),
        ...[18, 19, 20, 21].map((h) => ['July 25', String(h), String(120 + h * 10)]),
        ['July 31', '23', '0'],
      ], { bom: true, quoteAll: true, trailingNewline: false }),
    }, true),
    // YouTube Studio Export current view: Table data.csv with a `Total` row, beside Chart data and Totals.
    'youtube-export.zip': zip({
      'Table data.csv': csv([
        ['Content', 'Video title', 'Video publish time', 'Duration', 'Views', 'Watch time (hours)', 'Subscribers', 'Average view duration', 'Likes', 'Comments added', 'Shares', 'Impressions', 'Impressions click-through rate (%)'],
        ['Total', '', '', '', '5200', '80.5', '31', '0:00:55', '260', '18', '9', '70000', '4.2'],
        ['dQw4w9WgXcQ', 'Yixing teapot unboxing', 'Jul 24, 2026', '45', '4100', '61.2', '25', '0:00:54', '210', '15', '7', '52000', '4.9'],
        [' -abc123XYZ', 'Longjing brewing', 'Jul 26, 2026', '60', '1100', '19.3', '6', '0:01:03', '50', '3', '2', '18000', '0.6'],
      ]),
      'Chart data.csv': csv([['Date', 'Content', 'Views'], ['2026-07-24', 'dQw4w9WgXcQ', '2000']]),
      'Totals.csv': csv([['Date', 'Views'], ['2026-07-24', '2000']]),
    }),
    // Meta Business Suite post export, saved as Excel "Unicode text": UTF-16LE with BOM and a `sep=,` line.
    'instagram-posts.csv': csv([
      ['Post ID', 'Account ID', 'Account username', 'Account name', 'Description', 'Duration (sec)', 'Publish time', 'Permalink', 'Post type', 'Data comment', 'Date', 'Views', 'Reach', 'Likes', 'Shares', 'Follows', 'Comments', 'Saves'],
      ['18000000000000001', '17800000000000000', 'chaxiaopu', '茶小铺', 'Yixing teapot unboxing ☕', '45', '07/24/2026 20:15', 'https://www.instagram.com/reel/C0000001/', 'IG reel', '', 'Lifetime', '12,400', '9,800', '640', '25', '12', '31', '88'],
      ['18000000000000002', '17800000000000000', 'chaxiaopu', '茶小铺', 'Longjing, slowly', '0', '07/25/2026 08:30', 'https://www.instagram.com/p/C0000002/', 'IG image', '', 'Lifetime', '2,100', '1,900', '120', '2', '1', '4', '10'],
    ], { encoding: 'utf-16le', bom: true, sepLine: true }),
  };
}
