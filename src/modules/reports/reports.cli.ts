// `gongkai report annual --organ CODE --year YYYY --format json [--out FILE]` prints the report's
// JSON (report-format.md, a contract); `gongkai report aggregate --organ CODE --year YYYY` the sum
// of the organs below. Exit codes: 0 ok; 1 failure; 2 bad usage (unknown organ, year, format).
// A format is one entry of FORMATS: the renderers (HTML, .docx, PDF) are connected there.
import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import type { Ctx } from '../../platform/context.js';
import type { AnnualReport } from './reports.types.js';

/** The renderers a format may use (reports.builder.tsx). */
export interface ReportRenderers {
  documentHtml(report: AnnualReport): string;
  docx(report: AnnualReport): Promise<Buffer>;
  pdf(report: AnnualReport): Promise<Buffer>;
}

/** What a format makes of a report: the bytes or text written to stdout or --out. */
export type ReportWriter = (report: AnnualReport, render: ReportRenderers) => Promise<string | Uint8Array>;

/** The formats of `report annual`. Adding one is one line here. */
export const FORMATS: Record<string, ReportWriter> = {
  json: async (r) => `${JSON.stringify(r, null, 2)}\n`,
  html: async (r, render) => render.documentHtml(r),
  docx: (r, render) => render.docx(r),
  pdf: (r, render) => render.pdf(r),
};

export interface ReportCliDeps {
  withServices<T>(
    fn: (s: {
      reports: {
        aggregate(ctx: Ctx, organId: number, year: number): Promise<AnnualReport>;
      };
      /** The report as the office has it: text resolved; frozen once submitted (reports.publishing.ts). */
      reportPublishing: { view(ctx: Ctx, organId: number, year: number): Promise<{ report: AnnualReport }> };
      reportBuilder: ReportRenderers;
      organs: { byCode(code: string): Promise<{ id: number } | undefined> };
    }) => Promise<T>,
  ): Promise<T>;
  ctx(): Ctx;
  /** Writes to stdout (defaults to process.stdout). */
  write?(data: string | Uint8Array): void;
  formats?: Record<string, ReportWriter>;
}

export function registerReportCommands(program: Command, deps: ReportCliDeps): Command {
  const formats = deps.formats ?? FORMATS;
  const write = deps.write ?? ((d: string | Uint8Array) => process.stdout.write(d));
  const cmd = program.command('report').description('政府信息公开工作年度报告');

  function usage(c: Command, message: string): never {
    c.error(`用法错误：${message}`, { exitCode: 2, code: 'gongkai.usage' });
  }
  function year(c: Command, v: string): number {
    if (!/^\d{4}$/.test(v) || Number(v) < 2008) usage(c, `年度应为 2008 年以后的四位年份：${v}`);
    return Number(v);
  }
  async function organId(c: Command, s: { organs: { byCode(code: string): Promise<{ id: number } | undefined> } }, code: string) {
    const o = await s.organs.byCode(code);
    if (!o) usage(c, `机关不存在：${code}`);
    return Number(o.id);
  }
  function emit(data: string | Uint8Array, out: string | undefined) {
    if (out) writeFileSync(out, data);
    else write(data);
  }

  cmd
    .command('annual')
    .description(`生成某机关某年度的年度报告（格式：${Object.keys(formats).join('、')}；JSON 结构见 report-format.md）`)
    .requiredOption('--organ <code>', '机关代码')
    .requiredOption('--year <year>', '年度（YYYY）')
    .option('--format <format>', '输出格式', 'json')
    .option('--out <file>', '写入文件（默认输出到标准输出）')
    .action(async function (this: Command, o: { organ: string; year: string; format: string; out?: string }) {
      const y = year(this, o.year);
      const writer = Object.hasOwn(formats, o.format) ? formats[o.format] : undefined;
      if (!writer) usage(this, `不支持的格式：${o.format}（可用：${Object.keys(formats).join('、')}）`);
      const data = await deps.withServices(async (s) => {
        const { report } = await s.reportPublishing.view(deps.ctx(), await organId(this, s, o.organ), y);
        return writer(report, s.reportBuilder);
      });
      emit(data, o.out);
    });

  cmd
    .command('aggregate')
    .description('汇总某机关所属下级机关某年度的表二至表四（不含本机关），并列出各直属下级机关的合计（JSON）')
    .requiredOption('--organ <code>', '上级机关代码')
    .requiredOption('--year <year>', '年度（YYYY）')
    .option('--out <file>', '写入文件（默认输出到标准输出）')
    .action(async function (this: Command, o: { organ: string; year: string; out?: string }) {
      const y = year(this, o.year);
      const r = await deps.withServices(async (s) => s.reports.aggregate(deps.ctx(), await organId(this, s, o.organ), y));
      emit(`${JSON.stringify(r, null, 2)}\n`, o.out);
    });
  return cmd;
}
