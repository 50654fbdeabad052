// Bulk loading of complete cases (request, history, letters, register entries) in one transaction:
// for the demo data and other loads of past cases. The caller builds consistent cases; identity
// numbers arrive in clear and are encrypted, hashed and masked here exactly as for a real request.
import { createHash, createHmac } from 'node:crypto';
import { sql } from 'kysely';
import { recordAudit } from '../../platform/audit/audit.js';
import { chinaDate } from '../../platform/clock.js';
import type { Ctx } from '../../platform/context.js';
import { encryptPii, maskId } from '../../platform/crypto.js';
import { inTransaction } from '../../platform/db/transaction.js';
import type { Deps } from '../../platform/deps.js';
import type { Letter } from '../letters/letters.templates.js';
import type { NondisclosureRow } from './casework.repository.js';
import type { ClockEvent } from './requests.clock.js';
import type { RequestRow } from './requests.repository.js';
import { applicantIdHash } from './requests.service.js';

type RequestFields = Omit<
  RequestRow,
  'id' | 'tracking_hash' | 'id_number_enc' | 'id_hash' | 'id_masked' | 'created_at' | 'updated_at' | 'version'
>;

export interface BulkCase {
  request: RequestFields & { idNumber: string; createdAt: string; updatedAt: string };
  events: Array<{
    at: string;
    on_date: string;
    actor_user_id: number | null;
    actor_name: string;
    action: string;
    from_state: string | null;
    to_state: string;
    clock: ClockEvent | null;
    note: string | null;
    data: unknown;
  }>;
  messages: Array<{ at: string; body: string; author_user_id: number | null; author_name: string }>;
  letters: Array<{
    kind: string;
    letter: Letter | null;
    note: string | null;
    issued_on: string;
    issued_at: string;
    issued_by: number | null;
    issued_by_name: string;
    delivery_method: string | null;
    delivered_on: string | null;
    delivery_proof: string | null;
  }>;
  nondisclosure?: Omit<NondisclosureRow, 'id' | 'request_id' | 'organ_id' | 'reference'> | undefined;
}

const CHUNK = 200;
function chunks<T>(xs: T[], n = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += n) out.push(xs.slice(i, i + n));
  return out;
}

export function createRequestBulkLoader(deps: Deps) {
  const { db, config, clock } = deps;
  /** A tracking hash no one can recompute without the installation's secret (no token is handed out). */
  const trackingHash = (reference: string) =>
    createHash('sha256')
      .update(createHmac('sha256', config.secret).update(`gongkai:bulk-track:${reference}`).digest('base64url'))
      .digest('hex');

  return {
    today: () => chinaDate(clock.now()),

    /** How many cases an organ holds with references of a year. */
    async count(organId: number, year: number): Promise<number> {
      const r = await db
        .selectFrom('requests')
        .select(sql<string | number>`COUNT(*)`.as('n'))
        .where('organ_id', '=', organId)
        .where('received_on', '>=', `${year}-01-01`)
        .where('received_on', '<=', `${year}-12-31`)
        .executeTakeFirstOrThrow();
      return Number(r.n);
    },

    /** Inserts the cases, their history, letters and register entries; sets the reference counters. */
    async load(ctx: Ctx, cases: BulkCase[]): Promise<number> {
      if (cases.length === 0) return 0;
      const at = clock.now();
      return inTransaction(db, async (tx) => {
        const ids = new Map<string, number>();
        for (const part of chunks(cases)) {
          const rows = await tx
            .insertInto('requests')
            .values(
              part.map(({ request: { idNumber, createdAt, updatedAt, ...r } }) => ({
                ...r,
                tracking_hash: trackingHash(r.reference),
                id_number_enc: encryptPii(config.secret, idNumber),
                id_hash: applicantIdHash(config.secret, r.id_type, idNumber),
                id_masked: maskId(idNumber),
                created_at: createdAt,
                updated_at: updatedAt,
                version: 1,
              })),
            )
            .returning(['id', 'reference'])
            .execute();
          for (const r of rows) ids.set(r.reference, Number(r.id));
        }
        const idOf = (c: BulkCase) => ids.get(c.request.reference) as number;
        const events = cases.flatMap((c) =>
          c.events.map((e) => ({
            ...e,
            request_id: idOf(c),
            clock: e.clock ? JSON.stringify(e.clock) : null,
            data: e.data === undefined || e.data === null ? null : JSON.stringify(e.data),
          })),
        );
        for (const part of chunks(events)) await tx.insertInto('request_events').values(part).execute();
        const notes = cases.flatMap((c) => c.messages.map((m) => ({ ...m, request_id: idOf(c), kind: 'message' as const })));
        for (const part of chunks(notes)) await tx.insertInto('request_notes').values(part).execute();
        const letters = cases.flatMap((c) =>
          c.letters.map((l) => ({ ...l, request_id: idOf(c), letter: l.letter ? JSON.stringify(l.letter) : null })),
        );
        for (const part of chunks(letters)) await tx.insertInto('request_letters').values(part).execute();
        const register = cases.flatMap((c) =>
          c.nondisclosure
            ? [{ ...c.nondisclosure, request_id: idOf(c), organ_id: c.request.organ_id, reference: c.request.reference }]
            : [],
        );
        for (const part of chunks(register)) await tx.insertInto('request_nondisclosure').values(part).execute();

        // the next request of each organ and year continues after the highest serial loaded
        const top = new Map<string, { organ: number; year: number; serial: number }>();
        for (const c of cases) {
          const m = /-(\d{4})-(\d+)$/.exec(c.request.reference);
          if (!m) continue;
          const key = `${c.request.organ_id}:${m[1]}`;
          const serial = Number(m[2]);
          if ((top.get(key)?.serial ?? 0) < serial) top.set(key, { organ: c.request.organ_id, year: Number(m[1]), serial });
        }
        for (const t of top.values()) {
          await tx
            .insertInto('request_counters')
            .values({ organ_id: t.organ, year: t.year, last_serial: t.serial })
            .onConflict((oc) =>
              oc.columns(['organ_id', 'year']).doUpdateSet({
                last_serial: sql`CASE WHEN request_counters.last_serial > ${t.serial} THEN request_counters.last_serial ELSE ${t.serial} END`,
              }),
            )
            .execute();
        }
        await recordAudit(tx, deps, ctx.audit, at, {
          action: 'request.bulk_loaded',
          subjectType: 'request',
          subjectId: null,
          organId: cases[0]?.request.organ_id ?? null,
          after: { cases: cases.length, events: events.length, letters: letters.length, register: register.length },
        });
        return cases.length;
      });
    },
  };
}

export type RequestBulkLoader = ReturnType<typeof createRequestBulkLoader>;
