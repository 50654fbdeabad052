// Mixed load (issue 6): 1,000 public request submissions sent at once to the real server while
// a member of staff works the queue (the queue page, a case, an internal note, round after
// round): every acknowledged submission is stored exactly once, with a unique reference, and its
// tracking link shows that reference. SQLite, or PostgreSQL when TEST_DATABASE_URL is set.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type ScratchDb, type ServerProcess, scratchDb, serverEnv, startServerProcess } from '../support/server.js';
import { checkStored, referenceOf, submitRequest, workTheQueue } from './load.js';

const N = 1000;

describe('faults: 1,000 simultaneous submissions while staff work the queue', () => {
  let db: ScratchDb;
  let server: ServerProcess;

  before(async () => {
    db = await scratchDb(process.env.TEST_DATABASE_URL || undefined, 'gk_mixed');
    server = await startServerProcess(serverEnv(db, { GONGKAI_TRUST_PROXY: '1' }));
  });
  after(async () => {
    await server?.stop();
    await db?.destroy();
  });

  it('stores every acknowledged submission exactly once, with a unique reference', async () => {
    let finish!: () => void;
    const allSent = new Promise<void>((r) => {
      finish = r;
    });
    const staff = workTheQueue(server.url, allSent);
    const started = performance.now();
    const subs = await Promise.all(Array.from({ length: N }, (_, i) => submitRequest(server.url, 'mixed', i)));
    const secs = (performance.now() - started) / 1000;
    finish();
    const work = await staff;
    const acked = subs.filter((s) => s.token);
    const failures = subs.filter((s) => !s.token).map((s) => s.status);
    process.stderr.write(
      `${N} submissions in ${secs.toFixed(1)} s (${(N / secs).toFixed(0)}/s): ${acked.length} acknowledged; staff meanwhile: ${JSON.stringify(work)}\n`,
    );
    assert.deepEqual(failures, [], 'every submission was acknowledged');
    assert.ok(work.notes > 0, 'staff got work done under the load');

    assert.equal(await checkStored(db.url, 'mixed', subs), N);
    const refs = new Set<string>();
    for (const s of acked.slice(0, 200)) {
      const ref = await referenceOf(server.url, s.token as string);
      assert.ok(ref, `tracking page of ${s.marker}`);
      refs.add(ref);
    }
    assert.equal(refs.size, 200, 'tracking pages show distinct references');
  });
});
