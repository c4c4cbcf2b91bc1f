// The key that ties a caption cue on the timeline to its drawn image: the product's, the clip's
// and the cue's indexes. The timeline (build-job-timeline.ts) and the drawing of the captions
// (draw-preset-outputs.ts) both name a cue by it.

/** The key of cue `cue` of clip `clip` of product `product`. */
export function captionKey(product: number, clip: number, cue: number): string {
  return `${product}.${clip}.${cue}`;
}
