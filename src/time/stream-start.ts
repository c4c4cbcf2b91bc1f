// A stream's start: the instant, and the wall-clock time and zone it was written in.

/** When a stream starts, as an instant and as written. */
export interface StreamStart {
  /** The instant, UTC. */
  utc: Date;
  /** The wall-clock time as written, `YYYY-MM-DDTHH:mm[:ss]` in `zone`. */
  local: string;
  /** IANA zone the local time is in. */
  zone: string;
}
