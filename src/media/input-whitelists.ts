// Which demuxers and protocols promo lets ffmpeg use on each kind of input. A footage file named
// .mp4 that is really an HLS playlist or ffconcat list would otherwise make ffmpeg open other
// local files it lists (FACTS.md); with these lists it is refused instead.

/** Demuxers for footage: the containers phones and cameras write. */
export const VIDEO_FORMATS = 'mov,mp4,m4a,3gp,3g2,mj2,matroska,webm,avi,mpegts,mpeg,flv,asf';
/** Demuxers for music beds. */
export const AUDIO_FORMATS = 'mp3,wav,flac,ogg,aac,mov,mp4,m4a,matroska,webm';
/** Demuxers for the PNGs promo renders itself. */
export const IMAGE_FORMATS = 'image2,png_pipe';

/**
 * Options for an image input (a PNG promo drew, a still): read as exactly that one file. The
 * image2 demuxer otherwise takes `%d` in a path (an output folder named `50%discount`) as a frame
 * number pattern and finds nothing.
 */
export const SINGLE_IMAGE = ['-f', 'image2', '-pattern_type', 'none'] as const;

/** Input options that confine an input to one local file of the given demuxers. */
export function inputWhitelist(formats: string): string[] {
  return ['-protocol_whitelist', 'file', '-format_whitelist', formats];
}
