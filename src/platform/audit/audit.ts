// Append-only, hash-chained audit log: every staff action that changes data writes one row
// in the same transaction as the change. `verifyAuditChain` finds the first broken link.
// The chain is keyed (HMAC-SHA256) with a key that is not in the database (ADR 0005): someone
// who can write to the database but lacks the key cannot recompute the chain after a change.
import { createHmac } from 'node:crypto';
import type { Db, Tx } from '../db/connect.js';
import { type DialectName, lockChain } from '../db/dialect.js';

export const GENESIS = '0'.repeat(64);
const CHAIN_LOCK = 7_201_701;

/** Who did it, from where: carried from the HTTP request or the CLI into every service call. */
export interface AuditActor {
  userId: number | null;
  name: string;
  organId: number | null;
  requestId: string | null;
  ip: string | null;
}

export interface AuditEntry {
  action: string;
  subjectType: string;
  subjectId?: string | number | null;
  organId?: number | null;
  before?: unknown;
  after?: unknown;
}

interface ChainFields {
  at: string;
  actor_user_id: number | null;
  actor_name: string;
  organ_id: number | null;
  action: string;
  subject_type: string;
  subject_id: string | null;
  before_json: string | null;
  after_json: string | null;
  request_id: string | null;
  ip: string | null;
}

/** What writing and checking the chain need: the dialect (for locking) and the key material. */
export interface AuditDeps {
  dialect: DialectName;
  config: { secret: string; auditKey?: string | undefined };
}

/** The chain key: GONGKAI_AUDIT_KEY when set, else derived from the instance secret. */
export function chainKey(config: AuditDeps['config']): Buffer {
  return createHmac('sha256', config.auditKey ?? config.secret)
    .update('gongkai:audit-chain:v1')
    .digest();
}

export function chainHash(key: Buffer, prev: string, f: ChainFields): string {
  const body = JSON.stringify([
    f.at,
    f.actor_user_id === null ? null : Number(f.actor_user_id),
    f.actor_name,
    f.organ_id === null ? null : Number(f.organ_id),
    f.action,
    f.subject_type,
    f.subject_id,
    f.before_json,
    f.after_json,
    f.request_id,
    f.ip,
  ]);
  return createHmac('sha256', key).update(prev).update('\n').update(body).digest('hex');
}

const json = (v: unknown): string | null => (v === undefined ? null : JSON.stringify(v));

export async function recordAudit(tx: Tx, deps: AuditDeps, actor: AuditActor, at: Date, entry: AuditEntry): Promise<void> {
  await lockChain(tx, deps.dialect, CHAIN_LOCK);
  const last = await tx.selectFrom('audit_log').select('hash').orderBy('id', 'desc').limit(1).executeTakeFirst();
  const fields: ChainFields = {
    at: at.toISOString(),
    actor_user_id: actor.userId,
    actor_name: actor.name,
    organ_id: entry.organId === undefined ? actor.organId : entry.organId,
    action: entry.action,
    subject_type: entry.subjectType,
    subject_id: entry.subjectId === undefined || entry.subjectId === null ? null : String(entry.subjectId),
    before_json: json(entry.before),
    after_json: json(entry.after),
    request_id: actor.requestId,
    ip: actor.ip,
  };
  const prev = last?.hash ?? GENESIS;
  await tx
    .insertInto('audit_log')
    .values({ ...fields, prev_hash: prev, hash: chainHash(chainKey(deps.config), prev, fields) })
    .execute();
}

export interface VerifyResult {
  ok: boolean;
  rows: number;
  head: string;
  /** The hash of the anchor row, when an anchor was given (undefined: fewer rows than the anchor). */
  anchorHash?: string | undefined;
  /** The first broken link, when not ok. */
  broken?: { id: number; reason: 'altered' | 'link' };
}

/** Walks the chain in id order. `altered`: the row's content no longer matches its hash;
 * `link`: its prev_hash is not the previous row's hash (a row before it was removed or inserted). */
export async function verifyAuditChain(db: Db, config: AuditDeps['config'], anchorRows?: number): Promise<VerifyResult> {
  const key = chainKey(config);
  let anchorHash: string | undefined;
  let prev = GENESIS;
  let lastId = 0;
  let rows = 0;
  for (;;) {
    const batch = await db.selectFrom('audit_log').selectAll().where('id', '>', lastId).orderBy('id').limit(1000).execute();
    if (batch.length === 0) break;
    for (const r of batch) {
      const id = Number(r.id);
      if (r.prev_hash !== prev) return { ok: false, rows, head: prev, broken: { id, reason: 'link' } };
      if (chainHash(key, r.prev_hash, r) !== r.hash) return { ok: false, rows, head: prev, broken: { id, reason: 'altered' } };
      prev = r.hash;
      lastId = id;
      rows++;
      if (rows === anchorRows) anchorHash = r.hash;
    }
  }
  return { ok: true, rows, head: prev, anchorHash };
}
