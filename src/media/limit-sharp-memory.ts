// promo draws each image once and writes it out, so libvips' operation cache only holds memory
// (about 25 MB of the Node process's peak on the sample batch). Turned off for renders.
import { whenSharpLoads } from './load-sharp.ts';

/** Turns off libvips' operation cache for this process (when sharp loads, if it has not yet). */
export function limitSharpMemory(): void {
  whenSharpLoads((sharp) => sharp.cache(false));
}
