// Bumped whenever a change to promo alters what a render produces, so cached outputs made by an
// older promo are rendered again.
// 2: each output's own `fit` is applied (it was accepted and ignored).
export const RENDER_VERSION = 2;
