// Periodic jobs of one app server: each runs once at start (catching up after downtime) and then
// every `everyMs`. A run never overlaps the previous run of the same job; failures are logged and
// the next tick tries again. Jobs must be idempotent: several app servers may run them at once.
export interface Job {
  name: string;
  everyMs: number;
  run(): Promise<unknown>;
}

export interface JobLog {
  error(obj: object, msg: string): void;
}

export function startJobs(jobs: readonly Job[], log: JobLog): { stop(): void } {
  const timers: NodeJS.Timeout[] = [];
  for (const job of jobs) {
    let running = false;
    const tick = async () => {
      if (running) return;
      running = true;
      try {
        await job.run();
      } catch (err) {
        log.error({ err, job: job.name }, 'job failed');
      } finally {
        running = false;
      }
    };
    void tick();
    const t = setInterval(tick, job.everyMs);
    t.unref();
    timers.push(t);
  }
  return {
    stop() {
      for (const t of timers) clearInterval(t);
    },
  };
}
