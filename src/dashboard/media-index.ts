// The only files the dashboard serves: the artifacts the manifests list and the videos and covers
// of outbox posts, each under an id derived from its path. A request names an id, never a path,
// so no text of the request reaches the file system; an id nobody listed is a 404.
import type { ArtifactFolderView } from '../read/read-artifacts.ts';
import type { OutboxPostView } from '../read/read-outbox.ts';
import { pathId } from './path-id.ts';
import type { MediaFile } from './send-media-file.ts';

/** Builds id → file for every artifact and outbox file (each kept inside its folder). */
export function buildMediaIndex(artifacts: readonly ArtifactFolderView[], outbox: readonly OutboxPostView[]): Map<string, MediaFile> {
  const index = new Map<string, MediaFile>();
  for (const folder of artifacts) {
    for (const artifact of folder.artifacts) index.set(pathId(artifact.file), { file: artifact.file, root: folder.folder });
  }
  for (const post of outbox) {
    for (const file of [post.video, post.cover]) if (file) index.set(pathId(file), { file, root: post.outbox });
  }
  return index;
}
