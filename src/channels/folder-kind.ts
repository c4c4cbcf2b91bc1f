// The outbox folder: no service in between, a person posts from the folder ("assisted posting").
import { localPath } from '../yaml/schema-helpers.ts';
import { defineChannelKind } from './channel-kind.ts';

export const folderKind = defineChannelKind({
  type: 'folder',
  label: 'outbox folder',
  fields: { dir: localPath('outbox folder', 'folder') },
  // Large, not infinite, so a runaway template is still caught by the scheduler's length check.
  limits: { textLimit: 1_000_000, limitUnit: 'chars', source: 'local outbox folder' },
  example: { dir: 'out/outbox' },
});
