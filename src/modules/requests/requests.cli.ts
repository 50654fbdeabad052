// `gongkai deadline`: reads a request scenario (JSON) on stdin and prints its due dates and the
// "why this date" receipt (requests.clock.ts). Bad JSON or a bad field: exit 2, one line on stderr.
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { z } from 'zod';
import { isIsoDate, type WorkingDayCalendar, weekday } from '../calendar/calendar.days.js';
import { type ClockInput, type ClockResult, computeClock } from './requests.clock.js';

const TYPE_ZH: Record<string, string> = {
  string: '字符串',
  number: '数字',
  integer: '整数',
  boolean: '布尔值',
  object: '对象',
  array: '数组',
};

const errorMap: z.ZodErrorMap = (issue, ctx) => {
  switch (issue.code) {
    case z.ZodIssueCode.invalid_type:
      if (issue.received === 'undefined') return { message: '缺少此项' };
      return { message: `应为${TYPE_ZH[issue.expected] ?? issue.expected}，收到${TYPE_ZH[issue.received] ?? issue.received}` };
    case z.ZodIssueCode.invalid_enum_value:
      return {
        message: `应为 ${issue.options.map((o) => JSON.stringify(o)).join(' 或 ')}，收到 ${JSON.stringify(issue.received)}`,
      };
    case z.ZodIssueCode.invalid_union_discriminator:
      return { message: `事件类型应为以下之一：${issue.options.map(String).join('、')}` };
    case z.ZodIssueCode.unrecognized_keys:
      return { message: `不认识的字段：${issue.keys.join('、')}` };
    case z.ZodIssueCode.too_small:
      return { message: issue.type === 'string' ? '不能为空' : `不能小于 ${String(issue.minimum)}` };
    case z.ZodIssueCode.too_big:
      return { message: issue.type === 'array' ? `最多 ${String(issue.maximum)} 项` : `不能大于 ${String(issue.maximum)}` };
    default:
      return { message: ctx.defaultError };
  }
};

const isoDate = z.string().refine(isIsoDate, (v) => ({ message: `应为 YYYY-MM-DD 格式的真实日期，收到 ${JSON.stringify(v)}` }));

const EventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('correction_requested'), on: isoDate, deadline: isoDate.optional() }).strict(),
  z.object({ type: z.literal('correction_received'), on: isoDate }).strict(),
  z
    .object({
      type: z.literal('consultation_started'),
      on: isoDate,
      party: z.enum(['third_party', 'organ']).optional(),
      ref: z.string().min(1).max(100).optional(),
    })
    .strict(),
  z.object({ type: z.literal('consultation_ended'), on: isoDate, ref: z.string().min(1).max(100).optional() }).strict(),
  // Above the legal maximum is accepted here: the clock caps it and reports a problem.
  z.object({ type: z.literal('extended'), on: isoDate, workingDays: z.number().int().min(1).max(1000) }).strict(),
  z.object({ type: z.literal('fee_notice_sent'), on: isoDate }).strict(),
  z.object({ type: z.literal('fee_paid'), on: isoDate }).strict(),
  z.object({ type: z.literal('deferred'), on: isoDate, until: isoDate, reason: z.string().trim().min(1).max(500) }).strict(),
]);

/** The scenario read by `gongkai deadline`. */
export const ScenarioSchema = z
  .object({
    rules: z.enum(['2008', '2019']),
    received: isoDate,
    events: z.array(EventSchema).max(1000).default([]),
  })
  .strict();

/** `events.2.on` → `events[2].on（第 3 个事件）`. */
function fieldName(path: ReadonlyArray<string | number>): string {
  if (path.length === 0) return '（整个输入）';
  let s = '';
  for (const p of path) s += typeof p === 'number' ? `[${p}]` : s === '' ? p : `.${p}`;
  const i = path[0] === 'events' && typeof path[1] === 'number' ? path[1] : undefined;
  return i === undefined ? s : `${s}（第 ${i + 1} 个事件）`;
}

/** Parses and validates a scenario; returns it, or a one-line Chinese reason naming the field. */
export function parseScenario(text: string): { ok: true; input: ClockInput } | { ok: false; reason: string } {
  if (text.trim() === '')
    return { ok: false, reason: '标准输入为空：应为 JSON 情景，如 {"rules":"2019","received":"2025-09-26","events":[]}' };
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    const why = err instanceof Error ? err.message.replace(/\s+/g, ' ') : String(err);
    return { ok: false, reason: `标准输入不是有效的 JSON（${why}）` };
  }
  const r = ScenarioSchema.safeParse(data, { errorMap });
  if (!r.success) {
    const issue = r.error.issues[0];
    const more = r.error.issues.length > 1 ? `（另有 ${r.error.issues.length - 1} 处错误）` : '';
    return { ok: false, reason: `字段 ${fieldName(issue?.path ?? [])}：${issue?.message ?? '填写的内容不正确'}${more}` };
  }
  return { ok: true, input: r.data as ClockInput };
}

const WEEKDAY = ['日', '一', '二', '三', '四', '五', '六'];
const AWAITING: Record<string, string> = {
  correction: '等待补正：收到补正的申请后重新起算',
  fee_payment: '等待缴费：缴费后继续计算',
  consultation: '等待第三方意见：收到意见后继续计算',
};

/** The human form: due dates, pauses, problems, then the receipt one day a line. */
export function formatHuman(input: ClockInput, r: ClockResult): string[] {
  const lines: string[] = [];
  const max = input.rules === '2008' ? 15 : 20;
  lines.push(`适用规则：${input.rules} 年条例（答复期限 ${r.baseDays} 个工作日，可延长一次，最长 ${max} 个工作日）`);
  lines.push(`收到申请：${input.received}`);
  lines.push(`补正告知期限：${r.correctionNoticeDue ?? '无（2008 年条例未规定期限）'}`);
  if (r.correctionDeadline) lines.push(`补正期限：${r.correctionDeadline}`);
  if (r.clockStart !== null && r.clockStart !== input.received) lines.push(`起算日：${r.clockStart}（收到补正的申请，次日起算）`);
  if (r.awaiting !== null) lines.push(`答复期限：暂不确定（${AWAITING[r.awaiting] ?? r.awaiting}）`);
  else if (r.replyDue !== null) {
    let why = '';
    if (r.deferredUntil) why = '（依第三十五条确定）';
    else if (r.extensionDays > 0) why = `（含延长 ${r.extensionDays} 个工作日；不延长为 ${r.replyDueWithoutExtension}）`;
    lines.push(`答复期限：${r.replyDue}${why}`);
  }
  if (r.feePaymentDue) lines.push(`缴费期限：${r.feePaymentDue}（逾期未缴可视为放弃申请）`);
  if (r.paused.length > 0) {
    lines.push('不计入期间：');
    for (const p of r.paused) lines.push(`  ${p.from} 至 ${p.to ?? '（未结束）'}  ${p.reason}`);
  }
  if (r.problems.length > 0) {
    lines.push('问题：');
    for (const p of r.problems) lines.push(`  ${p}`);
  }
  lines.push('计算明细：');
  for (const d of r.receipt) lines.push(`  ${d.date}（${WEEKDAY[weekday(d.date)]}） ${d.counted ? '计' : '不计'}  ${d.reason}`);
  return lines;
}

function readStdin(): string {
  try {
    return readFileSync(0, 'utf8');
  } catch {
    return '';
  }
}

/**
 * Adds `deadline [--json]` to `program`. `getCalendar` gives the calendar with the database
 * overrides; `readInput` replaces stdin (tests).
 */
export function registerDeadlineCommand(
  program: Command,
  getCalendar: () => Promise<WorkingDayCalendar>,
  readInput: () => string = readStdin,
): Command {
  return program
    .command('deadline')
    .description('从标准输入读取申请情景（JSON），输出补正告知期限、答复期限及逐日计算明细')
    .option('--json', '以 JSON 输出')
    .action(async function (this: Command, o: { json?: boolean }) {
      const parsed = parseScenario(readInput());
      if (!parsed.ok) this.error(`用法错误：${parsed.reason}`, { exitCode: 2, code: 'gongkai.usage' });
      else {
        const result = computeClock(parsed.input, await getCalendar());
        const write = this.configureOutput().writeOut ?? ((s: string) => process.stdout.write(s));
        if (o.json) write(`${JSON.stringify(result)}\n`);
        else write(`${formatHuman(parsed.input, result).join('\n')}\n`);
      }
    });
}
