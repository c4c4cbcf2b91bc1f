// What `promo init` writes besides the templates: a starter config and a commented spec.
import { channelKind } from '../channels/channel-registry.ts';

// The video-platform channels the starter config shows, commented out, each with its kind's own
// example settings (so they stay what the schema takes), under the names the README uses.
const PLATFORM_EXAMPLES = [['shorts', 'youtube'], ['shop-tiktok', 'tiktok'], ['shop-ig', 'instagram'], ['shop-douyin', 'douyin'], ['shop-ks', 'kuaishou']] as const;

function platformChannelExamples(): string {
  // Numbers and the like are quoted: the settings are strings (Instagram's appId is all digits).
  const value = (text: string) => (/^[\w${}./@-]+$/.test(text) && !/^[\d.]+$/.test(text) ? text : JSON.stringify(text));
  const lines = PLATFORM_EXAMPLES.flatMap(([name, type]) => {
    const kind = channelKind(type);
    return [`#   ${name}:`.padEnd(35) + `# ${kind.label.replace(/ account$/, '')}`, `#     type: ${type}`, ...Object.entries(kind.example).map(([key, text]) => `#     ${key}: ${value(text)}`)];
  });
  return [
    '# Video platforms: promo uploads the rendered videos itself, on schedule (README: "Video-platform',
    '# accounts", and each platform\'s section for the app it needs). Uncomment one, export its secret,',
    '# run `npx promo accounts connect <name>`, then name it in a post\'s `channels:` in the spec.',
    '# channels:',
    ...lines,
  ].join('\n');
}

export const STARTER_CONFIG = `# promo configuration. Paths are relative to this file.
out: out                      # where rendered videos, covers and manifest.json go
state: .promo/state.db        # promo's state database
timezone: Asia/Shanghai       # used when a spec's stream gives no timezone
render:
  concurrency: 1              # ffmpeg jobs at once (each already uses every core)
# ffmpeg: /usr/bin/ffmpeg     # use another ffmpeg (5+ adds filters such as xfade); ffprobe: likewise
${platformChannelExamples()}
`;

export const STARTER_SPEC = `# yaml-language-server: $schema=./promo-spec.schema.json
# A promo spec: one live stream and the products to make short videos of.
# Render it with:  npx promo render spec.yaml      (check first with: npx promo validate spec.yaml)
stream:
  title: 年货节好茶专场                # shown on the intro card
  host: 李博闻
  start: 2026-12-01 20:00            # local time in \`timezone\`, or ISO 8601 with an offset
  timezone: Asia/Shanghai
  url: https://live.example.com/room/8848
brand:
  # logo: brand/logo.png             # your logo (PNG with transparency); paths are relative to this file
  color: "#E60012"                   # quote it: an unquoted # starts a YAML comment
currency: "¥"
products:
  - sku: TEA-001                     # becomes the output folder name: letters, digits, - _ .
    name: 明前龙井
    price: 99                        # the price badge appears when a product has a price
    originalPrice: 199               # shown struck through
    footage: footage/TEA-001.mp4     # a video, or a still image (jpg/png/webp)
    clips:
      - { in: 3.5, out: 9, caption: 明前龙井，鲜爽回甘 }          # seconds, or mm:ss(.s)
      - { in: "00:12", out: "00:18.5", caption: 今晚直播价只要¥99 }
      # - { in: 20, out: 26, captions: footage/TEA-001.srt }     # timed captions (SRT/VTT, footage times)
  - sku: CUP-002
    name: 手工青瓷茶杯
    price: 39
    footage: footage/CUP-002.jpg
    clips:
      - { duration: 4, caption: 手工青瓷 一杯一世界 }              # a still gets a slow zoom
outputs: [douyin, square]            # \`npx promo presets\` lists them all
fit: blur                            # blur | crop | pad
intro: true                          # title card: stream title, host, date
outro: true                          # end card: start time, url, call to action
# music: brand/bgm.mp3               # a music bed, ducked under the footage's own sound
loudness: -14                        # LUFS
reel: true                           # also one video of all products
quality: standard                    # draft | standard | high
# templates: ./templates             # your own caption styles, badge, cards (from \`promo init\`)
# Posts before the stream, published on schedule: \`npx promo schedule spec.yaml\`, then keep
# \`npx promo daemon\` running. Channels are config.yaml's (uncomment its video platforms first).
# posts:
#   - at: -2h                        # before stream.start; or a local time "2026-12-01 18:00"; or best
#     video: TEA-001                 # a SKU's video (and cover), or reel
#     title: "{{product.name}} 今晚{{stream.time}}直播"   # the video's title where there is one (YouTube)
#     text: "直播间：{{stream.url}} #茶叶 #直播"          # description / caption
#     tags: [明前龙井, 绿茶]           # YouTube's tags (the others take #hashtags in the text)
#     channels: [shorts]
#   - at: -1h
#     video: CUP-002
#     text: "{{product.name}} 今晚直播价{{currency}}{{product.price}} #直播 #茶具"
#     channels: [shop-tiktok, shop-douyin, shop-ks, shop-ig]
`;
