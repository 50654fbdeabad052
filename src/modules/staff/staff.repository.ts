import type { Executor } from '../../platform/db/connect.js';

export interface UserRow {
  id: number;
  organ_id: number;
  unit_id: number | null;
  username: string;
  display_name: string;
  active: number;
  failed_logins: number;
  locked_until: string | null;
  last_login_at: string | null;
  version: number;
  roles: string[];
}

const cols = [
  'id',
  'organ_id',
  'unit_id',
  'username',
  'display_name',
  'active',
  'failed_logins',
  'locked_until',
  'last_login_at',
  'version',
] as const;

type Raw = Omit<UserRow, 'roles'>;
const norm = (r: Raw): Raw => ({
  ...r,
  id: Number(r.id),
  organ_id: Number(r.organ_id),
  unit_id: r.unit_id === null ? null : Number(r.unit_id),
});

async function withRoles(db: Executor, rows: Raw[]): Promise<UserRow[]> {
  if (rows.length === 0) return [];
  const roles = await db
    .selectFrom('user_roles')
    .select(['user_id', 'role'])
    .where(
      'user_id',
      'in',
      rows.map((r) => r.id),
    )
    .execute();
  return rows.map((r) => ({
    ...norm(r),
    roles: roles
      .filter((x) => Number(x.user_id) === Number(r.id))
      .map((x) => x.role)
      .sort(),
  }));
}

export const usersRepo = {
  async byId(db: Executor, id: number): Promise<UserRow | undefined> {
    const r = await db.selectFrom('users').select(cols).where('id', '=', id).executeTakeFirst();
    return r ? (await withRoles(db, [r]))[0] : undefined;
  },
  async byUsername(db: Executor, username: string): Promise<(UserRow & { password_hash: string }) | undefined> {
    const r = await db
      .selectFrom('users')
      .select([...cols, 'password_hash'])
      .where('username', '=', username)
      .executeTakeFirst();
    if (!r) return undefined;
    const [u] = await withRoles(db, [r]);
    return u && { ...u, password_hash: r.password_hash };
  },
  async byOrgan(db: Executor, organId: number): Promise<UserRow[]> {
    const rows = await db.selectFrom('users').select(cols).where('organ_id', '=', organId).orderBy('username').execute();
    return withRoles(db, rows);
  },
  async insert(
    db: Executor,
    v: { organ_id: number; unit_id: number | null; username: string; display_name: string; password_hash: string },
    roles: readonly string[],
    now: string,
  ): Promise<number> {
    const r = await db
      .insertInto('users')
      .values({ ...v, active: 1, failed_logins: 0, password_changed_at: now, created_at: now, updated_at: now, version: 1 })
      .returning('id')
      .executeTakeFirstOrThrow();
    const id = Number(r.id);
    if (roles.length)
      await db
        .insertInto('user_roles')
        .values(roles.map((role) => ({ user_id: id, role })))
        .execute();
    return id;
  },
  async update(
    db: Executor,
    id: number,
    version: number,
    v: Partial<{ display_name: string; unit_id: number | null; active: number }>,
    now: string,
  ): Promise<boolean> {
    const r = await db
      .updateTable('users')
      .set({ ...v, updated_at: now, version: version + 1 })
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },
  /** Moves the version on (a change that is not a column of `users`, e.g. roles); with `expected`,
   * only when the version still matches. Returns false when it no longer does. */
  async bumpVersion(db: Executor, id: number, expected: number | null, now: string): Promise<boolean> {
    let q = db
      .updateTable('users')
      .set((eb) => ({ version: eb('version', '+', 1), updated_at: now }))
      .where('id', '=', id);
    if (expected !== null) q = q.where('version', '=', expected);
    const r = await q.executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },
  async setRoles(db: Executor, id: number, roles: readonly string[]): Promise<void> {
    await db.deleteFrom('user_roles').where('user_id', '=', id).execute();
    if (roles.length)
      await db
        .insertInto('user_roles')
        .values(roles.map((role) => ({ user_id: id, role })))
        .execute();
  },
  async setPassword(db: Executor, id: number, hash: string, now: string): Promise<void> {
    await db
      .updateTable('users')
      .set({ password_hash: hash, password_changed_at: now, updated_at: now, failed_logins: 0, locked_until: null })
      .where('id', '=', id)
      .execute();
  },
  /** Counts a failed sign-in atomically (parallel attempts all count); returns the new count. */
  async countFailedLogin(db: Executor, id: number): Promise<number> {
    const r = await db
      .updateTable('users')
      .set((eb) => ({ failed_logins: eb('failed_logins', '+', 1) }))
      .where('id', '=', id)
      .returning('failed_logins')
      .executeTakeFirstOrThrow();
    return Number(r.failed_logins);
  },
  async lock(db: Executor, id: number, until: string): Promise<void> {
    await db.updateTable('users').set({ failed_logins: 0, locked_until: until }).where('id', '=', id).execute();
  },
  async loginSucceeded(db: Executor, id: number, now: string): Promise<void> {
    await db
      .updateTable('users')
      .set({ failed_logins: 0, locked_until: null, last_login_at: now })
      .where('id', '=', id)
      .execute();
  },
  async unlock(db: Executor, id: number): Promise<void> {
    await db.updateTable('users').set({ failed_logins: 0, locked_until: null }).where('id', '=', id).execute();
  },
  async locked(db: Executor, organIds: readonly number[], now: string): Promise<UserRow[]> {
    if (organIds.length === 0) return [];
    const rows = await db
      .selectFrom('users')
      .select(cols)
      .where('organ_id', 'in', organIds)
      .where('locked_until', '>', now)
      .orderBy('username')
      .execute();
    return withRoles(db, rows);
  },
};
