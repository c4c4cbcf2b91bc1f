// Each watched inbox as the watcher last recorded it in the state database: the files it is
// waiting for (and why, since when, until when) and the files it took into its work folder that
// have not been moved out yet. Jobs themselves come from the job runner, not from here.
import type { PromoConfig } from '../config/config-types.ts';
import { InboxFileStore, type InboxFile } from '../store/inbox-file-store.ts';
import type { StateDb } from '../store/open-state-db.ts';
import { WaitingFileStore, type WaitingFileView } from '../store/waiting-file-store.ts';

export interface InboxView {
  /** Absolute inbox folder. */
  inbox: string;
  /** The spec its files are matched against (undefined: no longer in the configuration). */
  spec?: string;
  /** Files seen but not complete yet, longest waiting first. */
  waiting: WaitingFileView[];
  /** Files taken into the work folder and not moved out yet (their job is open, or was interrupted). */
  inWork: InboxFile[];
}

/** The configured inboxes, and any other inbox with waiting files recorded, in configuration order. */
export function readInboxes(config: PromoConfig, db: StateDb | undefined): InboxView[] {
  const waiting = db ? new WaitingFileStore(db).list() : [];
  const inboxes = [...new Set([...config.watch.map((watch) => watch.inbox), ...waiting.map((file) => file.inbox)])];
  const inWork = db ? new InboxFileStore(db).inWork(inboxes) : [];
  return inboxes.map((inbox) => ({
    inbox,
    spec: config.watch.find((watch) => watch.inbox === inbox)?.spec,
    waiting: waiting.filter((file) => file.inbox === inbox),
    inWork: inWork.filter((file) => file.inbox === inbox),
  }));
}
