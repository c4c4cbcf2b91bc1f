// /assets/<name>: the dashboard's own scripts and styles (files of src/dashboard/assets/, by name
// from that folder's listing: the request never names a path) and the Noto Sans SC fonts promo
// ships, so pages render Chinese on machines without CJK fonts and load nothing from elsewhere.
import { readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { prepareFonts } from '../graphics/prepare-fonts.ts';
import type { DashboardPage, DashboardReply } from './dashboard-types.ts';

const ASSET_DIR = join(import.meta.dirname, 'assets');
const TYPES: Record<string, string> = { js: 'text/javascript; charset=utf-8', css: 'text/css; charset=utf-8' };
const FONTS: Record<string, 'regular' | 'bold'> = { 'noto-sans-sc-400.ttf': 'regular', 'noto-sans-sc-700.ttf': 'bold' };

// Read once: the same bytes for the life of the server.
const files = new Map<string, Promise<Buffer>>();
let listing: Set<string> | undefined;

export const assetsPage: DashboardPage = {
  routes: [{
    method: 'GET',
    path: '/assets/:name',
    async handle(ctx): Promise<DashboardReply> {
      const name = ctx.params.name!;
      const font = FONTS[name];
      if (font) {
        const file = (await prepareFonts())[font];
        // The fonts never change for one installed version: cached for a year.
        return { headers: { 'content-type': 'font/ttf', 'cache-control': 'public, max-age=31536000, immutable' }, body: await cached(file) };
      }
      listing ??= new Set(readdirSync(ASSET_DIR));
      const type = TYPES[name.split('.').pop() ?? ''];
      if (!type || !listing.has(name)) return { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: 'no such asset\n' };
      return { headers: { 'content-type': type, 'cache-control': 'no-cache' }, body: await cached(join(ASSET_DIR, name)) };
    },
  }],
};

function cached(file: string): Promise<Buffer> {
  let bytes = files.get(file);
  if (!bytes) {
    bytes = readFile(file);
    bytes.catch(() => files.delete(file));
    files.set(file, bytes);
  }
  return bytes;
}
