// `gongkai deadline`, registered on a bare commander program with a fake stdin.
// Run: node --import tsx --test src/modules/requests/requests.cli.test.ts
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { Command, CommanderError } from 'commander';
import { WorkingDayCalendar } from '../calendar/calendar.days.js';
import { parseScenario, registerDeadlineCommand } from './requests.cli.js';

async function deadline(args: string[], stdin: string, getCalendar = async () => new WorkingDayCalendar([])) {
  const out: string[] = [];
  const err: string[] = [];
  const program = new Command('gongkai')
    .exitOverride()
    .configureOutput({ writeOut: (s) => out.push(s), writeErr: (s) => err.push(s) });
  registerDeadlineCommand(program, getCalendar, () => stdin);
  let code = 0;
  try {
    await program.parseAsync(['deadline', ...args], { from: 'user' });
  } catch (e) {
    if (!(e instanceof CommanderError)) throw e;
    code = e.exitCode;
  }
  return { code, stdout: out.join(''), stderr: err.join('') };
}

const ISSUE = JSON.stringify({
  rules: '2019',
  received: '2025-09-26',
  events: [
    { type: 'correction_requested', on: '2025-09-30' },
    { type: 'correction_received', on: '2025-10-15' },
    { type: 'consultation_started', on: '2025-10-20' },
    { type: 'consultation_ended', on: '2025-11-03' },
    { type: 'extended', on: '2025-11-10', workingDays: 20 },
    { type: 'fee_notice_sent', on: '2025-11-12' },
    { type: 'fee_paid', on: '2025-11-19' },
  ],
});

describe('gongkai deadline --json', () => {
  it('prints the due dates and the receipt of the issue’s scenario', async () => {
    const r = await deadline(['--json'], ISSUE);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stderr, '');
    assert.equal(r.stdout.trim().split('\n').length, 1);
    assert.match(r.stdout, /^\{"correctionNoticeDue":"2025-10-13","replyDue":"2025-12-31",/);
    const j = JSON.parse(r.stdout);
    assert.equal(j.replyDueWithoutExtension, '2025-12-03');
    assert.equal(j.extensionDays, 20);
    assert.equal(j.clockStart, '2025-10-15');
    assert.equal(j.feePaymentDue, '2025-12-10');
    assert.deepEqual(j.problems, []);
    assert.equal(j.receipt.length, 96); // 2025-09-27 .. 2025-12-31
    assert.deepEqual(j.receipt[0], { date: '2025-09-27', counted: false, reason: '休息日（星期六）' });
    assert.deepEqual(j.receipt.at(-1), {
      date: '2025-12-31',
      counted: true,
      n: 40,
      reason: '工作日，计第40日（延长期限第20日）',
    });
  });

  it('a scenario with impossible events still succeeds and lists the problems', async () => {
    const r = await deadline(
      ['--json'],
      JSON.stringify({ rules: '2019', received: '2025-03-03', events: [{ type: 'correction_received', on: '2025-03-04' }] }),
    );
    assert.equal(r.code, 0);
    const j = JSON.parse(r.stdout);
    assert.equal(j.replyDue, '2025-03-31');
    assert.equal(j.problems.length, 1);
  });

  it('while a fee is unpaid there is no reply due yet', async () => {
    const r = await deadline(
      ['--json'],
      JSON.stringify({ rules: '2019', received: '2025-03-03', events: [{ type: 'fee_notice_sent', on: '2025-03-10' }] }),
    );
    const j = JSON.parse(r.stdout);
    assert.equal(j.replyDue, null);
    assert.equal(j.awaiting, 'fee_payment');
    assert.equal(j.feePaymentDue, '2025-04-08');
  });

  it('uses the calendar it is given (database overrides)', async () => {
    const input = JSON.stringify({ rules: '2019', received: '2027-03-01' });
    const plain = JSON.parse((await deadline(['--json'], input)).stdout);
    const moved = JSON.parse(
      (
        await deadline(
          ['--json'],
          input,
          async () => new WorkingDayCalendar([{ date: '2027-03-10', working: false, notice: '新通知' }]),
        )
      ).stdout,
    );
    assert.equal(plain.replyDue, '2027-03-29');
    assert.equal(moved.replyDue, '2027-03-30');
  });

  it('a calendar failure is not a usage error (propagates: exit 1 in the gongkai command)', async () => {
    await assert.rejects(
      deadline(['--json'], ISSUE, async () => {
        throw new Error('数据库不可用');
      }),
      /数据库不可用/,
    );
  });
});

describe('gongkai deadline (human)', () => {
  it('prints the due dates, then the receipt one day a line', async () => {
    const r = await deadline([], ISSUE);
    assert.equal(r.code, 0);
    const lines = r.stdout.trimEnd().split('\n');
    assert.ok(lines.includes('补正告知期限：2025-10-13'));
    assert.ok(lines.includes('起算日：2025-10-15（收到补正的申请，次日起算）'));
    assert.ok(lines.includes('答复期限：2025-12-31（含延长 20 个工作日；不延长为 2025-12-03）'));
    assert.ok(lines.includes('缴费期限：2025-12-10（逾期未缴可视为放弃申请）'));
    assert.ok(lines.includes('  2025-10-21 至 2025-11-03  征求第三方意见期间'));
    assert.ok(lines.includes('  2025-10-01（三） 不计  休息日（国庆节）'));
    assert.ok(lines.includes('  2025-10-16（四） 计  工作日，计第1日'));
    assert.equal(lines.at(-1), '  2025-12-31（三） 计  工作日，计第40日（延长期限第20日）');
  });

  it('2008 rules: no correction-notice period; awaiting states are said in words', async () => {
    const r = await deadline(
      [],
      JSON.stringify({ rules: '2008', received: '2017-03-01', events: [{ type: 'correction_requested', on: '2017-03-02' }] }),
    );
    assert.equal(r.code, 0);
    assert.match(r.stdout, /补正告知期限：无（2008 年条例未规定期限）/);
    assert.match(r.stdout, /答复期限：暂不确定（等待补正/);
  });
});

describe('gongkai deadline: bad input → exit 2, one line naming the field', () => {
  const cases: Array<[string, string, RegExp]> = [
    ['empty stdin', '  \n', /标准输入为空/],
    ['bad JSON', '{"rules":"2019",', /标准输入不是有效的 JSON/],
    ['not an object', '[1,2]', /字段 （整个输入）：应为对象，收到数组/],
    ['missing received', '{"rules":"2019"}', /字段 received：缺少此项/],
    ['bad rules', '{"rules":"2020","received":"2025-03-03"}', /字段 rules：应为 "2008" 或 "2019"/],
    ['rules as a number', '{"rules":2019,"received":"2025-03-03"}', /字段 rules：/],
    [
      'bad received',
      '{"rules":"2019","received":"2025-02-29"}',
      /字段 received：应为 YYYY-MM-DD 格式的真实日期，收到 "2025-02-29"/,
    ],
    [
      'bad event date',
      '{"rules":"2019","received":"2025-03-03","events":[{"type":"fee_paid","on":"2025-03-04"},{"type":"fee_paid","on":"2025-13-01"}]}',
      /字段 events\[1\]\.on（第 2 个事件）：应为 YYYY-MM-DD/,
    ],
    [
      'unknown event type',
      '{"rules":"2019","received":"2025-03-03","events":[{"type":"paused","on":"2025-03-04"}]}',
      /字段 events\[0\]\.type（第 1 个事件）：事件类型应为以下之一：correction_requested、/,
    ],
    [
      'extension not an integer',
      '{"rules":"2019","received":"2025-03-03","events":[{"type":"extended","on":"2025-03-04","workingDays":1.5}]}',
      /字段 events\[0\]\.workingDays（第 1 个事件）/,
    ],
    [
      'extension missing its days',
      '{"rules":"2019","received":"2025-03-03","events":[{"type":"extended","on":"2025-03-04"}]}',
      /字段 events\[0\]\.workingDays（第 1 个事件）：缺少此项/,
    ],
    [
      'deferral without a reason',
      '{"rules":"2019","received":"2025-03-03","events":[{"type":"deferred","on":"2025-03-04","until":"2025-05-30","reason":" "}]}',
      /字段 events\[0\]\.reason（第 1 个事件）：不能为空/,
    ],
    [
      'unknown field',
      '{"rules":"2019","received":"2025-03-03","events":[{"type":"fee_paid","on":"2025-03-04","amount":100}]}',
      /字段 events\[0\]（第 1 个事件）：不认识的字段：amount/,
    ],
    [
      'bad party',
      '{"rules":"2019","received":"2025-03-03","events":[{"type":"consultation_started","on":"2025-03-04","party":"court"}]}',
      /events\[0\]\.party/,
    ],
  ];
  for (const [name, input, re] of cases) {
    it(name, async () => {
      for (const args of [['--json'], []]) {
        const r = await deadline(args, input);
        assert.equal(r.code, 2);
        assert.equal(r.stdout, '');
        assert.equal(r.stderr.split('\n').length, 2, r.stderr); // one line and its newline
        assert.match(r.stderr, /^用法错误：/);
        assert.match(r.stderr, re);
      }
    });
  }

  it('parseScenario reports how many more errors there are', () => {
    const r = parseScenario('{"rules":"x","received":"y"}');
    assert.equal(r.ok, false);
    if (!r.ok) assert.match(r.reason, /另有 1 处错误/);
  });
});

describe('gongkai deadline as a process (real stdin)', () => {
  it('reads stdin by default and exits through commander with code 2 on bad input', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gongkai-deadline-'));
    const script = join(dir, 'run.mts'); // outside the package: .mts makes it ESM
    const root = join(import.meta.dirname, '../../..');
    const mod = join(import.meta.dirname, 'requests.cli.ts');
    const cal = join(import.meta.dirname, '../calendar/calendar.days.ts');
    writeFileSync(
      script,
      [
        `import { Command } from ${JSON.stringify(join(root, 'node_modules/commander/esm.mjs'))};`,
        `import { WorkingDayCalendar } from ${JSON.stringify(cal)};`,
        `import { registerDeadlineCommand } from ${JSON.stringify(mod)};`,
        `const p = new Command('gongkai');`,
        `registerDeadlineCommand(p, async () => new WorkingDayCalendar([]));`,
        `await p.parseAsync(process.argv.slice(2), { from: 'user' });`,
      ].join('\n'),
    );
    const go = (input: string) =>
      spawnSync(process.execPath, ['--import', 'tsx', script, 'deadline', '--json'], {
        input,
        encoding: 'utf8',
        cwd: root,
      });
    const ok = go(ISSUE);
    assert.equal(ok.status, 0, ok.stderr);
    assert.equal(JSON.parse(ok.stdout).replyDue, '2025-12-31');
    const bad = go('{');
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /^用法错误：标准输入不是有效的 JSON/);
  });
});
