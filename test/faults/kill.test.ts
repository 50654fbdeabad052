// SIGKILL in the middle of the submission load (issue 6): the real server is killed while
// applicants submit requests and its outbox mails their acknowledgements to a real SMTP server,
// then started again. Every acknowledged submission is there, the database passes its integrity
// check (SQLite: PRAGMA integrity_check; PostgreSQL: amcheck over every B-tree index), the audit
// chain verifies (`gongkai audit verify`), the server takes submissions again, and no outbox
// message is lost or delivered twice as two messages: each mail is delivered under the Message-ID
// of its outbox message, at least once; a second delivery is possible only for a message that was
// in the SMTP exchange at the kill (at-least-once), and carries the same Message-ID.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import { createServices } from '../../src/app.js';
import { mailMessageId } from '../../src/modules/notify/notify.js';
import { ManualClock } from '../../src/platform/clock.js';
import { connect } from '../../src/platform/db/connect.js';
import { testConfig } from '../support/app.js';
import {
  gongkai,
  type ScratchDb,
  SECRET,
  type ServerProcess,
  scratchDb,
  serverEnv,
  startServerProcess,
} from '../support/server.js';
import { header, type Received, startSmtp } from '../support/smtp.js';
import { checkStored, pool, type Submission, submitRequest } from './load.js';

const TOTAL = 400;
const KILL_AFTER = 150;

describe('faults: SIGKILL during the submission load, then a restart', () => {
  let db: ScratchDb;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let env: Record<string, string>;
  let server: ServerProcess | undefined;

  before(async () => {
    db = await scratchDb(process.env.TEST_DATABASE_URL || undefined, 'gk_kill');
    smtp = await startSmtp();
    env = serverEnv(db, { GONGKAI_TRUST_PROXY: '1', GONGKAI_SMTP_URL: smtp.url, GONGKAI_MAIL_FROM: '测试厅 <gk@example.cn>' });
  });
  after(async () => {
    await server?.stop();
    await smtp?.close();
    await db?.destroy();
  });

  it('loses no acknowledged submission and no mail, and the database and the audit chain are sound', async () => {
    // the first life through `npm start`'s own entry (tsx), the second from the bundle
    const first = await startServerProcess(env, { args: ['--import', 'tsx', 'src/main.ts'] });
    server = first;
    let acknowledged = 0;
    let killed: Promise<void> | undefined;
    const subs: Submission[] = await pool(TOTAL, 40, async (i) => {
      const s = await submitRequest(first.url, 'kill', i);
      if (s.token && ++acknowledged === KILL_AFTER) killed = first.kill();
      return s;
    });
    await killed;
    assert.equal(await first.exited, null, 'killed by a signal');
    const acked = subs.filter((s) => s.token);
    const cut = subs.filter((s) => !s.token);
    assert.ok(acked.length >= KILL_AFTER, `${acked.length} acknowledged before the kill`);
    assert.ok(cut.length > 0, 'the kill cut submissions off');
    const mailsAtKill = smtp.inbox.length;

    // the second life: same database, no manual step
    server = await startServerProcess(env);
    const later = await pool(20, 10, (i) => submitRequest((server as ServerProcess).url, 'kill', TOTAL + i));
    assert.deepEqual(
      later.filter((s) => !s.token).map((s) => s.status),
      [],
      'submissions are taken again after the restart',
    );
    const all = [...subs, ...later];
    const stored = await checkStored(db.url, 'kill', all);
    assert.ok(stored >= acked.length + later.length);

    // the restarted server delivers what was waiting; what the killed one was sending waits for its lease
    const h = connect(db.url);
    try {
      const pendingLeft = async () =>
        Number(
          (
            await h.db
              .selectFrom('outbox')
              .select((eb) => eb.fn.countAll().as('n'))
              .where('state', '=', 'pending')
              .executeTakeFirstOrThrow()
          ).n,
        );
      for (let i = 0; i < 600 && (await pendingLeft()) > 0; i++) await new Promise((r) => setTimeout(r, 200));
      assert.equal(await pendingLeft(), 0, 'the restarted server delivered the waiting messages');
      await server.stop();
      server = undefined;

      // the killed server's lease (2 minutes) has run out: the next dispatcher takes its messages
      const sending = await h.db.selectFrom('outbox').select(['id', 'locked_until']).where('state', '=', 'sending').execute();
      assert.ok(sending.length <= 1, `one message at most was being sent at the kill (${sending.length})`);
      if (sending.length) {
        const later = new ManualClock(new Date(Date.parse(sending[0]?.locked_until as string) + 1000).toISOString());
        const config = testConfig({ databaseUrl: db.url, secret: SECRET, smtpUrl: smtp.url, mailFrom: 'gk@example.cn' });
        const s = createServices({ db: h.db, dialect: h.dialect, clock: later, config });
        const r = await s.outbox.dispatchDue(50);
        assert.equal(r.done, sending.length);
      }

      // integrity
      if (h.dialect === 'sqlite') {
        const file = db.url.slice('sqlite:'.length);
        const raw = new SQLite(file, { readonly: true });
        assert.equal(raw.pragma('integrity_check', { simple: true }), 'ok');
        assert.deepEqual(raw.pragma('foreign_key_check'), []);
        raw.close();
      } else {
        await sql`CREATE EXTENSION IF NOT EXISTS amcheck`.execute(h.db);
        const indexes = await sql<{ oid: number; name: string }>`
          SELECT c.oid, c.relname AS name FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
          JOIN pg_am am ON am.oid = c.relam JOIN pg_namespace n ON n.oid = c.relnamespace
          WHERE am.amname = 'btree' AND n.nspname = 'public'`.execute(h.db);
        assert.ok(indexes.rows.length > 10);
        for (const ix of indexes.rows) await sql`SELECT bt_index_check(${ix.oid}::regclass, true)`.execute(h.db);
      }
      const verify = gongkai(['audit', 'verify'], env);
      assert.equal(verify.status, 0, verify.stderr);
      assert.match(verify.stdout, /审计日志完整/);

      // the outbox: every message delivered; each mail under its own Message-ID
      const messages = await h.db.selectFrom('outbox').select(['id', 'idempotency_key', 'state', 'topic']).execute();
      const mails = messages.filter((m) => m.topic === 'mail.send');
      assert.deepEqual(
        messages.filter((m) => m.state !== 'done').map((m) => `${m.id} ${m.state}`),
        [],
        'no message left undelivered',
      );
      const delivered = new Map<string, Received[]>();
      for (const r of smtp.inbox) {
        const id = header(r.raw, 'Message-ID');
        delivered.set(id, [...(delivered.get(id) ?? []), r]);
      }
      for (const m of mails) {
        const id = mailMessageId(m.idempotency_key ?? `outbox-${m.id}`);
        assert.ok(delivered.has(id), `outbox message ${m.id} (${m.idempotency_key}) was delivered`);
      }
      assert.equal(delivered.size, mails.length, 'no mail that is not an outbox message');
      const twice = [...delivered.values()].filter((d) => d.length > 1);
      assert.ok(twice.length <= sending.length, 'a mail is delivered twice only if it was in the SMTP exchange at the kill');
      assert.ok(mails.length >= acked.length + later.length, 'an acknowledgement mail for every acknowledged submission');
      process.stderr.write(
        `${h.dialect}: ${acked.length} acknowledged before the kill, ${cut.length} cut off, ${stored} stored; ${mailsAtKill} mails before the kill, ${smtp.inbox.length} after; ${sending.length} in flight at the kill, ${twice.length} delivered twice (same Message-ID)\n`,
      );
    } finally {
      await h.close();
    }
  });
});
