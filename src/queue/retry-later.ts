// Thrown by a job handler for a fault that may pass by itself (a shared volume not mounted yet on
// this worker): the BullMQ runner tries the job again with backoff, on whichever worker takes it,
// and fails it with this message once the attempts are used up. The embedded runner has one
// machine and no retry loop, so there it fails the job like any other crash.
export class RetryLater extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RetryLater';
  }
}
