// The `gongkai` command. Exit codes: 0 ok, 2 bad usage, 1 failure with a one-line reason on stderr.
import { readFileSync } from 'node:fs';
import { Command, CommanderError, Option } from 'commander';
import { createServices, type Services } from './app.js';
import { loadConfig } from './config.js';
import { isIsoDate } from './modules/calendar/calendar.days.js';
import { demoLoginsText, seedDemo } from './modules/demo/demo.seed.js';
import { registerImportCommands } from './modules/imports/imports.cli.js';
import { registerReportCheckCommand } from './modules/reports/checker.cli.js';
import { registerReportCommands } from './modules/reports/reports.cli.js';
import { registerDeadlineCommand } from './modules/requests/requests.cli.js';
import { ROLES } from './modules/staff/staff.roles.js';
import { systemClock } from './platform/clock.js';
import { systemCtx } from './platform/context.js';
import { backup, restore } from './platform/db/backup.js';
import { connect, type DbHandle } from './platform/db/connect.js';
import { migrateToLatest } from './platform/db/migrate.js';
import { AppError } from './platform/http/errors.js';
import { startServer } from './server.js';

class UsageError extends Error {}

const out = (s: string): void => {
  process.stdout.write(`${s}\n`);
};
const operator = () => systemCtx(`cli:${process.env.USER ?? 'operator'}`);

/** Opens the database named by DATABASE_URL, brings its schema up to date, and runs `fn`. */
async function withServices<T>(fn: (s: Services, h: DbHandle) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const h = connect(config.databaseUrl);
  try {
    await migrateToLatest(h.db, h.dialect);
    return await fn(createServices({ db: h.db, dialect: h.dialect, clock: systemClock, config }), h);
  } finally {
    await h.close();
  }
}

function readStdin(): string {
  try {
    return readFileSync(0, 'utf8');
  } catch {
    return '';
  }
}

/** A one-line reason from an error, field messages included. */
function reason(err: unknown): string {
  if (err instanceof AppError) {
    const extra = Object.values(err.fields).filter((v) => v !== err.message);
    return [err.message, ...new Set(extra)].join(' ');
  }
  return err instanceof Error ? (err.message.split('\n')[0] ?? '') : String(err);
}

function positiveInt(v: string): number {
  if (!/^\d+$/.test(v)) throw new UsageError(`不是非负整数：${v}`);
  return Number(v);
}

function isoDateArg(v: string): string {
  if (!isIsoDate(v)) throw new UsageError(`日期格式应为 YYYY-MM-DD：${v}`);
  return v;
}

/**
 * Progress on stderr: a redrawn bar on a terminal, a line every 10 % otherwise (logs, CI).
 * stdout keeps only the result.
 */
export function progressBar(label: string, stream: NodeJS.WriteStream = process.stderr) {
  let lastTenth = -1;
  return {
    update(done: number, total: number) {
      const ratio = total > 0 ? Math.min(1, done / total) : 1;
      if (stream.isTTY) {
        const width = 30;
        const full = Math.round(ratio * width);
        stream.write(`\r${label} [${'#'.repeat(full)}${' '.repeat(width - full)}] ${Math.floor(ratio * 100)}% ${done}/${total}`);
        return;
      }
      const tenth = Math.floor(ratio * 10);
      if (tenth !== lastTenth) {
        lastTenth = tenth;
        stream.write(`${label}：${tenth * 10}%（${done}/${total}）\n`);
      }
    },
    done() {
      if (stream.isTTY) stream.write('\n');
    },
  };
}

export function buildCli(): Command {
  const program = new Command('gongkai')
    .description('Gongkai 政务公开平台命令行（读取 DATABASE_URL，默认 sqlite:./data/gongkai.db）')
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) })
    .showHelpAfterError(false);

  program
    .command('serve')
    .description('启动服务（PORT、HOST、DATABASE_URL）；不载入演示数据')
    .option('--demo', '数据库为空时载入演示机关')
    .action(async (o: { demo?: boolean }) => {
      await startServer({ demo: Boolean(o.demo) });
      await new Promise(() => {}); // until a signal ends the process
    });

  program
    .command('migrate')
    .description('将数据库结构升级到最新版本')
    .action(async () => {
      const config = loadConfig();
      const h = connect(config.databaseUrl);
      try {
        const applied = await migrateToLatest(h.db, h.dialect);
        out(applied.length ? `已执行迁移：${applied.join(', ')}` : '数据库已是最新版本。');
      } finally {
        await h.close();
      }
    });

  const seed = program.command('seed').description('载入数据');
  seed
    .command('demo')
    .description('载入演示机关（广西壮族自治区住房和城乡建设厅）及各角色的演示账号')
    .action(() =>
      withServices(async (s) => {
        out((await seedDemo(s)) ? '演示数据已载入。' : '演示数据已存在，未重复载入。');
        out(demoLoginsText());
      }),
    );

  const organ = program.command('organ').description('机关');
  organ
    .command('add')
    .description('新增机关')
    .requiredOption('--code <code>', '机关代码')
    .requiredOption('--name <name>', '机关名称')
    .option('--parent <code>', '上级机关代码')
    .addOption(
      new Option('--kind <kind>', '机关类型').choices(['government', 'department', 'affiliated', 'other']).default('department'),
    )
    .option('--credit-code <code>', '统一社会信用代码（18 位）或组织机构代码（9 位）')
    .action((o: { code: string; name: string; parent?: string; kind: string; creditCode?: string }) =>
      withServices(async (s) => {
        const created = await s.organs.create(operator(), {
          code: o.code,
          name: o.name,
          kind: o.kind,
          ...(o.parent ? { parentCode: o.parent } : {}),
          ...(o.creditCode ? { creditCode: o.creditCode } : {}),
        });
        out(`${created.code} ${created.name}`);
      }),
    );
  organ
    .command('list')
    .description('列出机关（每行：代码 名称）')
    .action(() =>
      withServices(async (s) => {
        for (const o of await s.organs.all()) out(`${o.code} ${o.name}`);
      }),
    );

  const user = program.command('user').description('工作人员账号');
  user
    .command('add')
    .description('新增工作人员；密码从标准输入读取')
    .requiredOption('--organ <code>', '所属机关代码')
    .requiredOption('--username <username>', '用户名')
    .requiredOption('--role <role...>', `角色（可多个）：${ROLES.join(', ')}`)
    .option('--display-name <name>', '姓名（默认同用户名）')
    .option('--password-stdin', '从标准输入读取密码')
    .action((o: { organ: string; username: string; role: string[]; displayName?: string; passwordStdin?: boolean }) => {
      if (!o.passwordStdin) throw new UsageError('请使用 --password-stdin 从标准输入提供密码。');
      const password = readStdin().replace(/\r?\n$/, '');
      return withServices(async (s) => {
        const organRow = await s.organs.byCode(o.organ);
        if (!organRow) throw new Error(`机关不存在：${o.organ}`);
        const u = await s.staff.create(operator(), {
          organId: String(organRow.id),
          username: o.username,
          displayName: o.displayName ?? o.username,
          password,
          roles: o.role,
        });
        out(`${u.username} ${u.roles.join(',')}`);
      });
    });
  user
    .command('roles')
    .description('设置工作人员的角色（替换原有角色）')
    .requiredOption('--username <username>', '用户名')
    .requiredOption('--role <role...>', '角色（可多个）')
    .action((o: { username: string; role: string[] }) =>
      withServices(async (s) => {
        const id = await s.staff.idOf(o.username);
        if (id === undefined) throw new Error(`用户不存在：${o.username}`);
        const u = await s.staff.setRoles(operator(), id, { roles: o.role });
        out(`${u.username} ${u.roles.join(',')}`);
      }),
    );
  user
    .command('password')
    .description('重置工作人员密码（含三员）；新密码从标准输入读取')
    .requiredOption('--username <username>', '用户名')
    .option('--password-stdin', '从标准输入读取密码')
    .action((o: { username: string; passwordStdin?: boolean }) => {
      if (!o.passwordStdin) throw new UsageError('请使用 --password-stdin 从标准输入提供密码。');
      const password = readStdin().replace(/\r?\n$/, '');
      return withServices(async (s) => {
        await s.staff.setPasswordAsOperator(operator(), o.username, password);
        out('密码已重置，该用户的登录会话已全部结束。');
      });
    });

  program
    .command('audit')
    .description('审计日志')
    .command('verify')
    .description('校验审计日志哈希链；报告第一处断裂。--anchor 核对此前记下的锚点（发现末尾记录被删除）')
    .option('--anchor <rows:hash>', '此前记下的锚点，格式：条数:哈希（gongkai backup 会打印）')
    .action((o: { anchor?: string }) => {
      const anchor = o.anchor ? /^(\d+):([0-9a-f]{64})$/.exec(o.anchor) : null;
      if (o.anchor && !anchor) throw new UsageError('锚点格式应为 条数:64位十六进制哈希');
      const anchorRows = anchor ? Number(anchor[1]) : undefined;
      return withServices(async (s) => {
        const r = await s.audit.verify(operator(), anchorRows);
        if (r.ok && anchor && r.anchorHash !== anchor[2]) {
          throw new Error(
            r.anchorHash === undefined
              ? `审计日志只有 ${r.rows} 条，少于锚点的 ${anchorRows} 条：末尾的记录被删除`
              : `第 ${anchorRows} 条记录的哈希与锚点不符：此前的记录被改写`,
          );
        }
        if (r.ok) {
          out(`审计日志完整：共 ${r.rows} 条，链首哈希 ${r.head}${anchor ? '；与锚点一致' : ''}`);
          out(`锚点：${r.rows}:${r.head}`);
          return;
        }
        const what = r.broken?.reason === 'altered' ? '记录内容被篡改' : '该记录之前的记录被删除或插入';
        throw new Error(`审计日志在第 ${r.broken?.id} 条记录处断裂：${what}（此前 ${r.rows} 条完好）`);
      });
    });

  const cal = program.command('calendar').description('法定工作日历');
  cal
    .command('is-working-day')
    .description('某日是否为工作日（输出 true 或 false）')
    .argument('<date>', 'YYYY-MM-DD', isoDateArg)
    .action((date: string) => withServices(async (s) => out(String(await s.calendar.isWorkingDay(date)))));
  cal
    .command('add-working-days')
    .description('从某日起算 N 个工作日后的日期（起始日不计，次日起算）')
    .argument('<date>', 'YYYY-MM-DD', isoDateArg)
    .argument('<n>', '工作日数', positiveInt)
    .action((date: string, n: number) => withServices(async (s) => out(await s.calendar.addWorkingDays(date, n))));
  cal
    .command('set')
    .description('录入某日的调整（依据国务院办公厅节假日安排通知）')
    .argument('<date>', 'YYYY-MM-DD', isoDateArg)
    .addOption(new Option('--working', '设为工作日（调休上班）').conflicts('off'))
    .addOption(new Option('--off', '设为休息日').conflicts('working'))
    .requiredOption('--notice <notice>', '依据的通知（文号或名称）')
    .action((date: string, o: { working?: boolean; off?: boolean; notice: string }) => {
      if (!o.working && !o.off) throw new UsageError('请指定 --working 或 --off。');
      return withServices(async (s) => {
        await s.calendar.setOverride(operator(), { date, working: o.working ? '1' : '0', notice: o.notice });
        out(`${date} ${o.working ? '工作日' : '休息日'}`);
      });
    });

  program
    .command('attachments')
    .description('附件')
    .command('verify')
    .description('核对附件文件：数据库登记的文件是否都在、校验和是否一致；列出无人引用的文件')
    .action(() =>
      withServices(async (s) => {
        const r = await s.attachments.verifyFiles();
        for (const f of r.unnamed) out(`无登记的文件（可删除）：${f}`);
        if (r.missing.length || r.altered.length) {
          for (const f of r.missing) out(`缺失：${f}`);
          for (const f of r.altered) out(`校验和不符：${f}`);
          throw new Error(`附件文件有问题：缺失 ${r.missing.length} 个，校验和不符 ${r.altered.length} 个（共 ${r.files} 个）`);
        }
        out(`附件文件完整：共 ${r.files} 个${r.unnamed.length ? `；另有 ${r.unnamed.length} 个无登记的文件` : ''}`);
      }),
    );

  // 依申请公开: the legal clock of a scenario on stdin (issue 4)
  registerDeadlineCommand(program, () => withServices((s) => s.calendar.calendar()));

  // imports of requests and appeals from CSV (report-format.md)
  registerImportCommands(program, { withServices: (fn) => withServices((s) => fn(s)), progressBar, ctx: operator, out });

  // the annual report: `report annual` (JSON; renderers add formats) and `report aggregate` (issue 5)
  registerReportCommands(program, { withServices: (fn) => withServices((s) => fn(s)), ctx: operator });
  // the report checker: a published annual report the system did not produce (issue 5)
  registerReportCheckCommand(program, { out });

  const search = program.command('search').description('全文检索');
  search
    .command('reindex')
    .description('按已发布信息重建搜索索引（显示进度）')
    .action(() =>
      withServices(async (s) => {
        const started = Date.now();
        const bar = progressBar('重建索引');
        const { documents } = await s.publicationSearch.reindex(bar.update);
        bar.done();
        out(`已重建搜索索引：${documents} 条信息，用时 ${((Date.now() - started) / 1000).toFixed(1)} 秒。`);
      }),
    );

  program
    .command('backup')
    .description('在线备份数据库到文件（SQLite：一致性快照；PostgreSQL：pg_dump 自定义格式）')
    .argument('<file>', '备份文件')
    .action((file: string) =>
      withServices(async (s, h) => {
        const chain = await s.audit.verify(operator());
        await backup(h, file);
        out(`已备份到 ${file}`);
        // the anchor, kept apart from the backup, later proves that no audit rows were removed
        if (chain.ok)
          out(`审计锚点：${chain.rows}:${chain.head}（请与备份分开保存；恢复后用 gongkai audit verify --anchor 核对）`);
        else out('警告：审计日志校验未通过，请运行 gongkai audit verify 查看。');
      }),
    );
  program
    .command('restore')
    .description('从备份文件恢复数据库（SQLite 目标库须为空，否则加 --force；恢复前请停止服务）')
    .argument('<file>', '备份文件')
    .option('--force', '覆盖已有数据')
    .action(async (file: string, o: { force?: boolean }) => {
      const config = loadConfig();
      const h = connect(config.databaseUrl);
      try {
        await restore(h, file, Boolean(o.force));
      } finally {
        await h.close();
      }
      out(`已从 ${file} 恢复。`);
    });

  return program;
}

export async function runCli(argv: string[]): Promise<number> {
  const program = buildCli();
  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (err) {
    if (err instanceof CommanderError) {
      // `--help` asked for is success; help shown because a sub-command is missing is bad usage
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version') return 0;
      return 2;
    }
    if (err instanceof UsageError) {
      process.stderr.write(`用法错误：${err.message}\n`);
      return 2;
    }
    process.stderr.write(`错误：${reason(err)}\n`);
    return 1;
  }
}

process.exitCode = await runCli(process.argv.slice(2));
