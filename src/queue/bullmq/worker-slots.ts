// The jobs one `promo worker` process runs at once, across its BullMQ workers (inbox renders and
// the products of distributed `promo render`s): `--concurrency N` means N in all, not N per queue.
// A BullMQ Worker's concurrency counts only its own queue, so each worker keeps concurrency N and
// every job takes a slot before it runs. While every slot is taken the workers are paused (they
// fetch nothing, so no job waits here that another machine could run); a job a worker fetched
// just before the pause waits for a slot, its lock kept, and runs when one frees. A paused BullMQ
// worker also stops its stalled-job checker, so each attached worker gets a companion that fetches
// nothing and only checks: a dead worker's job is still taken over after the stall interval,
// however busy this process is.
import { Worker } from 'bullmq';
import { JobReleased } from '../job-runner.ts';

export class WorkerSlots {
  private active = 0;
  private closed = false;
  private readonly waiting: { resolve(): void; reject(error: unknown): void }[] = [];
  private readonly workers = new Map<Worker, Worker>();

  /** `size`: jobs at once in all (at least 1). */
  constructor(readonly size: number) {
    if (!Number.isInteger(size) || size < 1) throw new Error(`slots must be a whole number ≥ 1, not ${size}`);
  }

  /** Jobs holding a slot now. */
  get running(): number {
    return this.active;
  }

  /** Attached workers paused now because every slot is taken. */
  get pausedWorkers(): number {
    return [...this.workers.keys()].filter((worker) => worker.isPaused()).length;
  }

  /** Pauses `worker` while every slot is taken, resumes it when one frees; until `detach`. */
  attach(worker: Worker): void {
    // No processor, not run: BullMQ's manual mode, where the stalled checker is started by hand.
    const checker = new Worker(worker.name, undefined, { ...worker.opts, autorun: false });
    checker.on('error', (error) => worker.emit('error', error));
    void checker.startStalledCheckTimer();
    this.workers.set(worker, checker);
    if (this.active >= this.size) void worker.pause(true);
  }

  /** Stops steering `worker` (before it closes: a resume would start a closed worker again) and closes its checker. */
  async detach(worker: Worker): Promise<void> {
    const checker = this.workers.get(worker);
    this.workers.delete(worker);
    await checker?.close();
  }

  /** Resolves once a slot is this caller's; rejects with `signal`'s reason when it aborts first, with JobReleased once closed. */
  acquire(signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (this.closed) return Promise.reject(new JobReleased('promo worker stopping'));
    if (this.active < this.size) {
      this.take();
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const waiter = {
        resolve: () => { signal?.removeEventListener('abort', onAbort); resolve(); },
        reject,
      };
      const onAbort = () => {
        this.waiting.splice(this.waiting.indexOf(waiter), 1);
        reject(signal!.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiting.push(waiter);
    });
  }

  /** Gives a slot back: to the longest waiting job, else free (the workers fetch again). */
  release(): void {
    const next = this.waiting.shift();
    if (next) return next.resolve(); // the slot passes on: still full
    this.active -= 1;
    // A paused worker whose last job ended has left its main loop (not running): resume() starts it again.
    for (const worker of this.workers.keys()) {
      if (worker.isPaused() && !worker.closing) void worker.resume();
    }
  }

  /** The worker stops: jobs still waiting for a slot are refused (JobReleased: they go back to the queue for another worker), none wait from now on. */
  close(): void {
    this.closed = true;
    for (const waiter of this.waiting.splice(0)) waiter.reject(new JobReleased('promo worker stopping'));
  }

  private take(): void {
    this.active += 1;
    if (this.active < this.size) return;
    for (const worker of this.workers.keys()) if (!worker.isPaused()) void worker.pause(true);
  }
}
