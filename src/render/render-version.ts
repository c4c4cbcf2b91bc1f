// Bumped whenever a change to promo alters what a render produces, so cached outputs made by an
// older promo are rendered again.
// 2: each output's own `fit` is applied (it was accepted and ignored).
// 3: the blurred fill is cut from the source before it is scaled down, and only the bars beside
//    the picture are scaled up (PSNR ~50 dB, SSIM 0.998 against version 2's output).
// 4: at a crossfade, captions keep off the overlaps (they were blended through the next clip's
//    caption); cut and fade outputs are unchanged, byte for byte.
export const RENDER_VERSION = 4;
