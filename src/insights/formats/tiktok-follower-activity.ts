// TikTok Studio's Followers ZIP → FollowerActivity.csv: active followers per hour, 7 days per
// export (import weekly). The export day's future hours are zero-filled, so zeros are not data.
import type { ExportFormat } from '../export-format.ts';

export const tiktokFollowerActivity: ExportFormat = {
  id: 'tiktok-follower-activity',
  platform: 'tiktok',
  kind: 'activity',
  label: 'TikTok Studio FollowerActivity.csv',
  required: ['date', 'hour', 'active followers'],
  columns: {
    date: ['date'],
    hour: ['hour'],
    active: ['active followers'],
  },
};
