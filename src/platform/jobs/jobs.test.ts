import assert from 'node:assert/strict';
import { describe, it, mock } from 'node:test';
import { startJobs } from './jobs.js';

const flush = () => new Promise<void>((r) => setImmediate(r));

describe('periodic jobs', () => {
  it('runs at start, then on every interval, and keeps going after a failure', async () => {
    mock.timers.enable({ apis: ['setInterval'] });
    try {
      let runs = 0;
      const errors: string[] = [];
      const jobs = startJobs(
        [
          {
            name: 'count',
            everyMs: 60_000,
            run: async () => {
              runs++;
              if (runs === 2) throw new Error('boom');
            },
          },
        ],
        { error: (_o, msg) => errors.push(msg) },
      );
      await flush();
      assert.equal(runs, 1, 'caught up at start');
      mock.timers.tick(60_000);
      await flush();
      assert.equal(runs, 2);
      assert.deepEqual(errors, ['job failed']);
      mock.timers.tick(60_000);
      await flush();
      assert.equal(runs, 3, 'the failure did not stop the job');
      jobs.stop();
      mock.timers.tick(120_000);
      await flush();
      assert.equal(runs, 3, 'stopped');
    } finally {
      mock.timers.reset();
    }
  });
});
