// Jobs that BullMQ never runs, kept beside the queue in one Redis hash: files refused before they
// became work, duplicates of earlier content, and jobs ended from outside a worker (their file
// vanished), which override the queue's copy. Also the submission counter that orders listings.
import type { Redis } from 'ioredis';
import type { Job } from '../job-runner.ts';

export class JobRecords {
  constructor(private readonly redis: Redis, private readonly key: string) {}

  /** The next submission number (1, 2, …), shared by every process on the queue. */
  nextSeq(): Promise<number> {
    return this.redis.incr(`${this.key}:seq`);
  }

  async get(id: string): Promise<(Job & { seq: number }) | undefined> {
    const raw = await this.redis.hget(this.key, id);
    return raw ? JSON.parse(raw) : undefined;
  }

  async put(job: Job, seq: number): Promise<void> {
    await this.redis.hset(this.key, job.id, JSON.stringify({ ...job, seq }));
  }

  async all(): Promise<(Job & { seq: number })[]> {
    return Object.values(await this.redis.hgetall(this.key)).map((raw) => JSON.parse(raw));
  }

  /** The job id now standing for content key `key`, if any. */
  current(key: string): Promise<string | null> {
    return this.redis.hget(`${this.key}:content`, key);
  }

  setCurrent(key: string, id: string): Promise<number> {
    return this.redis.hset(`${this.key}:content`, key, id);
  }
}
