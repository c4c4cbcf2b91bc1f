// Which product a dropped file is for: the SKU that starts its name, ignoring case, followed by
// a separator (anything but a letter or digit) or the extension. `TEA-001.mp4`,
// `tea-001_take2.MOV` and `TEA-001 手机竖拍.mp4` are all TEA-001; the longest SKU wins, so
// `TEA-001-B.mp4` is TEA-001-B when both exist.

/** The matching SKU (as the spec spells it), or undefined. */
export function matchSku(fileName: string, skus: readonly string[]): string | undefined {
  const name = fileName.toLowerCase();
  let best: string | undefined;
  for (const sku of skus) {
    const prefix = sku.toLowerCase();
    if (!name.startsWith(prefix)) continue;
    const next = name.charAt(prefix.length);
    if (next !== '' && /[\p{L}\p{N}]/u.test(next) && !/[\u3400-\u9fff]/u.test(next)) continue;
    if (!best || sku.length > best.length) best = sku;
  }
  return best;
}
