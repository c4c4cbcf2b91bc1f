// The Insights page's texts, English and Chinese side by side.
import type { Messages } from './dashboard-types.ts';

export const insightsMessages: Messages = {
  'insights.title': { en: 'Insights', zh: '数据复盘' },
  'insights.empty': { en: 'Nothing imported yet. Export your data from the platform (creator centre, live-stream lists, TikTok or YouTube Studio) and run:', zh: '还没有导入数据。请从平台（创作者中心、直播数据、TikTok 或 YouTube Studio）导出数据，然后运行：' },
  'insights.emptyMore': { en: 'The answers and charts of `promo insights report` then show here.', zh: '之后这里会显示 `promo insights report` 的结论和图表。' },
  'insights.bestTimes': { en: 'Best times to post', zh: '最佳发布时段' },
  'insights.slot': { en: 'Slot', zh: '时段' },
  'insights.lift': { en: 'Lift', zh: '相对基准' },
  'insights.posts': { en: 'Posts', zh: '作品数' },
  'insights.better': { en: 'clearly better', zh: '明显更好' },
  'insights.worse': { en: 'clearly worse', zh: '明显更差' },
  'insights.charts': { en: 'Charts', zh: '图表' },
  'insights.swipe': { en: 'swipe sideways for the whole chart', zh: '左右滑动查看完整图表' },
  'insights.drove': { en: 'What drove the stream (短视频引流)', zh: '短视频引流' },
  'insights.bestLead': { en: 'Best lead time: {lead}', zh: '最佳提前发布时间：{lead}' },
  'insights.platform': { en: 'Platform', zh: '平台' },
  'insights.clip': { en: 'Clip', zh: '短视频' },
  'insights.lead': { en: 'Lead', zh: '提前' },
  'insights.referrals': { en: 'Viewers sent', zh: '引流人次' },
  'insights.impressions': { en: 'Entrance views', zh: '入口曝光' },
  'insights.products': { en: 'Products', zh: '商品' },
  'insights.product': { en: 'Product', zh: '商品' },
  'insights.streams': { en: 'Streams', zh: '场次' },
  'insights.gmv': { en: 'Sales', zh: '成交金额' },
  'insights.units': { en: 'Units', zh: '件数' },
};
