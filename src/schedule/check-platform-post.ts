// What a video platform would refuse about a post's words, found at `promo schedule` time instead
// of at the due time: the title's length and forbidden characters, the tags' total length, the
// number of hashtags. Each figure comes from the kind's `limits` (src/channels/<type>-kind.ts),
// where its documentation is cited. The text's own length is checked with every channel's
// (plan-posts.ts); the video's duration and size once it is rendered (check-post-media.ts).
import type { ChannelLimits } from '../channels/channel-kind.ts';

export interface PlatformPostWords {
  title?: string;
  text: string;
  tags?: readonly string[];
}

/** One thing the platform would refuse (`error`) or ignore (`warning`), and which field of the post it is about. */
export interface PlatformPostProblem {
  severity: 'error' | 'warning';
  field: 'title' | 'text' | 'tags';
  message: string;
  hint?: string;
}

/** Checks `post` (placeholders filled) against `limits`; `name` is how messages name the channel. */
export function checkPlatformPost(post: PlatformPostWords, limits: ChannelLimits, name: string): PlatformPostProblem[] {
  const problems: PlatformPostProblem[] = [];
  const error = (field: PlatformPostProblem['field'], message: string, hint?: string) => problems.push({ severity: 'error', field, message, hint });
  if (post.title !== undefined) {
    if (limits.titleLimit === undefined) {
      problems.push({ severity: 'warning', field: 'title', message: `${name} has no title apart from the text: the title is not sent there` });
    } else {
      // UTF-16 units, as plan-posts counts text: never fewer than the service counts.
      if (post.title.length > limits.titleLimit) error('title', `the title is ${post.title.length} characters for ${name}, over its limit of ${limits.titleLimit}`, 'shorten it');
      const forbidden = (limits.titleForbidden ?? []).filter((c) => post.title!.includes(c));
      if (forbidden.length > 0) error('title', `the title contains ${forbidden.map((c) => `"${c}"`).join(' and ')}, which ${name} does not allow in titles`, 'remove them (write ‹ › or 《 》 instead)');
    }
  }
  if (post.tags !== undefined && post.tags.length > 0) {
    if (limits.tagsLimit === undefined) {
      problems.push({ severity: 'warning', field: 'tags', message: `${name} has no tags: they are not sent there`, hint: 'put #hashtags in the text instead' });
    } else {
      const size = tagsLength(post.tags);
      if (size > limits.tagsLimit) error('tags', `the tags come to ${size} characters for ${name} (counting the commas between them and quotes around tags with spaces), over its limit of ${limits.tagsLimit}`, 'drop or shorten some');
    }
  }
  if (limits.maxHashtags !== undefined) {
    const hashtags = post.text.match(/(?<![\p{L}\p{N}_&])#[\p{L}\p{N}_]+/gu) ?? [];
    if (hashtags.length > limits.maxHashtags) error('text', `the text has ${hashtags.length} hashtags for ${name}, more than the ${limits.maxHashtags} it takes`, 'keep the most useful ones');
  }
  return problems;
}

/**
 * Tags as YouTube counts them against its 500: "the character limit includes commas between
 * items and quotes around tags with spaces" (developers.google.com/youtube/v3/docs/videos#snippet.tags[]).
 */
function tagsLength(tags: readonly string[]): number {
  return tags.reduce((sum, tag) => sum + tag.length + (/\s/.test(tag) ? 2 : 0), 0) + Math.max(0, tags.length - 1);
}
