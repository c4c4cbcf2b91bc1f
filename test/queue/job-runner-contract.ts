// What every job runner must do, whatever keeps its queue: run it with
// `describeJobRunnerContract('LocalJobRunner', makeBench)` (and BullmqJobRunner on a real Redis).
// Each test gets a fresh, empty queue from `makeBench`; nothing here knows the backend.
import { describe, expect, it } from 'vitest';
import { JobReleased, type JobContext, type JobHandler, type JobInput, type JobRunner, type RunnerEvent } from '../../src/queue/job-runner.ts';
import { waitFor } from '../helpers/wait-for.ts';

export interface RunnerBench {
  /** A new runner on the bench's queue, as after a restart: every call another one on the same queue. */
  open(options?: { concurrency?: number; onEvent?: (event: RunnerEvent) => void }): Promise<JobRunner>;
  /** The inbox label the bench's runners take jobs of. */
  inbox: string;
  /**
   * A worker in another process takes the oldest queued job and is killed (SIGKILL) while it runs
   * it; resolves once that process is gone and the job is left running.
   */
  crashWhileRunning(): Promise<void>;
}

/** A job input with content `content` (its sha256 stand-in) for `sku`. */
function input(bench: RunnerBench, fileName: string, sku: string, content: string): JobInput {
  return { inbox: bench.inbox, spec: '/specs/spec.yaml', fileName, contentSha256: content.padEnd(64, '0'), size: 1000, mtimeMs: 1, sku, footage: `/footage/${fileName}` };
}

const done: JobHandler = async (job) => ({ state: 'done', outputs: [`/out/${job.sku}.mp4`] });

/** Defines the contract tests for a runner made by `makeBench`. */
export function describeJobRunnerContract(name: string, makeBench: () => Promise<RunnerBench>): void {
  describe(`${name} (job runner contract)`, () => {
    it('queues jobs and lists them newest first, as submitted; get() finds one by id', async () => {
      const bench = await makeBench();
      const runner = await bench.open();
      try {
        const first = await runner.submit(input(bench, 'A.mp4', 'A', 'a'));
        const second = await runner.submit(input(bench, 'B.mp4', 'B', 'b'));
        expect(first.duplicate || second.duplicate).toBe(false);
        expect(first.job).toMatchObject({ fileName: 'A.mp4', sku: 'A', state: 'queued', attempts: 0, outputs: [], footage: '/footage/A.mp4', inbox: bench.inbox });
        expect(first.job.id).not.toBe(second.job.id);
        expect((await runner.list()).map((j) => j.fileName)).toEqual(['B.mp4', 'A.mp4']);
        expect((await runner.list({ limit: 1 })).map((j) => j.fileName)).toEqual(['B.mp4']);
        expect((await runner.list({ states: ['done'] }))).toEqual([]);
        expect(await runner.get(first.job.id)).toEqual(first.job);
        expect(await runner.get('no-such-job')).toBeUndefined();
      } finally {
        await runner.close();
      }
    });

    it('records the same content for the same product once, as a duplicate, and runs it once', async () => {
      const bench = await makeBench();
      const runner = await bench.open();
      try {
        const tea = await runner.submit(input(bench, 'TEA.mp4', 'TEA', 'same'));
        const cup = await runner.submit(input(bench, 'CUP.mp4', 'CUP', 'same'));
        const again = await runner.submit(input(bench, 'tea take2.mp4', 'TEA', 'same'));
        expect(cup.duplicate).toBe(false);
        expect(again.duplicate).toBe(true);
        if (!again.duplicate) return;
        expect(again.original.id).toBe(tea.job.id);
        expect(again.job).toMatchObject({ state: 'duplicate', duplicateOf: tea.job.id, sku: 'TEA' });
        expect(again.job.error).toMatch(/same content as job #\S+ \(TEA\.mp4\) for TEA/);
        const ran: string[] = [];
        runner.start(async (job, context) => {
          ran.push(job.fileName);
          return done(job, context);
        });
        await runner.idle();
        await runner.stop();
        expect(ran.sort()).toEqual(['CUP.mp4', 'TEA.mp4']);
        // Done content stays done: dropped again later, it is still a duplicate.
        expect((await runner.submit(input(bench, 'tea take3.mp4', 'TEA', 'same'))).duplicate).toBe(true);
      } finally {
        await runner.close();
      }
    });

    it('claims each job once and records done, failed and crashed outcomes; a failed job may be submitted again', async () => {
      const bench = await makeBench();
      const events: RunnerEvent[] = [];
      const runner = await bench.open({ concurrency: 2, onEvent: (event) => events.push(event) });
      try {
        const ok = await runner.submit(input(bench, 'OK.mp4', 'OK', 'ok'));
        const bad = await runner.submit(input(bench, 'BAD.mp4', 'BAD', 'bad'));
        const bug = await runner.submit(input(bench, 'BUG.mp4', 'BUG', 'bug'));
        const calls = new Map<string, number>();
        runner.start(async (job, context) => {
          calls.set(job.id, (calls.get(job.id) ?? 0) + 1);
          if (job.sku === 'BAD') return { state: 'failed', outputs: [], error: 'clip past the end' };
          if (job.sku === 'BUG') throw new Error('boom');
          return done(job, context);
        });
        await runner.idle();
        await runner.stop();
        expect([...calls.values()]).toEqual([1, 1, 1]);
        const byId = async (id: string) => (await runner.get(id))!;
        expect(await byId(ok.job.id)).toMatchObject({ state: 'done', outputs: ['/out/OK.mp4'], attempts: 1 });
        expect(await byId(bad.job.id)).toMatchObject({ state: 'failed', error: 'clip past the end', attempts: 1 });
        expect(await byId(bug.job.id)).toMatchObject({ state: 'failed', attempts: 1 });
        expect((await byId(bug.job.id)).error).toMatch(/unexpectedly: boom/);
        expect((await byId(ok.job.id)).finishedAt).toBeDefined();
        expect(events.filter((e) => e.type === 'started')).toHaveLength(3);
        // One end event per job, carrying the job as it ended.
        const ends = events.filter((e) => e.type === 'finished' || e.type === 'crashed');
        expect(ends.map((e) => [e.job.sku, e.type, e.job.state]).sort()).toEqual([['BAD', 'finished', 'failed'], ['BUG', 'crashed', 'failed'], ['OK', 'finished', 'done']]);
        expect((await runner.submit(input(bench, 'BAD again.mp4', 'BAD', 'bad'))).duplicate).toBe(false);
      } finally {
        await runner.close();
      }
    });

    it('puts a released job back and runs it again; stop() hands a running job back to the next runner', async () => {
      const bench = await makeBench();
      const runner = await bench.open();
      const released = await runner.submit(input(bench, 'R.mp4', 'R', 'r'));
      let tries = 0;
      runner.start(async (job, context) => {
        const { signal } = context;
        if (job.sku === 'R' && ++tries === 1) throw new JobReleased('not yet');
        if (job.sku === 'S') {
          // Runs until the runner stops.
          await new Promise((resolve) => signal.addEventListener('abort', resolve, { once: true }));
          throw new JobReleased('stopping');
        }
        return done(job, context);
      });
      await waitFor(async () => (await runner.get(released.job.id))?.state === 'done', 'the released job to run again');
      expect(tries).toBe(2);
      expect((await runner.get(released.job.id))!.attempts).toBe(1); // a release does not count
      const stopped = await runner.submit(input(bench, 'S.mp4', 'S', 's'));
      await waitFor(async () => (await runner.get(stopped.job.id))?.state === 'running', 'S to start');
      expect((await runner.get(stopped.job.id))!.worker).toEqual(expect.any(String));
      await runner.stop();
      expect(await runner.get(stopped.job.id)).toMatchObject({ state: 'queued', worker: undefined });
      await runner.close();

      const next = await bench.open();
      try {
        expect((await next.list()).map((j) => [j.fileName, j.state])).toEqual([['S.mp4', 'queued'], ['R.mp4', 'done']]);
        next.start(done);
        await next.idle();
        await next.stop();
        expect(await next.get(stopped.job.id)).toMatchObject({ state: 'done', attempts: 1 });
      } finally {
        await next.close();
      }
    });

    it('after its worker died mid-job, recover() queues the job again and the next worker runs it', async () => {
      const bench = await makeBench();
      const runner = await bench.open();
      const submitted = await runner.submit(input(bench, 'C.mp4', 'C', 'c'));
      await runner.close();
      await bench.crashWhileRunning();

      const next = await bench.open();
      try {
        expect((await next.get(submitted.job.id))!.state).toBe('running');
        const recovered = await next.recover();
        expect(recovered.map((j) => j.id)).toEqual([submitted.job.id]);
        expect((await next.get(submitted.job.id))!.state).toBe('queued');
        expect(await next.recover()).toEqual([]); // nothing left to recover
        next.start(done);
        await next.idle();
        await next.stop();
        expect(await next.get(submitted.job.id)).toMatchObject({ state: 'done', attempts: 2 });
      } finally {
        await next.close();
      }
    });

    it('records a running job\'s progress for every reader, the latest figure last, and forgets it when the job ends', async () => {
      const bench = await makeBench();
      const runner = await bench.open();
      const reader = await bench.open(); // another process's view, as `promo jobs` and the dashboard have
      try {
        const { job } = await runner.submit(input(bench, 'P.mp4', 'P', 'p'));
        let finish = () => {};
        const finished = new Promise<void>((resolve) => { finish = resolve; });
        let context: JobContext | undefined;
        runner.start(async (running, given) => {
          context = given;
          await finished;
          return done(running, given);
        });
        await waitFor(() => context !== undefined, 'P to start');
        expect((await reader.get(job.id))!.progress).toBeUndefined(); // nothing reported yet
        context!.progress(0.25, 'P douyin: encoding');
        await waitFor(async () => (await reader.get(job.id))?.progress?.fraction === 0.25, 'the first figure to be recorded');
        expect((await reader.get(job.id))!.progress).toEqual({ fraction: 0.25, what: 'P douyin: encoding' });
        // A burst, as ffmpeg reports it: what is recorded in the end is the last figure.
        for (const fraction of [0.3, 0.31, 0.42, 0.55]) context!.progress(fraction, `P douyin: encoding ${fraction}`);
        context!.progress(1.7, 'P douyin: done'); // out of range: recorded as 1
        await waitFor(async () => (await reader.get(job.id))?.progress?.fraction === 1, 'the last figure to be recorded');
        expect((await reader.list({ states: ['running'] }))[0]!.progress).toEqual({ fraction: 1, what: 'P douyin: done' });
        finish();
        await waitFor(async () => (await reader.get(job.id))?.state === 'done', 'P to end');
        expect((await reader.get(job.id))!.progress).toBeUndefined();
        await runner.stop();
      } finally {
        await reader.close();
        await runner.close();
      }
    });

    it('records refused files and ends open jobs from outside, as failed jobs with their reason', async () => {
      const bench = await makeBench();
      const runner = await bench.open();
      try {
        const refused = await runner.refuse({ inbox: bench.inbox, fileName: 'notes.txt', size: 3, mtimeMs: 1, error: 'is not footage' });
        expect(refused).toMatchObject({ state: 'failed', fileName: 'notes.txt', error: 'is not footage', footage: undefined });
        const open = await runner.submit(input(bench, 'GONE.mp4', 'GONE', 'gone'));
        await runner.end(open.job.id, 'failed', 'GONE.mp4 disappeared; drop it again');
        expect(await runner.get(open.job.id)).toMatchObject({ state: 'failed', error: 'GONE.mp4 disappeared; drop it again' });
        runner.start(done);
        await runner.idle(); // nothing left to run
        await runner.stop();
        expect((await runner.list()).map((j) => j.state)).toEqual(['failed', 'failed']);
      } finally {
        await runner.close();
      }
    });
  });
}
