// TikTok Studio → Analytics → Download data → Content (a ZIP of UTF-8 CSVs with a BOM, every field
// quoted). Numbers may read `1.2K` or `18,400`. The column set varies with the export's version;
// the Spanish headers are listed beside the English ones.
import type { ExportFormat } from '../export-format.ts';

export const tiktokContent: ExportFormat = {
  id: 'tiktok-content',
  platform: 'tiktok',
  kind: 'posts',
  label: 'TikTok Studio Content.csv',
  required: ['video title', 'post time'],
  distinctive: ['total views', 'video link'],
  columns: {
    remoteId: ['video link'],
    title: ['video title', 'título del video'],
    published: ['post time', 'hora de publicación'],
    views: ['total views', 'video views'],
    likes: ['total likes'],
    comments: ['total comments'],
    shares: ['total shares'],
    saves: ['add to favorites'],
    watchSeconds: ['average watch time'],
    impressions: ['reach'],
  },
};
