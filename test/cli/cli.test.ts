// The `gongkai` command, run as a user runs it: a child process, DATABASE_URL, exit codes, stdout.
// Most runs start the bundled command (test/support/bundle.ts: the same sources, half the start-up
// time); `gongkai --help` in the help test runs bin/gongkai.js itself, the entry users type.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { chainHash, GENESIS } from '../../src/platform/audit/audit.js';
import { bundled } from '../support/bundle.js';
import { type TestDb, testDb, usingPostgres } from '../support/db.js';

const BIN = join(import.meta.dirname, '../../bin/gongkai.js');

function gongkai(url: string, args: string[], input?: string, entry = bundled('cli')) {
  const r = spawnSync(process.execPath, [entry, ...args], {
    env: { ...process.env, DATABASE_URL: url, GONGKAI_SECRET: 'cli-test-secret-cli-test-secret-0123456789' },
    input: input ?? '',
    encoding: 'utf8',
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('gongkai command', () => {
  let db: TestDb;
  before(async () => {
    db = await testDb();
  });
  after(() => db.destroy());

  it('adds and lists organs, one a line: code, a space, name', () => {
    assert.equal(
      gongkai(db.url, ['organ', 'add', '--code', 'gx', '--name', '广西壮族自治区人民政府', '--kind', 'government']).code,
      0,
    );
    const child = gongkai(db.url, [
      'organ',
      'add',
      '--code',
      'nn',
      '--name',
      '南宁市人民政府',
      '--parent',
      'gx',
      '--kind',
      'government',
    ]);
    assert.equal(child.code, 0, child.stderr);
    const list = gongkai(db.url, ['organ', 'list']);
    assert.equal(list.code, 0);
    assert.deepEqual(list.stdout.trim().split('\n'), ['gx 广西壮族自治区人民政府', 'nn 南宁市人民政府']);
  });

  it('fails with exit 1 and a one-line reason', () => {
    const dup = gongkai(db.url, ['organ', 'add', '--code', 'gx', '--name', '重复']);
    assert.equal(dup.code, 1);
    assert.equal(dup.stderr.trim().split('\n').length, 1);
    assert.match(dup.stderr, /机关代码已被使用/);
    const noParent = gongkai(db.url, ['organ', 'add', '--code', 'x1', '--name', '某机关', '--parent', 'nope']);
    assert.equal(noParent.code, 1);
    assert.match(noParent.stderr, /上级机关不存在/);
  });

  it('exits 2 on bad usage', () => {
    assert.equal(gongkai(db.url, ['no-such-command']).code, 2);
    assert.equal(gongkai(db.url, ['organ', 'add', '--name', '缺少代码']).code, 2);
    assert.equal(gongkai(db.url, ['calendar', 'is-working-day', '2026-02-30']).code, 2);
    assert.equal(gongkai(db.url, ['calendar', 'add-working-days', '2025-09-26', 'x']).code, 2);
    assert.equal(gongkai(db.url, ['user', 'add', '--organ', 'gx', '--username', 'u1', '--role', 'admin']).code, 2);
  });

  it('prints help for every sub-command with exit 0', () => {
    for (const args of [
      ['--help'],
      ['organ', 'add', '--help'],
      ['user', 'add', '--help'],
      ['calendar', '--help'],
      ['audit', 'verify', '--help'],
    ]) {
      // the plain entry once, the bundle for the rest
      const r = gongkai(db.url, args, undefined, args.length === 1 ? BIN : undefined);
      assert.equal(r.code, 0, args.join(' '));
      assert.match(r.stdout, /Usage: gongkai/);
    }
  });

  it('adds a user with the password from stdin, enforcing the password policy and 三员分立', async () => {
    const ok = gongkai(
      db.url,
      ['user', 'add', '--organ', 'gx', '--username', 'wang', '--role', 'admin', 'office_head', '--password-stdin'],
      'Strong#Pass2026\n',
    );
    assert.equal(ok.code, 0, ok.stderr);
    assert.equal(ok.stdout.trim(), 'wang admin,office_head');
    const weak = gongkai(
      db.url,
      ['user', 'add', '--organ', 'gx', '--username', 'liu', '--role', 'office_staff', '--password-stdin'],
      'short\n',
    );
    assert.equal(weak.code, 1);
    assert.match(weak.stderr, /密码至少需要/);
    const both = gongkai(
      db.url,
      ['user', 'add', '--organ', 'gx', '--username', 'zhao', '--role', 'admin', 'audit_officer', '--password-stdin'],
      'Strong#Pass2026\n',
    );
    assert.equal(both.code, 1);
    assert.match(both.stderr, /三员分立/);
    const row = await db.db.selectFrom('users').select('password_hash').where('username', '=', 'wang').executeTakeFirstOrThrow();
    assert.match(row.password_hash, /^\$argon2id\$/);
  });

  it('lets the operator grant officer roles and reset any password', () => {
    const roles = gongkai(db.url, ['user', 'roles', '--username', 'wang', '--role', 'security_officer']);
    assert.equal(roles.code, 0, roles.stderr);
    assert.equal(roles.stdout.trim(), 'wang security_officer');
    assert.equal(gongkai(db.url, ['user', 'roles', '--username', 'wang', '--role', 'security_officer', 'audit_officer']).code, 1);
    assert.equal(gongkai(db.url, ['user', 'roles', '--username', 'nobody', '--role', 'leader']).code, 1);
    const pw = gongkai(db.url, ['user', 'password', '--username', 'wang', '--password-stdin'], 'Another#Pass2027\n');
    assert.equal(pw.code, 0, pw.stderr);
    assert.equal(gongkai(db.url, ['user', 'password', '--username', 'wang', '--password-stdin'], 'weak\n').code, 1);
  });

  it('answers working-day questions from the official calendar', () => {
    assert.equal(gongkai(db.url, ['calendar', 'is-working-day', '2026-02-14']).stdout.trim(), 'true');
    assert.equal(gongkai(db.url, ['calendar', 'is-working-day', '2026-02-16']).stdout.trim(), 'false');
    assert.equal(gongkai(db.url, ['calendar', 'add-working-days', '2025-09-26', '20']).stdout.trim(), '2025-10-30');
  });

  it('computes the due dates of a request scenario on stdin with the calendar of the database', () => {
    const scenario = JSON.stringify({
      rules: '2019',
      received: '2025-09-26',
      events: [
        { type: 'correction_requested', on: '2025-09-30' },
        { type: 'correction_received', on: '2025-10-15' },
        { type: 'consultation_started', on: '2025-10-20' },
        { type: 'consultation_ended', on: '2025-11-03' },
        { type: 'extended', on: '2025-11-10', workingDays: 20 },
      ],
    });
    const r = gongkai(db.url, ['deadline', '--json'], scenario);
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.equal(out.correctionNoticeDue, '2025-10-13');
    assert.equal(out.replyDue, '2025-12-24');
    assert.equal(out.receipt.filter((d: { counted: boolean }) => d.counted).length, 40);
    const bad = gongkai(db.url, ['deadline', '--json'], '{"rules":"2019","received":"2025-13-01","events":[]}');
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /received/);
  });

  it('takes a new notice as overrides, and the answers follow', () => {
    // 2027 is not in the official data: a Saturday made a working day by a (future) notice
    assert.equal(gongkai(db.url, ['calendar', 'is-working-day', '2027-02-06']).stdout.trim(), 'false');
    const set = gongkai(db.url, ['calendar', 'set', '2027-02-06', '--working', '--notice', '国办发明电〔2026〕X号']);
    assert.equal(set.code, 0, set.stderr);
    assert.equal(gongkai(db.url, ['calendar', 'is-working-day', '2027-02-06']).stdout.trim(), 'true');
  });

  it('verifies the audit chain and reports the first broken link', async () => {
    const good = gongkai(db.url, ['audit', 'verify']);
    assert.equal(good.code, 0, good.stderr);
    assert.match(good.stdout, /审计日志完整：共 \d+ 条/);
    const rows = await db.db.selectFrom('audit_log').select('id').orderBy('id').execute();
    const target = Number(rows[1]?.id);
    // bypass the append-only guard the way an attacker with database access would
    if (usingPostgres()) {
      await sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only`.execute(db.db);
      await sql`UPDATE audit_log SET actor_name = 'someone-else' WHERE id = ${target}`.execute(db.db);
      await sql`ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only`.execute(db.db);
    } else {
      await sql`DROP TRIGGER audit_log_no_update`.execute(db.db);
      await sql`UPDATE audit_log SET actor_name = 'someone-else' WHERE id = ${target}`.execute(db.db);
    }
    const bad = gongkai(db.url, ['audit', 'verify']);
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, new RegExp(`第 ${target} 条记录处断裂：记录内容被篡改`));
  });

  it('detects a history rewritten with recomputed hashes by someone without the key', async () => {
    // the attacker changes a row and recomputes every hash after it with a key of their own
    if (usingPostgres()) await sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only`.execute(db.db);
    else await sql`DROP TRIGGER IF EXISTS audit_log_no_update`.execute(db.db);
    const rows = await db.db.selectFrom('audit_log').selectAll().orderBy('id').execute();
    const key = Buffer.from('the attacker does not have the instance secret');
    let prev = GENESIS;
    for (const r of rows) {
      const fields = r.id === rows[0]?.id ? { ...r, actor_name: 'nobody' } : r;
      const hash = chainHash(key, prev, fields);
      await sql`UPDATE audit_log SET actor_name = ${fields.actor_name}, prev_hash = ${prev}, hash = ${hash} WHERE id = ${r.id}`.execute(
        db.db,
      );
      prev = hash;
    }
    const bad = gongkai(db.url, ['audit', 'verify']);
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, new RegExp(`第 ${Number(rows[0]?.id)} 条记录处断裂：记录内容被篡改`));
  });
});

describe('gongkai backup and restore', () => {
  let db: TestDb;
  let fresh: TestDb;
  before(async () => {
    db = await testDb();
    fresh = await testDb();
  });
  after(async () => {
    await db.destroy();
    await fresh.destroy();
  });

  it('restores a snapshot into a fresh database with identical content', async () => {
    assert.equal(gongkai(db.url, ['seed', 'demo']).code, 0);
    const file = join(mkdtempSync(join(tmpdir(), 'gk-backup-')), usingPostgres() ? 'b.dump' : 'b.db');
    const b = gongkai(db.url, ['backup', file]);
    assert.equal(b.code, 0, b.stderr);
    if (!usingPostgres()) {
      // a fresh migrated SQLite database holds no data, so restore needs no --force
      const r = gongkai(fresh.url, ['restore', file]);
      assert.equal(r.code, 0, r.stderr);
      const again = gongkai(fresh.url, ['restore', file]);
      assert.equal(again.code, 1, 'refuses to overwrite data without --force');
    } else {
      const r = gongkai(fresh.url, ['restore', file]);
      assert.equal(r.code, 0, r.stderr);
    }
    const dump = async (t: TestDb) => ({
      organs: await t.db.selectFrom('organs').select(['code', 'name', 'parent_id']).orderBy('id').execute(),
      users: await t.db.selectFrom('users').select(['username', 'password_hash']).orderBy('id').execute(),
      audit: await t.db.selectFrom('audit_log').select(['hash']).orderBy('id').execute(),
    });
    assert.deepEqual(await dump(fresh), await dump(db));
    assert.equal(gongkai(fresh.url, ['organ', 'list']).stdout, gongkai(db.url, ['organ', 'list']).stdout);
    assert.equal(gongkai(fresh.url, ['audit', 'verify']).code, 0);
  });
});

describe('gongkai audit verify --anchor', () => {
  let db: TestDb;
  before(async () => {
    db = await testDb();
  });
  after(() => db.destroy());

  it('detects the newest rows removed, against an anchor kept elsewhere', async () => {
    assert.equal(gongkai(db.url, ['seed', 'demo']).code, 0);
    const first = gongkai(db.url, ['audit', 'verify']);
    const anchor = /锚点：(\d+:[0-9a-f]{64})/.exec(first.stdout)?.[1];
    assert.ok(anchor, first.stdout);
    assert.equal(gongkai(db.url, ['audit', 'verify', '--anchor', anchor]).code, 0);
    assert.equal(gongkai(db.url, ['audit', 'verify', '--anchor', 'nonsense']).code, 2);
    // remove the newest row: the rest is still a valid chain, but no longer reaches the anchor
    if (usingPostgres()) await sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only`.execute(db.db);
    else await sql`DROP TRIGGER audit_log_no_delete`.execute(db.db);
    await sql`DELETE FROM audit_log WHERE id = (SELECT MAX(id) FROM audit_log)`.execute(db.db);
    assert.equal(gongkai(db.url, ['audit', 'verify']).code, 0, 'the shorter chain verifies on its own');
    const r = gongkai(db.url, ['audit', 'verify', '--anchor', anchor]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /末尾的记录被删除/);
  });

  it('rebuilds the search index from the published items, progress on stderr', async () => {
    // a document left in the index for an item that does not exist is dropped by the rebuild
    await db.db
      .insertInto('search_documents')
      .values({
        id: 1,
        kind: 'publication',
        doc_id: '999999',
        organ_id: 1,
        column_code: null,
        genre: null,
        published_on: '1970-01-01',
        title: '孤立文档',
        body: '',
        url: '/items/999999',
        indexed_at: '2026-01-01T00:00:00.000Z',
      })
      .execute();
    const published = Number(
      (
        await db.db
          .selectFrom('publications')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('state', '=', 'published')
          .executeTakeFirstOrThrow()
      ).n,
    );
    const r = gongkai(db.url, ['search', 'reindex']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, new RegExp(`^已重建搜索索引：${published} 条信息，用时 [\\d.]+ 秒。\\n$`));
    assert.match(r.stderr, new RegExp(`重建索引：100%（${published}/${published}）`));
    const orphan = await db.db.selectFrom('search_documents').select('id').where('doc_id', '=', '999999').execute();
    assert.deepEqual(orphan, []);
    const indexed = await db.db
      .selectFrom('search_documents')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    assert.equal(Number(indexed.n), published);
  });
});
