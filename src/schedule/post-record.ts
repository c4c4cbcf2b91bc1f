// A stored post as the rest of promo sees it: what was planned, and what has happened to it
// since (its state, attempts, the send's checkpoints, the platform's id and URL).
import type { PlannedPost } from './plan-posts.ts';

export type PostState = 'pending' | 'sending' | 'sent' | 'failed' | 'missed' | 'unknown' | 'cancelled';

/** A stored post: what was planned, and what has happened to it since. */
export interface PostRecord extends Omit<PlannedPost, 'preset' | 'stream'> {
  id: number;
  streamTitle: string;
  streamUrl?: string;
  state: PostState;
  attempts: number;
  nextAttempt?: Date;
  /** When a person last asked for it to be tried again: its grace runs from then. */
  retried?: Date;
  owner?: string;
  sentAt?: string;
  lateSeconds?: number;
  detail?: string;
  /** Video platforms: what the send checkpointed so far (empty when nothing). */
  progress: Record<string, unknown>;
  /** The platform's id and URL of the posted video. */
  remoteId?: string;
  remoteUrl?: string;
  /** Set while the send is in flight between calls: why it is called again at nextAttempt. */
  againReason?: string;
  createdAt: string;
  updatedAt: string;
}
