// The video resource sent with videos.insert (https://developers.google.com/youtube/v3/docs/videos):
// title, description, tags, category, and the privacy. A public video is uploaded private with
// status.publishAt = the due time, so YouTube itself makes it public on time, by Google's clock,
// even if promo is down then or this machine's clock is off ("never public before its time"). A
// publishAt already past publishes it right away (developers.google.com/youtube/v3/docs/videos#status.publishAt).
import type { OutgoingPost } from './channel-types.ts';
import type { YoutubeSettings } from './youtube-config.ts';

export interface YoutubeVideoResource {
  snippet: { title: string; description: string; tags?: string[]; categoryId: string };
  status: { privacyStatus: 'public' | 'unlisted' | 'private'; publishAt?: string; selfDeclaredMadeForKids: boolean };
}

/** The resource for `post`. */
export function youtubeVideoResource(post: OutgoingPost, settings: YoutubeSettings): YoutubeVideoResource {
  // publishAt only works with private (and makes the video public then): only for public videos.
  const ahead = settings.privacy === 'public';
  return {
    snippet: {
      // YouTube refuses an empty title (invalidTitle); promo schedule checks the post's own.
      title: post.title ?? post.stream.title,
      description: post.text,
      ...(post.tags?.length ? { tags: [...post.tags] } : {}),
      categoryId: settings.category,
    },
    status: {
      privacyStatus: ahead ? 'private' : settings.privacy,
      ...(ahead ? { publishAt: post.due.toISOString() } : {}),
      selfDeclaredMadeForKids: settings.madeForKids,
    },
  };
}
