import { afterAll, describe, expect, it } from 'vitest';
import { LeaderLock, Monitor, monitorLeaderKey, type MonitorTask } from '@/lib/monitor';
import { deletePrefix, testRedis, uniquePrefix, waitFor } from '../helpers/redis';

const namespace = uniquePrefix('mon');
const redis = testRedis();
const quiet = () => undefined;

afterAll(async () => {
  await deletePrefix(redis, namespace);
  redis.disconnect();
});

function countingTask(name = 'count'): MonitorTask & { runs: number[] } {
  const runs: number[] = [];
  return { name, runs, run: async (now) => void runs.push(now) };
}

describe('Monitor', () => {
  it('runs every task once per tick with the tick’s time, and keeps going when one throws', async () => {
    const task = countingTask();
    const broken: MonitorTask = { name: 'broken', run: async () => Promise.reject(new Error('boom')) };
    const monitor = new Monitor({ tasks: [broken, task], intervalMs: 60_000, clock: () => 1234, log: quiet });
    const result = await monitor.tick();
    expect(task.runs).toEqual([1234]);
    expect(result.leader).toBe(true);
    expect(result.failures.map((failure) => failure.task)).toEqual(['broken']);
  });

  it('never runs two ticks at once: a tick asked for during one gets that one', async () => {
    let release: () => void = () => undefined;
    let runs = 0;
    const slow: MonitorTask = {
      name: 'slow',
      run: () => {
        runs += 1;
        return new Promise<void>((resolve) => (release = resolve));
      },
    };
    const monitor = new Monitor({ tasks: [slow], intervalMs: 60_000, log: quiet });
    const first = monitor.tick();
    const second = monitor.tick();
    expect(second).toBe(first);
    await waitFor(async () => runs === 1, 1000, 'the tick to start');
    release();
    await first;
    expect(runs).toBe(1);
    const third = monitor.tick();
    await waitFor(async () => runs === 2, 1000, 'a new tick');
    release();
    await third;
  });

  it('ticks on its own after start() and waits for the tick in progress on stop()', async () => {
    const task = countingTask();
    const monitor = new Monitor({ tasks: [task], intervalMs: 10, log: quiet });
    monitor.start();
    await waitFor(async () => task.runs.length >= 3, 5000, 'three ticks');
    await monitor.stop();
    const after = task.runs.length;
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(task.runs.length).toBe(after);
  });
});

describe('LeaderLock', () => {
  it('lets one monitor of several run the tasks, and hands over when the leader stops', async () => {
    const key = monitorLeaderKey(namespace);
    const tasks = [countingTask('a'), countingTask('b')];
    const monitors = tasks.map((task) => new Monitor({ tasks: [task], intervalMs: 60_000, lock: new LeaderLock(redis, key, 30_000), log: quiet }));

    const [first, second] = await Promise.all(monitors.map((monitor) => monitor.tick()));
    expect([first?.leader, second?.leader].filter(Boolean)).toHaveLength(1);
    await Promise.all(monitors.map((monitor) => monitor.tick()));
    const leaderIndex = first?.leader ? 0 : 1;
    expect(tasks[leaderIndex]?.runs).toHaveLength(2);
    expect(tasks[1 - leaderIndex]?.runs).toHaveLength(0);
    expect(await redis.pttl(key)).toBeGreaterThan(0);

    await monitors[leaderIndex]?.stop();
    expect(await redis.exists(key)).toBe(0);
    expect((await monitors[1 - leaderIndex]?.tick())?.leader).toBe(true);
    expect(tasks[1 - leaderIndex]?.runs).toHaveLength(1);
    await monitors[1 - leaderIndex]?.stop();
  });

  it('is taken over once the holder stops renewing it', async () => {
    const key = `${monitorLeaderKey(namespace)}-expiry`;
    const gone = new LeaderLock(redis, key, 30_000);
    expect(await gone.acquire()).toBe(true);
    const other = new LeaderLock(redis, key, 30_000);
    expect(await other.acquire()).toBe(false);
    // The holder's process died: nobody renews, so Redis expires the key (simulated by cutting the TTL).
    await redis.pexpire(key, 1);
    await waitFor(async () => (await redis.exists(key)) === 0, 1000, 'the lock to expire');
    expect(await other.acquire()).toBe(true);
    await gone.release();
    expect(await redis.get(key)).toBe(other.token);
  });
});
