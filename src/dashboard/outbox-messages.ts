// The Outbox pages' texts, English and Chinese side by side.
import type { Messages } from './dashboard-types.ts';

export const outboxMessages: Messages = {
  'outbox.title': { en: 'Outbox: post by hand', zh: '待手动发布' },
  'outbox.none': { en: 'Nothing to post by hand: posts of `type: folder` channels appear here when they are due.', zh: '没有需要手动发布的内容：`type: folder` 渠道的帖子到期后会显示在这里。' },
  'outbox.posted': { en: 'posted', zh: '已发布' },
  'outbox.open': { en: 'Open the phone page', zh: '打开手机页面' },
  'outbox.cover': { en: 'Cover', zh: '封面' },
  'outbox.scan': { en: 'Scan with the phone to post from it', zh: '用手机扫码，在手机上发布' },
  'outbox.alreadyPosted': { en: 'Marked as posted.', zh: '已标记为已发布。' },
  'outbox.saveVideo': { en: 'Save the video', zh: '保存视频' },
  'outbox.saveHint': { en: 'On a phone: open the video, then Share › Save Video (iPhone), or the browser menu › Download (Android).', zh: '手机上：打开视频，然后 分享 › 存储视频（iPhone），或 浏览器菜单 › 下载（安卓）。' },
  'outbox.saveCover': { en: 'Save the cover', zh: '保存封面' },
  'outbox.text': { en: 'Text', zh: '文案' },
  'outbox.copy': { en: 'Copy the text', zh: '复制文案' },
  'outbox.copied': { en: 'Copied', zh: '已复制' },
  'outbox.mark': { en: 'Mark as posted', zh: '标记为已发布' },
  'outbox.markConfirm': { en: 'Is the post live on the platform?', zh: '帖子已在平台上发布了吗？' },
  'outbox.notStored': { en: 'This folder is not a post of this state database, so it cannot be marked here.', zh: '此文件夹不是当前状态数据库中的帖子，无法在此标记。' },
  'outbox.noTime': { en: 'no due time', zh: '无发布时间' },
  'outbox.gone': { en: 'That outbox post is no longer there.', zh: '该待发布帖子已不存在。' },
  'outbox.goneHint': { en: 'Open the Outbox page again.', zh: '请重新打开待手动发布页面。' },
};
