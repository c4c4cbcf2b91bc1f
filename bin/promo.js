#!/usr/bin/env node
// Runs the TypeScript CLI through tsx's loader, so `npx promo` works right after `npm install`
// with no build step (and nothing to go stale between a checkout and a run).
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
