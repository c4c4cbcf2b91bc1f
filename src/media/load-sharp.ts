// sharp, loaded the first time something is drawn or decoded: its native libvips binding costs
// a process ~0.15 s of CPU to load, and a render that reuses its kept images and covers draws
// nothing (see "Kept images" in the README).
import type { default as Sharp } from 'sharp';

export type SharpModule = typeof Sharp;

let loading: Promise<SharpModule> | undefined;
let loaded: SharpModule | undefined;
const hooks: Array<(sharp: SharpModule) => void> = [];

/** The sharp module, imported on first use; the hooks given to whenSharpLoads have run on it. */
export function loadSharp(): Promise<SharpModule> {
  loading ??= import('sharp').then(({ default: sharp }) => {
    loaded = sharp;
    for (const hook of hooks.splice(0)) hook(sharp);
    return sharp;
  });
  return loading;
}

/** Runs `hook` on sharp now if it is loaded, else when it is: settings without loading it. */
export function whenSharpLoads(hook: (sharp: SharpModule) => void): void {
  if (loaded) hook(loaded);
  else hooks.push(hook);
}
