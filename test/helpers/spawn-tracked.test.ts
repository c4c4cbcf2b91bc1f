// A test that fails while its child (and the child's own child) runs still leaves no process.
import { expect, it } from 'vitest';
import { isRunning } from './is-running.ts';
import { spawnTracked } from './spawn-tracked.ts';
import { waitFor } from './wait-for.ts';

const pids: number[] = [];

it.fails('a test that fails with a child still running', async () => {
  // sh starts sleep in the background and prints its pid: a grandchild of the test.
  const child = spawnTracked('sh', ['-c', 'sleep 600 & echo $!; wait'], { stdio: ['ignore', 'pipe', 'ignore'] });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => { out += d.toString(); });
  await waitFor(() => /^\d+\n/.test(out), 'sh to print the pid of its sleep', 10_000);
  pids.push(child.pid!, Number(out.trim()));
  expect(pids.every(isRunning)).toBe(true);
  expect('the assertion that fails').toBe('with both processes running');
});

it('kills the child and the grandchild once that test is over', () => {
  expect(pids).toHaveLength(2);
  expect(pids.filter(isRunning)).toEqual([]);
});
