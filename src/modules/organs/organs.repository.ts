import type { Executor } from '../../platform/db/connect.js';
import type { OrganKind, UnitKind } from './organs.tables.js';

export interface OrganRow {
  id: number;
  code: string;
  name: string;
  short_name: string | null;
  kind: OrganKind;
  parent_id: number | null;
  credit_code: string | null;
  address: string | null;
  phone: string | null;
  version: number;
}

export interface UnitRow {
  id: number;
  organ_id: number;
  name: string;
  kind: UnitKind;
  sort_order: number;
  liaison_user_id: number | null;
  version: number;
}

const organCols = [
  'id',
  'code',
  'name',
  'short_name',
  'kind',
  'parent_id',
  'credit_code',
  'address',
  'phone',
  'version',
] as const;
const unitCols = ['id', 'organ_id', 'name', 'kind', 'sort_order', 'liaison_user_id', 'version'] as const;

/** pg returns bigint columns as strings: ids are normalised to numbers here. */
function organ(r: OrganRow): OrganRow {
  return { ...r, id: Number(r.id), parent_id: r.parent_id === null ? null : Number(r.parent_id) };
}
function unit(r: UnitRow): UnitRow {
  return {
    ...r,
    id: Number(r.id),
    organ_id: Number(r.organ_id),
    liaison_user_id: r.liaison_user_id === null ? null : Number(r.liaison_user_id),
  };
}

export const organsRepo = {
  async all(db: Executor): Promise<OrganRow[]> {
    return (await db.selectFrom('organs').select(organCols).orderBy('id').execute()).map(organ);
  },
  async byId(db: Executor, id: number): Promise<OrganRow | undefined> {
    const r = await db.selectFrom('organs').select(organCols).where('id', '=', id).executeTakeFirst();
    return r && organ(r);
  },
  async byCode(db: Executor, code: string): Promise<OrganRow | undefined> {
    const r = await db.selectFrom('organs').select(organCols).where('code', '=', code).executeTakeFirst();
    return r && organ(r);
  },
  async firstRoot(db: Executor): Promise<OrganRow | undefined> {
    const r = await db
      .selectFrom('organs')
      .select(organCols)
      .where('parent_id', 'is', null)
      .orderBy('id')
      .limit(1)
      .executeTakeFirst();
    return r && organ(r);
  },
  async children(db: Executor, parentId: number): Promise<OrganRow[]> {
    return (await db.selectFrom('organs').select(organCols).where('parent_id', '=', parentId).orderBy('id').execute()).map(organ);
  },
  async insert(db: Executor, v: Omit<OrganRow, 'id' | 'version'>, now: string): Promise<number> {
    const r = await db
      .insertInto('organs')
      .values({ ...v, created_at: now, updated_at: now, version: 1 })
      .returning('id')
      .executeTakeFirstOrThrow();
    return Number(r.id);
  },
  /** Optimistic update: returns false when the version no longer matches. */
  async update(db: Executor, id: number, version: number, v: Partial<Omit<OrganRow, 'id' | 'version'>>, now: string) {
    const r = await db
      .updateTable('organs')
      .set({ ...v, updated_at: now, version: version + 1 })
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },
  /** (id, parent_id) of every organ: the tree, for scoping. */
  async tree(db: Executor): Promise<Array<{ id: number; parent_id: number | null }>> {
    const rows = await db.selectFrom('organs').select(['id', 'parent_id']).execute();
    return rows.map((r) => ({ id: Number(r.id), parent_id: r.parent_id === null ? null : Number(r.parent_id) }));
  },
  async units(db: Executor, organId: number): Promise<UnitRow[]> {
    return (
      await db.selectFrom('units').select(unitCols).where('organ_id', '=', organId).orderBy('sort_order').orderBy('id').execute()
    ).map(unit);
  },
  /** Number of units of every organ that has any (organ id → count). */
  async unitCounts(db: Executor): Promise<Map<number, number>> {
    const rows = await db
      .selectFrom('units')
      .select((eb) => ['organ_id', eb.fn.countAll().as('n')])
      .groupBy('organ_id')
      .execute();
    return new Map(rows.map((r) => [Number(r.organ_id), Number(r.n)]));
  },
  /** The organ and status of a user, to check a liaison belongs to the unit's organ. */
  async userOrgan(db: Executor, userId: number): Promise<{ organId: number; active: boolean } | undefined> {
    const r = await db.selectFrom('users').select(['organ_id', 'active']).where('id', '=', userId).executeTakeFirst();
    return r && { organId: Number(r.organ_id), active: Number(r.active) === 1 };
  },
  async unitById(db: Executor, id: number): Promise<UnitRow | undefined> {
    const r = await db.selectFrom('units').select(unitCols).where('id', '=', id).executeTakeFirst();
    return r && unit(r);
  },
  async insertUnit(db: Executor, v: Omit<UnitRow, 'id' | 'version'>, now: string): Promise<number> {
    const r = await db
      .insertInto('units')
      .values({ ...v, created_at: now, updated_at: now, version: 1 })
      .returning('id')
      .executeTakeFirstOrThrow();
    return Number(r.id);
  },
  async updateUnit(
    db: Executor,
    id: number,
    version: number,
    v: Partial<Omit<UnitRow, 'id' | 'version' | 'organ_id'>>,
    now: string,
  ) {
    const r = await db
      .updateTable('units')
      .set({ ...v, updated_at: now, version: version + 1 })
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },
};

/** All organs strictly below `rootId`, from the (id, parent) list. */
export function descendantsOf(tree: Array<{ id: number; parent_id: number | null }>, rootId: number): number[] {
  const children = new Map<number, number[]>();
  for (const o of tree) {
    if (o.parent_id === null) continue;
    const list = children.get(o.parent_id) ?? [];
    list.push(o.id);
    children.set(o.parent_id, list);
  }
  const out: number[] = [];
  const stack = [...(children.get(rootId) ?? [])];
  while (stack.length) {
    const id = stack.pop() as number;
    out.push(id);
    stack.push(...(children.get(id) ?? []));
  }
  return out;
}
