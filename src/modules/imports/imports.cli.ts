// `gongkai import requests|appeals --organ CODE FILE.csv [--skip-bad-rows]` (report-format.md).
// stdout: what was written; stderr: every bad line (`第 N 行：reason`) and, for large files, a
// progress bar. Exit codes: 0 all rows good; 1 bad rows (nothing written unless --skip-bad-rows,
// which writes the good rows and still exits 1); 2 bad usage (unknown organ, unreadable file).
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { Command } from 'commander';
import type { Ctx } from '../../platform/context.js';
import type { ImportKind, ImportResult, ImportService } from './imports.service.js';

/** Files with more data lines than this show a progress bar. */
export const PROGRESS_FROM_ROWS = 1000;

export interface Progress {
  update(done: number, total: number): void;
  done(): void;
}

export interface ImportCliDeps {
  /** Opens the database and runs `fn` with the services (cli.ts withServices). */
  withServices<T>(
    fn: (s: { imports: ImportService; organs: { byCode(code: string): Promise<{ id: number } | undefined> } }) => Promise<T>,
  ): Promise<T>;
  progressBar(label: string): Progress;
  ctx(): Ctx;
  out(line: string): void;
}

const NAMES: Record<ImportKind, string> = { requests: '申请', appeals: '复议诉讼案件' };

/** The summary line of an import. */
export function summary(r: ImportResult): string {
  const what = NAMES[r.kind];
  if (!r.written) {
    if (r.bad.length === 0) return `文件中没有${what}数据，未导入。`;
    if (r.skipBadRows) return `未导入任何${what}：没有无误的行（${r.bad.length} 行有误，共 ${r.rows} 行数据）。`;
    return `未导入任何${what}：${r.bad.length} 行有误（共 ${r.rows} 行数据）。改正后重新导入，或加 --skip-bad-rows 只导入无误的行。`;
  }
  const skipped = r.bad.length ? `；跳过有误的 ${r.bad.length} 行` : '';
  return `已导入${what}（共 ${r.rows} 行数据）：新增 ${r.created} 条，更新 ${r.updated} 条，未变 ${r.unchanged} 条${skipped}。`;
}

export function registerImportCommands(program: Command, deps: ImportCliDeps): Command {
  const cmd = program.command('import').description('从 CSV 文件导入记录（UTF-8，首行为表头；格式见 report-format.md）');
  const columns: Record<ImportKind, string> = {
    requests: 'reference,received_on,applicant_type,channel,closed_on,outcome',
    appeals: 'reference,kind,filed_on,result,decided_on,request_reference',
  };
  for (const kind of ['requests', 'appeals'] as const) {
    cmd
      .command(kind)
      .description(`导入${NAMES[kind]}；表头：${columns[kind]}。按编号幂等：重复导入会更新，不会重复新增`)
      .requiredOption('--organ <code>', '机关代码')
      .option('--skip-bad-rows', '导入无误的行，跳过并列出有误的行（默认：有任何一行有误则全部不导入）')
      .argument('<file>', 'CSV 文件')
      .action(async function (this: Command, file: string, o: { organ: string; skipBadRows?: boolean }) {
        let content: Buffer;
        try {
          content = readFileSync(file);
        } catch (err) {
          const why = (err as NodeJS.ErrnoException).code === 'ENOENT' ? '文件不存在' : '无法读取文件';
          this.error(`用法错误：${why}：${file}`, { exitCode: 2, code: 'gongkai.usage' });
        }
        const r = await deps.withServices(async (s) => {
          const organ = await s.organs.byCode(o.organ);
          if (!organ) this.error(`用法错误：机关不存在：${o.organ}`, { exitCode: 2, code: 'gongkai.usage' });
          let bar: Progress | undefined;
          const result = await s.imports[kind === 'requests' ? 'importRequests' : 'importAppeals'](deps.ctx(), {
            organId: (organ as { id: number }).id,
            fileName: basename(file),
            content,
            skipBadRows: Boolean(o.skipBadRows),
            progress: (done, total) => {
              if (total <= PROGRESS_FROM_ROWS) return;
              bar ??= deps.progressBar(`导入${NAMES[kind]}`);
              bar.update(done, total);
            },
          });
          bar?.done();
          return result;
        });
        for (const b of r.bad) process.stderr.write(`第 ${b.line} 行：${b.reason}\n`);
        if (r.written || r.bad.length === 0) deps.out(summary(r));
        if (r.bad.length) throw new Error(r.written ? `${r.bad.length} 行有误，已跳过；其余的行已导入。` : summary(r));
      });
  }
  return cmd;
}
