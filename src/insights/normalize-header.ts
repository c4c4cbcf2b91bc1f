// Header cells as the format tables spell them: full-width brackets and spaces made plain,
// surrounding quotes, BOMs and spaces removed, English in lower case, so `视频标题 `, `"Video Title"`
// and `引流直播间用户支付金额（元）` meet the tables' `视频标题`, `video title`, `引流直播间用户支付金额(元)`.

/** The comparable form of a header cell. */
export function normalizeHeader(cell: string): string {
  return cell
    .replace(/^\uFEFF/, '')
    .replace(/（/g, '(')
    .replace(/）/g, ')')
    .replace(/[\u3000\s]+/g, ' ')
    .trim()
    .replace(/^"(.*)"$/, '$1')
    .trim()
    .toLowerCase();
}
