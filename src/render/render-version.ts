// Bumped whenever a change to promo alters what a render produces, so cached outputs made by an
// older promo are rendered again.
export const RENDER_VERSION = 1;
