// Ids that stand for files in the dashboard's URLs (`/media/<id>`, `/clips/<spec id>/…`): a
// request names an id, never a path, and the server looks the id up among the files it listed.
import { createHash } from 'node:crypto';

// A page of a thousand artifacts names each file in a URL: the ids of paths seen are kept (the
// paths a dashboard lists are few and stable; the table is emptied should it ever grow large).
const known = new Map<string, string>();

/** 20 hex digits of the SHA-256 of an absolute path. */
export function pathId(file: string): string {
  let id = known.get(file);
  if (id === undefined) {
    if (known.size > 100_000) known.clear();
    id = createHash('sha256').update(file).digest('hex').slice(0, 20);
    known.set(file, id);
  }
  return id;
}
