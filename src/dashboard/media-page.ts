// /media/<id>: the videos and covers the manifests and the outbox list, streamed with Range. The
// id is looked up among the files listed now; nothing of the request is a path.
import { readOutbox } from '../read/read-outbox.ts';
import type { DashboardPage } from './dashboard-types.ts';
import { buildMediaIndex } from './media-index.ts';
import { sendMediaFile } from './send-media-file.ts';

export const mediaPage: DashboardPage = {
  routes: [{
    method: 'GET',
    path: '/media/:id',
    async handle(ctx) {
      const id = ctx.params.id!;
      if (!/^[0-9a-f]{20}$/.test(id)) return { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: 'no such media\n' };
      const [artifacts, outbox] = await Promise.all([ctx.read((reader) => reader.artifacts()), readOutbox(ctx.config)]);
      const media = buildMediaIndex(artifacts, outbox).get(id);
      if (!media) return { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: 'no such media\n' };
      await sendMediaFile(ctx.req, ctx.res, media);
      return undefined;
    },
  }],
};
