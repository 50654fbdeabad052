// `gongkai import requests|appeals`, run as a user runs it: a child process, exit codes 0/1/2,
// the summary on stdout, bad lines and the progress bar on stderr.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { bundled } from '../support/bundle.js';
import { type TestDb, testDb } from '../support/db.js';

const REQ_HEADER = 'reference,received_on,applicant_type,channel,closed_on,outcome';
const APP_HEADER = 'reference,kind,filed_on,result,decided_on,request_reference';

function gongkai(url: string, args: string[]) {
  const r = spawnSync(process.execPath, [bundled('cli'), ...args], {
    env: { ...process.env, DATABASE_URL: url, GONGKAI_SECRET: 'cli-test-secret-cli-test-secret-0123456789', USER: 'importer' },
    encoding: 'utf8',
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('gongkai import', () => {
  let db: TestDb;
  const dir = mkdtempSync(join(tmpdir(), 'gongkai-import-'));
  const file = (name: string, text: string) => {
    const p = join(dir, name);
    writeFileSync(p, text);
    return p;
  };
  const count = async (table: 'requests' | 'appeals') =>
    Number(
      (
        await db.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  before(async () => {
    db = await testDb();
    assert.equal(gongkai(db.url, ['organ', 'add', '--code', 'gx', '--name', '广西壮族自治区住房和城乡建设厅']).code, 0);
  });
  after(() => db.destroy());

  it('imports requests (exit 0), and a re-import changes nothing', async () => {
    const p = file(
      'r.csv',
      `\uFEFF${REQ_HEADER}\r\ngx-2017-00001,2017-03-01,natural_person,in_person,2017-03-10,granted\r\nR-2,2017-04-01,commercial,post,,\r\n`,
    );
    const r = gongkai(db.url, ['import', 'requests', '--organ', 'gx', p]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout.trim(), '已导入申请（共 2 行数据）：新增 2 条，更新 0 条，未变 0 条。');
    assert.equal(r.stderr, '');
    const again = gongkai(db.url, ['import', 'requests', '--organ', 'gx', p]);
    assert.equal(again.code, 0);
    assert.match(again.stdout, /新增 0 条，更新 0 条，未变 2 条/);
    assert.equal(await count('requests'), 2);
    const audit = await db.db
      .selectFrom('audit_log')
      .select(['actor_name', 'subject_id'])
      .where('action', '=', 'import.requests')
      .execute();
    assert.deepEqual(audit, [
      { actor_name: 'cli:importer', subject_id: 'r.csv' },
      { actor_name: 'cli:importer', subject_id: 'r.csv' },
    ]);
  });

  it('bad rows: exit 1, every bad line on stderr, nothing written; --skip-bad-rows writes the good ones', async () => {
    const p = file(
      'bad.csv',
      [
        REQ_HEADER,
        'R-3,2017-05-01,natural_person,online,,',
        'R-4,2017-05-01,robot,online,,',
        'R-5,2017-05-09,natural_person,online,2017-05-01,granted',
      ].join('\n'),
    );
    const r = gongkai(db.url, ['import', 'requests', '--organ', 'gx', p]);
    assert.equal(r.code, 1);
    assert.equal(r.stdout, '');
    const lines = r.stderr.trim().split('\n');
    assert.match(lines[0] ?? '', /^第 3 行：申请人类型（applicant_type）“robot”不是有效代码/);
    assert.match(lines[1] ?? '', /^第 4 行：办结日期 2017-05-01 早于收到申请日期 2017-05-09/);
    assert.match(lines[2] ?? '', /^错误：未导入任何申请：2 行有误/);
    assert.equal(await count('requests'), 2, 'nothing written');
    const skip = gongkai(db.url, ['import', 'requests', '--organ', 'gx', '--skip-bad-rows', p]);
    assert.equal(skip.code, 1);
    assert.match(skip.stdout, /新增 1 条，更新 0 条，未变 0 条；跳过有误的 2 行/);
    assert.match(skip.stderr, /第 3 行：/);
    assert.match(skip.stderr, /错误：2 行有误，已跳过；其余的行已导入。/);
    assert.equal(await count('requests'), 3);
  });

  it('imports appeals linked to imported requests', async () => {
    const p = file(
      'a.csv',
      [
        APP_HEADER,
        'FY-1,reconsideration,2017-05-01,upheld,2017-07-01,gx-2017-00001',
        'SS-1,litigation_direct,2017-06-01,,,R-404',
      ].join('\n'),
    );
    const bad = gongkai(db.url, ['import', 'appeals', '--organ', 'gx', p]);
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /^第 3 行：申请编号（request_reference）“R-404”在本机关的申请中不存在/);
    writeFileSync(
      p,
      [
        APP_HEADER,
        'FY-1,reconsideration,2017-05-01,upheld,2017-07-01,gx-2017-00001',
        'SS-1,litigation_direct,2017-06-01,,,R-2',
      ].join('\n'),
    );
    const ok = gongkai(db.url, ['import', 'appeals', '--organ', 'gx', p]);
    assert.equal(ok.code, 0, ok.stderr);
    assert.equal(ok.stdout.trim(), '已导入复议诉讼案件（共 2 行数据）：新增 2 条，更新 0 条，未变 0 条。');
    assert.equal(await count('appeals'), 2);
  });

  it('bad usage: exit 2', () => {
    const p = join(dir, 'r.csv');
    const unknown = gongkai(db.url, ['import', 'requests', '--organ', 'nope', p]);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /机关不存在：nope/);
    const missing = gongkai(db.url, ['import', 'appeals', '--organ', 'gx', join(dir, 'none.csv')]);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /文件不存在/);
    assert.equal(gongkai(db.url, ['import', 'requests', p]).code, 2);
    assert.equal(gongkai(db.url, ['import', 'requests', '--organ', 'gx']).code, 2);
    assert.equal(gongkai(db.url, ['import', 'requests', '--help']).code, 0);
  });

  it('shows a progress bar on stderr for a large file (a line every 10 % when not a terminal)', async () => {
    const rows = Array.from({ length: 1500 }, (_, i) => `BIG-${i + 1},2018-02-01,natural_person,online,2018-02-20,granted`);
    const p = file('big.csv', [REQ_HEADER, ...rows].join('\n'));
    const r = gongkai(db.url, ['import', 'requests', '--organ', 'gx', p]);
    assert.equal(r.code, 0, r.stderr);
    const progress = r.stderr.trim().split('\n');
    assert.equal(progress[0], '导入申请：0%（0/1500）');
    assert.equal(progress.at(-1), '导入申请：100%（1500/1500）');
    assert.ok(progress.length >= 5);
    assert.match(r.stdout, /新增 1500 条/);
    assert.equal(await count('requests'), 1503);
  });
});
