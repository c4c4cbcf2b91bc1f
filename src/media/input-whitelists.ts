// Which demuxers and protocols promo lets ffmpeg use on each kind of input. A footage file named
// .mp4 that is really an HLS playlist or ffconcat list would otherwise make ffmpeg open other
// local files it lists (FACTS.md); with these lists it is refused instead.

/** Demuxers for footage: the containers phones and cameras write. */
export const VIDEO_FORMATS = 'mov,mp4,m4a,3gp,3g2,mj2,matroska,webm,avi,mpegts,mpeg,flv,asf';
/** Demuxers for music beds. */
export const AUDIO_FORMATS = 'mp3,wav,flac,ogg,aac,mov,mp4,m4a,matroska,webm';
/** Demuxers for the PNGs promo renders itself. */
export const IMAGE_FORMATS = 'image2,png_pipe';

/** Input options that confine an input to one local file of the given demuxers. */
export function inputWhitelist(formats: string): string[] {
  return ['-protocol_whitelist', 'file', '-format_whitelist', formats];
}
