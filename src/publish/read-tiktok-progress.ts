// What a TikTok send checkpoints, and reading it back from a post's saved progress.

export interface TiktokProgress {
  publishId: string;
  /** Holds TikTok's upload token: valid one hour, for this one upload only. */
  uploadUrl: string;
  /** When init answered (ISO 8601): the upload URL lives an hour from then. */
  uploadUrlAt: string;
  videoSize: number;
  /** Bytes TikTok confirmed (a chunk boundary). */
  uploadedBytes: number;
  privacy: string;
  /** creator_username, for the post's URL. */
  username?: string;
  /** The publish id of an upload that expired unfinished and was replaced by this one. */
  replaced?: string;
}

/** The saved progress of an earlier attempt, or undefined when there is none (or it is not TikTok's). */
export function readTiktokProgress(progress: Readonly<Record<string, unknown>> | undefined): TiktokProgress | undefined {
  if (!progress) return undefined;
  const { publishId, uploadUrl, uploadUrlAt, videoSize, uploadedBytes, privacy, username, replaced } = progress;
  if (typeof publishId !== 'string' || !publishId || typeof uploadUrl !== 'string' || typeof uploadUrlAt !== 'string') return undefined;
  if (typeof videoSize !== 'number' || typeof uploadedBytes !== 'number') return undefined;
  return {
    publishId, uploadUrl, uploadUrlAt, videoSize, uploadedBytes,
    privacy: typeof privacy === 'string' ? privacy : 'SELF_ONLY',
    ...(typeof username === 'string' ? { username } : {}),
    ...(typeof replaced === 'string' ? { replaced } : {}),
  };
}
