// `gongkai report check FILE [--previous FILE] [--year YYYY]`: checks a published annual report
// (HTML or .docx, told apart by content) that the system did not produce. No database is needed.
// stdout: {"format": "2019|2021", "tables": {table2, table3, table4}, "findings": [...]} (tables as in
// the report JSON, report-format.md). Exit codes: 0 no finding failed; 1 a finding failed (the count
// on stderr); 2 bad usage or an unreadable file (a Chinese reason on stderr).
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { ReportReadError } from './checker.parse.js';
import { anyFailed } from './checker.rules.js';
import { checkReportFile } from './checker.run.js';

/** The `report` command group, created once whoever registers first (the generator adds `annual`). */
export function reportCommand(program: Command): Command {
  return program.commands.find((c) => c.name() === 'report') ?? program.command('report').description('政府信息公开工作年度报告');
}

export function registerReportCheckCommand(program: Command, deps: { out(line: string): void }): Command {
  return reportCommand(program)
    .command('check')
    .description('核查一份已发布的年度报告（HTML 或 Word .docx）：读取表二至表四和正文，列出前后不一致之处')
    .argument('<file>', '年度报告文件（HTML 或 .docx）')
    .option('--previous <file>', '上一年度的年度报告文件，用于核对上年结转数')
    .option('--year <yyyy>', '报告年度（默认取标题或统计期限中的年份）')
    .action(async function (this: Command, file: string, o: { previous?: string; year?: string }) {
      const usage = (message: string): never => this.error(`用法错误：${message}`, { exitCode: 2, code: 'gongkai.usage' });
      const read = (path: string, what: string): Buffer => {
        try {
          return readFileSync(path);
        } catch (err) {
          const code = (err as NodeJS.ErrnoException).code;
          return usage(`${what}${code === 'ENOENT' ? '不存在' : code === 'EISDIR' ? '是目录' : '无法读取'}：${path}`);
        }
      };
      if (o.year !== undefined && !/^(19|20)\d{2}$/.test(o.year)) usage(`年度应为四位数字：${o.year}`);
      const bytes = read(file, '文件');
      const previous = o.previous === undefined ? undefined : read(o.previous, '上一年度报告文件');
      let result: Awaited<ReturnType<typeof checkReportFile>>;
      try {
        result = await checkReportFile(bytes, {
          ...(o.year ? { year: Number(o.year) } : {}),
          ...(previous ? { previous } : {}),
        });
      } catch (err) {
        if (err instanceof ReportReadError) return usage(err.message);
        throw err;
      }
      deps.out(JSON.stringify({ format: result.format, tables: result.tables, findings: result.findings }, null, 2));
      if (anyFailed(result.findings)) {
        const n = result.findings.filter((f) => f.state === 'fail').length;
        throw new Error(`核查发现 ${n} 处不一致（state 为 fail 的项）`);
      }
    });
}
