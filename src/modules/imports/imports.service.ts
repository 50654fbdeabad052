// Imports of requests and appeals from CSV (report-format.md "Import formats"), for the
// `gongkai import` command and the back office alike.
// - Every bad row is reported with its line number and every reason, in Chinese.
// - All or nothing by default: the file is checked and written in one transaction; if any row is
//   bad, nothing is written. With `skipBadRows` the good rows are written and the bad still listed.
// - Idempotent by reference: a re-import updates the record (only when something changed), never
//   duplicates it.
// - One audit record per import (who, file name, counts), in the same transaction.
//
// Imported requests carry what the file gives (reference, date of receipt, applicant type, channel,
// closing date, outcome) and say plainly that the rest was not captured: applicant name 「（导入）」,
// identity type 「其他有效证件」 with an empty number (encrypted like any other) masked as
// 「（未录入）」, a description saying the content was not entered, and electronic form / online
// delivery. They are `closed` when the file gives a closing date, else `registered` (open), so
// that the annual report counts them by received_on, closed_on, outcome and applicant_type like
// requests handled in the system. Their due dates are derived afterwards by requests.recomputeOpen.
import { createHash, randomBytes } from 'node:crypto';
import { recordAudit } from '../../platform/audit/audit.js';
import { chinaDate } from '../../platform/clock.js';
import { authorize, type Ctx } from '../../platform/context.js';
import { encryptPii } from '../../platform/crypto.js';
import type { Tx } from '../../platform/db/connect.js';
import { inTransaction } from '../../platform/db/transaction.js';
import type { Deps } from '../../platform/deps.js';
import { notFound } from '../../platform/http/errors.js';
import type { AppealService } from '../appeals/appeals.service.js';
import type { OrganService } from '../organs/organs.service.js';
import { type RequestService, rulesFor } from '../requests/requests.service.js';
import type { State } from '../requests/requests.workflow.js';
import { type CsvProblem, readCsv } from './imports.csv.js';
import { importsPolicy } from './imports.policy.js';
import {
  type ExistingRequest,
  type ImportedRequestInsert,
  type ImportedRequestPatch,
  importsRepo as repo,
} from './imports.repository.js';
import {
  type AppealImportLine,
  type Checked,
  checkAppealRows,
  checkRequestRows,
  mergeProblems,
  type RequestImportRow,
} from './imports.rows.js';

export type ImportKind = 'requests' | 'appeals';

export interface ImportInput {
  organId: number;
  /** The file's name, for the audit record and the history (not read from disk here). */
  fileName: string;
  content: Uint8Array | string;
  skipBadRows?: boolean;
  /** Progress of checking and writing: `done` of `total` data rows. */
  progress?: (done: number, total: number) => void;
}

export interface ImportResult {
  kind: ImportKind;
  fileName: string;
  /** Data rows read (the header excluded). */
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  /** Bad lines, one entry a line, in line order. */
  bad: CsvProblem[];
  /** Whether anything was written (false: a bad row and no skipBadRows, or no good row at all). */
  written: boolean;
  skipBadRows: boolean;
}

const IMPORTED_NAME = '（导入）';
const IMPORTED_MASK = '（未录入）';
const IMPORTED_DESCRIPTION = '（导入的申请，申请内容未录入）';
const OPEN_AGAIN: State = 'registered';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const short = (name: string) => (name.length > 100 ? `…${name.slice(-99)}` : name);

/** The state an imported row gives: closed with a closing date, else open (a live case keeps its state). */
function stateFor(row: RequestImportRow, old: ExistingRequest | undefined): State {
  if (row.closedOn !== null) return old?.state === 'withdrawn' ? 'withdrawn' : 'closed';
  if (!old || old.state === 'closed' || old.state === 'withdrawn') return OPEN_AGAIN;
  return old.state;
}

export function createImportService(deps: Deps, ext: { organs: OrganService; requests: RequestService; appeals: AppealService }) {
  const { db, clock, config } = deps;

  async function organOf(ctx: Ctx, organId: number) {
    const organ = await ext.organs.byId(organId);
    if (!organ) throw notFound('机关不存在。');
    authorize(importsPolicy, ctx, 'import.run', { organId });
    return organ;
  }

  async function audit(tx: Tx, ctx: Ctx, organId: number, r: ImportResult, skip: boolean) {
    await recordAudit(tx, deps, ctx.audit, clock.now(), {
      action: `import.${r.kind}`,
      subjectType: 'import',
      subjectId: short(r.fileName),
      organId,
      after: {
        file: r.fileName,
        rows: r.rows,
        created: r.created,
        updated: r.updated,
        unchanged: r.unchanged,
        bad: r.bad.length,
        badLines: r.bad.slice(0, 50).map((b) => b.line),
        skipBadRows: skip,
      },
    });
  }

  function begin<R>(kind: ImportKind, input: ImportInput, checked: Checked<R>): ImportResult {
    return {
      kind,
      fileName: input.fileName,
      rows: checked.total,
      created: 0,
      updated: 0,
      unchanged: 0,
      bad: checked.problems,
      written: false,
      skipBadRows: Boolean(input.skipBadRows),
    };
  }

  return {
    async importRequests(ctx: Ctx, input: ImportInput): Promise<ImportResult> {
      const organ = await organOf(ctx, input.organId);
      const skip = Boolean(input.skipBadRows);
      const today = chinaDate(clock.now());
      const checked = checkRequestRows(readCsv(input.content), today);
      const total = checked.total;
      input.progress?.(0, total);
      const result = await inTransaction(db, async (tx) => {
        const r = begin('requests', input, checked);
        const existing = await repo.requestsByReference(
          tx,
          checked.rows.map((x) => x.reference),
        );
        const extra: CsvProblem[] = [];
        const good = checked.rows.filter((x) => {
          const old = existing.get(x.reference);
          if (old && old.organ_id !== organ.id) {
            extra.push({ line: x.line, reason: `编号 “${x.reference}” 已被其他机关的申请使用` });
            return false;
          }
          return true;
        });
        r.bad = mergeProblems([...r.bad, ...extra]);
        if ((r.bad.length && !skip) || good.length === 0) return r;

        const at = clock.now().toISOString();
        const note = `从文件 ${short(input.fileName)} 导入。`;
        const inserts: ImportedRequestInsert[] = [];
        const fresh: RequestImportRow[] = [];
        const events: Array<{ request_id: number; on_date: string; from_state: string | null; to_state: string; data: unknown }> =
          [];
        const highest = new Map<number, number>();
        const own = new RegExp(`^${organ.code.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}-(\\d{4})-(\\d{5})$`);
        let done = 0;
        for (const x of good) {
          const m = own.exec(x.reference);
          if (m) highest.set(Number(m[1]), Math.max(highest.get(Number(m[1])) ?? 0, Number(m[2])));
          const old = existing.get(x.reference);
          const state = stateFor(x, old);
          const data = { file: input.fileName, line: x.line };
          if (!old) {
            fresh.push(x);
            inserts.push({
              organ_id: organ.id,
              reference: x.reference,
              tracking_hash: sha256(randomBytes(24).toString('base64url')),
              channel: x.channel,
              received_on: x.receivedOn,
              received_rule: `导入：收到申请之日取自导入文件（${short(input.fileName)}）。`.slice(0, 300),
              rules: rulesFor(x.receivedOn),
              state,
              applicant_type: x.applicantType,
              applicant_name: IMPORTED_NAME,
              contact_person: null,
              id_type: 'other',
              id_number_enc: encryptPii(config.secret, ''),
              id_hash: sha256(`gongkai:import:${organ.id}:${x.reference}`),
              id_masked: IMPORTED_MASK,
              phone: null,
              email: null,
              address: null,
              info_title: null,
              info_doc_number: null,
              info_description: IMPORTED_DESCRIPTION,
              form_wanted: 'electronic',
              delivery: 'online',
              unit_id: null,
              handler_user_id: null,
              repeat_of_id: null,
              reply_due: null,
              correction_due: null,
              awaiting: null,
              outcome: x.outcome,
              legal_ground: null,
              released_parts: null,
              withheld_parts: null,
              decision_note: null,
              decided_by: null,
              decided_at: null,
              approved_by: null,
              approved_at: null,
              replied_on: null,
              reply_method: null,
              closed_on: x.closedOn,
            });
          } else {
            const next: Required<ImportedRequestPatch> = {
              received_on: x.receivedOn,
              applicant_type: x.applicantType,
              channel: x.channel,
              closed_on: x.closedOn,
              outcome: x.outcome,
              state,
              rules: rulesFor(x.receivedOn),
            };
            const patch: ImportedRequestPatch = {};
            for (const k of Object.keys(next) as Array<keyof ImportedRequestPatch>) {
              if (old[k] !== next[k]) (patch as Record<string, unknown>)[k] = next[k];
            }
            if (Object.keys(patch).length === 0) r.unchanged++;
            else {
              if (!(await repo.updateRequest(tx, old.id, old.version, patch, at)))
                throw new Error(`申请 ${x.reference} 在导入过程中被他人修改，导入未完成，请重新导入。`);
              r.updated++;
              events.push({
                request_id: old.id,
                on_date: today,
                from_state: old.state,
                to_state: state,
                data: { ...data, changed: patch },
              });
            }
            if (++done % 200 === 0) input.progress?.(done, total);
          }
        }
        const ids = await repo.insertRequests(tx, inserts, at, (n) => input.progress?.(done + n, total));
        ids.forEach((id, i) => {
          const x = fresh[i] as RequestImportRow;
          events.push({
            request_id: id,
            on_date: x.receivedOn,
            from_state: null,
            to_state: inserts[i]?.state as string,
            data: { file: input.fileName, line: x.line },
          });
        });
        r.created = ids.length;
        input.progress?.(good.length, total);
        await repo.addEvents(tx, events, ctx.audit, at, note);
        await repo.raiseCounters(tx, organ.id, highest);
        r.written = true;
        await audit(tx, ctx, organ.id, r, skip);
        return r;
      });
      // derived data: the due dates of open cases follow from their history and the calendar
      if (result.written) await ext.requests.recomputeOpen();
      return result;
    },

    async importAppeals(ctx: Ctx, input: ImportInput): Promise<ImportResult> {
      const organ = await organOf(ctx, input.organId);
      const skip = Boolean(input.skipBadRows);
      const checked = checkAppealRows(readCsv(input.content), chinaDate(clock.now()));
      const total = checked.total;
      input.progress?.(0, total);
      return inTransaction(db, async (tx) => {
        const r = begin('appeals', input, checked);
        const refs = [...new Set(checked.rows.flatMap((x) => (x.requestReference ? [x.requestReference] : [])))];
        const requestIds = await ext.appeals.requestIds(tx, organ.id, refs);
        const extra: CsvProblem[] = [];
        const good = checked.rows.filter((x: AppealImportLine) => {
          if (x.requestReference === null || requestIds.has(x.requestReference)) return true;
          extra.push({
            line: x.line,
            reason: `申请编号（request_reference）“${x.requestReference}”在本机关的申请中不存在（请先导入申请）`,
          });
          return false;
        });
        r.bad = mergeProblems([...r.bad, ...extra]);
        if ((r.bad.length && !skip) || good.length === 0) return r;
        const counts = await ext.appeals.applyImport(
          tx,
          organ.id,
          good.map((x) => ({
            reference: x.reference,
            kind: x.kind,
            filedOn: x.filedOn,
            result: x.result,
            decidedOn: x.decidedOn,
            requestId: x.requestReference === null ? null : (requestIds.get(x.requestReference) ?? null),
          })),
          (done) => input.progress?.(done, total),
        );
        Object.assign(r, counts, { written: true });
        await audit(tx, ctx, organ.id, r, skip);
        return r;
      });
    },
  };
}

export type ImportService = ReturnType<typeof createImportService>;
