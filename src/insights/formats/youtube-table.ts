// YouTube Studio → Analytics → Advanced mode → Export current view → CSV: the ZIP's `Table data.csv`.
// Row 2 is `Total`; the columns follow the metrics chosen; `Impressions` became `Thumbnail
// impressions` in 2025. Studio exports only the rows it has loaded (about 500): filter first.
import type { ExportFormat } from '../export-format.ts';

export const youtubeTable: ExportFormat = {
  id: 'youtube-table',
  platform: 'youtube',
  kind: 'posts',
  label: 'YouTube Studio Table data.csv',
  required: ['content', 'video title', 'video publish time'],
  columns: {
    remoteId: ['content'],
    title: ['video title'],
    published: ['video publish time'],
    views: ['views'],
    likes: ['likes'],
    comments: ['comments added'],
    shares: ['shares'],
    followersGained: ['subscribers', 'subscribers gained'],
    watchSeconds: ['average view duration'],
    completion: ['average percentage viewed (%)'],
    impressions: ['thumbnail impressions', 'impressions'],
    clickRate: ['thumbnail click-through rate (%)', 'impressions click-through rate (%)'],
  },
};
