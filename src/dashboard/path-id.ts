// Ids that stand for files in the dashboard's URLs (`/media/<id>`, `/clips/<spec id>/…`): a
// request names an id, never a path, and the server looks the id up among the files it listed.
import { createHash } from 'node:crypto';

/** 20 hex digits of the SHA-256 of an absolute path. */
export function pathId(file: string): string {
  return createHash('sha256').update(file).digest('hex').slice(0, 20);
}
