// What a dashboard page is made of: routes, messages (zh and en), SSE feeds. A page module exports
// one DashboardPage; dashboard-routes.ts lists them. Types only.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { PromoConfig } from '../config/config-types.ts';
import type { StateReader } from '../read/state-reader.ts';
import type { EventHub } from './event-hub.ts';
import type { SafeHtml } from './safe-html.ts';

export type Lang = 'zh' | 'en';

/** Message key → its text in both languages; `{name}` is replaced by vars.name (then escaped by `html`). */
export type Messages = Record<string, { en: string; zh: string }>;

/** The text of a message key in the request's language (the key itself when unknown, so a gap shows). */
export type Translate = (key: string, vars?: Record<string, string | number>) => string;

/** What a handler answers; undefined when it wrote `ctx.res` itself (a file streamed with Range). */
export interface DashboardReply {
  status?: number;
  headers?: Record<string, string>;
  /** A page or a fragment (text/html). */
  html?: SafeHtml;
  /** JSON (application/json). Never secrets. */
  json?: unknown;
  /** Bytes or text as they are; give a content-type header. */
  body?: string | Buffer;
  /** 303 See Other to this same-origin path (after a POST). */
  redirect?: string;
}

export interface RouteContext {
  req: IncomingMessage;
  /** Security headers are already set on it. */
  res: ServerResponse;
  url: URL;
  /** The `:name` segments of the route's path, decoded. */
  params: Record<string, string>;
  lang: Lang;
  t: Translate;
  /** This response's CSP nonce (scripts and styles in the page carry it). */
  nonce: string;
  config: PromoConfig;
  /** The dashboard's clock (a test may set it). */
  now(): Date;
  /** Opens a fresh read model (sees the present), gives it to `use`, closes it. */
  read<T>(use: (reader: StateReader) => T | Promise<T>): Promise<T>;
  /** The urlencoded body of a POST (at most 64 KB). */
  form(): Promise<URLSearchParams>;
  /**
   * A single-use, 10-minute login token for a phone landing at `path` (`?token=` on that path),
   * for a logged-in request when a login is needed; undefined otherwise. Put it only in what
   * this response shows (a QR code): never in a log, an event or the state.
   */
  phoneLoginToken(path: string): string | undefined;
  /** The SSE hub: publish an event to every open page (data only, never secrets). */
  events: EventHub;
  /** Aborted when the dashboard closes: what it started and follows (a worker re-render) stops being followed. */
  closing: AbortSignal;
  /** A whole page in the shell: nav (with `active` marked), daemon banner, language, scripts. */
  page(options: PageOptions): Promise<DashboardReply>;
}

export interface PageOptions {
  title: string;
  body: SafeHtml;
  /** The nav path to mark as current ('/now'). */
  active?: string;
  status?: number;
  /** Extra script assets (names in src/dashboard/assets/, e.g. 'clips.js'); dashboard.js is always there. */
  scripts?: readonly string[];
}

export interface DashboardRoute {
  method: 'GET' | 'POST';
  /** A path such as '/posts/:id/retry': each `:name` matches one segment (never a '/'). */
  path: string;
  handle(ctx: RouteContext): DashboardReply | undefined | Promise<DashboardReply | undefined>;
}

/** Reads a feed's data on each state change; undefined: nothing new to send. */
export type FeedReader = (reader: StateReader, now: Date) => unknown | Promise<unknown>;

/** An SSE event fed from the state: `start` is called once per dashboard and may keep what it sent last. */
export interface DashboardFeed {
  event: string;
  start(): FeedReader;
}

export interface DashboardPage {
  /** Its entry in the nav (label: a message key). */
  nav?: { path: string; label: string };
  routes: readonly DashboardRoute[];
  messages?: Messages;
  feeds?: readonly DashboardFeed[];
  /** Run once when the dashboard starts, not waited for (what it follows from then on: a worker re-render). */
  start?(ctx: PageStartContext): Promise<void>;
}

/** What a page's `start` gets: the dashboard's config, clock, SSE hub, read model and life. */
export type PageStartContext = Pick<RouteContext, 'config' | 'now' | 'events' | 'closing' | 'read'>;
