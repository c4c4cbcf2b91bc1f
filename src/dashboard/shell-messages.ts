// The shell's texts: nav, banner, refusals. Pages keep their own beside their routes.
import type { Messages } from './dashboard-types.ts';

export const shellMessages: Messages = {
  'app.name': { en: 'promo', zh: 'promo' },
  'nav.now': { en: 'Now', zh: '现在' },
  'nav.clips': { en: 'Clips', zh: '视频' },
  'nav.inbox': { en: 'Inbox', zh: '收件箱' },
  'nav.outbox': { en: 'Outbox', zh: '待手动发布' },
  'nav.insights': { en: 'Insights', zh: '数据' },
  'nav.health': { en: 'Health', zh: '状态' },
  'daemon.running': { en: 'Daemon publishing · last tick {ago} ago', zh: '守护进程正在发布 · 上次心跳 {ago} 前' },
  'daemon.stale': { en: 'The daemon has not ticked for {ago}: posts are not going out. Check its log and restart it (`promo daemon`).', zh: '守护进程已 {ago} 没有心跳：帖子不会发出。请查看日志并重启（`promo daemon`）。' },
  'daemon.dead': { en: 'The daemon stopped without releasing its lock (killed or crashed), last tick {ago} ago: start `promo daemon` again.', zh: '守护进程异常退出（被终止或崩溃），上次心跳 {ago} 前：请重新运行 `promo daemon`。' },
  'daemon.lastTick': { en: 'last tick', zh: '上次心跳' },
  'daemon.stopped': { en: 'No daemon is running: due posts are not sent until `promo daemon` runs.', zh: '守护进程未运行：在运行 `promo daemon` 之前，到期的帖子不会发出。' },
  'error.title': { en: 'Not done', zh: '未完成' },
  'error.notFound': { en: 'There is no page at this address.', zh: '此地址没有页面。' },
  'error.back': { en: 'Back', zh: '返回' },
  'age.seconds': { en: '{n} s', zh: '{n} 秒' },
  'age.minutes': { en: '{n} min', zh: '{n} 分钟' },
  'age.hours': { en: '{h} h {m} min', zh: '{h} 小时 {m} 分钟' },
  'age.days': { en: '{n} days', zh: '{n} 天' },
  'live.offline': { en: 'Live updates paused: reconnecting…', zh: '实时更新已暂停：正在重连…' },
};
