// Consistent online snapshots. SQLite: the online backup API (readers and writers go on while it
// copies). PostgreSQL: pg_dump / pg_restore in the custom format (see docs/operations.md).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import type { DbHandle } from './connect.js';

export async function backup(h: DbHandle, file: string): Promise<void> {
  mkdirSync(dirname(file), { recursive: true });
  if (h.dialect === 'sqlite') {
    if (!h.handle.sqlite) throw new Error('内存数据库无法备份。');
    const tmp = `${file}.partial`;
    rmSync(tmp, { force: true });
    await h.handle.sqlite.backup(tmp);
    renameSync(tmp, file); // never leave a half-written backup under the real name
    return;
  }
  run('pg_dump', ['--format=custom', '--no-owner', `--file=${file}`, h.url]);
}

/** Restores FILE into the database of `h`. SQLite: only into an empty database unless `force`. */
export async function restore(h: DbHandle, file: string, force: boolean): Promise<void> {
  if (!existsSync(file)) throw new Error(`备份文件不存在：${file}`);
  if (h.dialect === 'sqlite') {
    const target = h.handle.sqlite;
    if (!target || !h.handle.sqlitePath) throw new Error('内存数据库无法恢复。');
    const src = new SQLite(file, { readonly: true, fileMustExist: true });
    try {
      const check = src.pragma('integrity_check', { simple: true });
      if (check !== 'ok') throw new Error(`备份文件已损坏：${String(check)}`);
      const isGongkai = src.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'kysely_migration'").get();
      if (!isGongkai) throw new Error('该文件不是 Gongkai 的备份。');
      const hasData =
        target.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'organs'").get() &&
        target.prepare('SELECT 1 FROM organs LIMIT 1').get();
      if (hasData && !force) throw new Error('目标数据库已有数据；确认要覆盖时请加 --force。');
      // the backup API copies page by page into the target file, under SQLite's own locks
      await src.backup(h.handle.sqlitePath);
    } finally {
      src.close();
    }
    return;
  }
  run('pg_restore', ['--clean', '--if-exists', '--no-owner', '--single-transaction', `--dbname=${h.url}`, file]);
}

function run(cmd: string, args: string[]): void {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  if (r.error) throw new Error(`无法运行 ${cmd}（请安装 PostgreSQL 客户端工具）：${r.error.message}`);
  if (r.status !== 0) throw new Error(`${cmd} 失败：${(r.stderr || '').trim().split('\n')[0] ?? ''}`);
}
