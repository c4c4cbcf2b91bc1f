// Every export format promo reads, in the order ties are broken (more specific first).
import type { ExportFormat } from './export-format.ts';
import { douyinCompassVideos } from './formats/douyin-compass-videos.ts';
import { douyinLiveBasic } from './formats/douyin-live-basic.ts';
import { douyinLiveList } from './formats/douyin-live-list.ts';
import { douyinLiveOverview } from './formats/douyin-live-overview.ts';
import { douyinLiveProducts } from './formats/douyin-live-products.ts';
import { douyinLiveReferrals } from './formats/douyin-live-referrals.ts';
import { douyinWorks } from './formats/douyin-works.ts';
import { instagramPosts } from './formats/instagram-posts.ts';
import { kuaishouWorks } from './formats/kuaishou-works.ts';
import { tiktokContent } from './formats/tiktok-content.ts';
import { tiktokFollowerActivity } from './formats/tiktok-follower-activity.ts';
import { wechatChannelsWorks } from './formats/wechat-channels-works.ts';
import { xiaohongshuNotes } from './formats/xiaohongshu-notes.ts';
import { youtubeTable } from './formats/youtube-table.ts';

export const EXPORT_FORMATS: readonly ExportFormat[] = [
  douyinCompassVideos, douyinWorks, douyinLiveList, douyinLiveBasic, douyinLiveOverview, douyinLiveReferrals, douyinLiveProducts,
  kuaishouWorks, wechatChannelsWorks, xiaohongshuNotes, tiktokContent, tiktokFollowerActivity, youtubeTable, instagramPosts,
];

/** The platforms formats exist for, for `--platform`. */
export const INSIGHT_PLATFORMS = [...new Set(EXPORT_FORMATS.map((f) => f.platform))];
