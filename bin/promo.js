#!/usr/bin/env node
// Runs the TypeScript CLI through tsx's loader, so `npx promo` works right after `npm install`
// with no build step (and nothing to go stale between a checkout and a run).
import { register } from 'tsx/esm/api';

register();
// `promo presets | head` closes the pipe early: that is not an error worth a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
