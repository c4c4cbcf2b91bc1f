// Meta Business Suite / Instagram professional dashboard → Content → Export: one row per post,
// `Publish time` as `MM/DD/YYYY HH:mm`, numbers as `"12,400"`.
import type { ExportFormat } from '../export-format.ts';

export const instagramPosts: ExportFormat = {
  id: 'instagram-posts',
  platform: 'instagram',
  kind: 'posts',
  label: 'Instagram post CSV',
  required: ['post id', 'publish time'],
  distinctive: ['permalink', 'post type', 'account username'],
  columns: {
    remoteId: ['post id'],
    title: ['description'],
    published: ['publish time'],
    contentType: ['post type'],
    views: ['views', 'impressions'],
    impressions: ['reach'],
    likes: ['likes'],
    shares: ['shares'],
    followersGained: ['follows'],
    comments: ['comments'],
    saves: ['saves'],
  },
};
