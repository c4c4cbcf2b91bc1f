// Types shared by the graphics module: the PNGs it hands to the renderer, the fonts it draws
// with and the templates it draws from.
import type {
  BadgeTemplate, CaptionStyle, LayeredTemplate, LogoTemplate,
} from './template-schema.ts';

export type {
  BadgeTemplate, CaptionStyle, LayeredTemplate, LogoTemplate, TemplateLayer, TextItem,
} from './template-schema.ts';

/** A PNG (RGBA, tight to its content) to overlay at x,y on the preset's frame. */
export interface OverlayImage {
  path: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The fonts every text is drawn with; all paths absolute. */
export interface FontSet {
  /** Fontconfig family name, e.g. "Noto Sans SC". */
  family: string;
  /** The regular-weight TTF. */
  regular: string;
  /** The bold-weight TTF. */
  bold: string;
  /** A fonts.conf that lists only these fonts (also exported as FONTCONFIG_FILE). */
  fontconfigFile: string;
  /** A folder holding exactly the regular and bold TTFs (for ffmpeg's `fontsdir=`). */
  dir: string;
}

/** One template file after validation. */
export interface LoadedTemplate<T> {
  /** Absolute path of the file it came from. */
  file: string;
  value: T;
  /** Hash of the validated value and of any image it refers to (for output file names). */
  hash: string;
}

/** Every template promo draws with: the built-in ones, each file possibly overridden. */
export interface TemplateSet {
  /** Folder of the built-in templates. */
  builtinDir: string;
  /** The user's folder whose files override the built-in ones. */
  overrideDir?: string;
  intro: LoadedTemplate<LayeredTemplate>;
  outro: LoadedTemplate<LayeredTemplate>;
  cover: LoadedTemplate<LayeredTemplate>;
  badge: LoadedTemplate<BadgeTemplate>;
  logo: LoadedTemplate<LogoTemplate>;
  /** Caption styles by name (the file name in captions/ without `.yaml`). */
  captions: Readonly<Record<string, LoadedTemplate<CaptionStyle>>>;
}
