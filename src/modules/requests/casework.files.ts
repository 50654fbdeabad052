// Files released with the reply (Art 40: 随答复书附送). The handler attaches them to the case; the
// applicant downloads them through the private tracking link once the case is replied. A file is
// streamed to a temporary file (stopped at the upload limit), sniffed for what it really is (the
// attachments module's rules: documents, spreadsheets, images, archives — never programs), then
// moved into place under a generated name (in `requests/` of the upload directory) and recorded with
// the audit record in one transaction.
// Released files are a record of what the applicant received: append-only.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { recordAudit } from '../../platform/audit/audit.js';
import { authorize, type Ctx } from '../../platform/context.js';
import { inTransaction } from '../../platform/db/transaction.js';
import type { Deps } from '../../platform/deps.js';
import { conflict, invalid, notFound } from '../../platform/http/errors.js';
import { receiveFile, storedPath } from '../attachments/attachments.receive.js';
import type { OrganService } from '../organs/organs.service.js';
import { type RequestSubject, requestsPolicy } from './requests.policy.js';
import { type RequestRow, requestsRepo } from './requests.repository.js';

export interface RequestFileRow {
  id: number;
  request_id: number;
  original_name: string;
  stored_name: string;
  media_type: string;
  size: number;
  sha256: string;
  uploaded_at: string;
  uploaded_by: number | null;
  uploaded_by_name: string;
}

/** States in which files may be attached: from drafting to the reply itself. */
const ATTACHABLE = ['drafting', 'under_review', 'approved', 'replied'];
/** States in which the applicant sees the released files. */
const RELEASED = ['replied', 'closed'];
export const MAX_FILES_PER_REQUEST = 30;

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const fileRow = (r: Record<string, unknown>): RequestFileRow => ({
  ...(r as unknown as RequestFileRow),
  id: Number(r.id),
  request_id: Number(r.request_id),
  size: Number(r.size),
  uploaded_by: r.uploaded_by === null ? null : Number(r.uploaded_by),
});

export function createRequestFileService(deps: Deps, ext: { organs: OrganService }) {
  const { db, clock, config } = deps;
  // a directory of their own under the upload directory: the attachments verifier (two-hex-digit
  // subdirectories) never mistakes them for unnamed attachments
  const dir = join(config.uploadDir, 'requests');
  const maxBytes = config.uploadMaxBytes;
  const pathOf = (storedName: string) => storedPath(dir, storedName);

  async function load(id: number): Promise<RequestRow> {
    const r = Number.isSafeInteger(id) ? await requestsRepo.byId(db, id) : undefined;
    if (!r) throw notFound('申请不存在。');
    return r;
  }
  async function subjectOf(r: RequestRow): Promise<RequestSubject> {
    const unit = r.unit_id === null ? undefined : await ext.organs.unitById(r.unit_id);
    return { organId: r.organ_id, unitId: r.unit_id, unitLiaisonId: unit?.liaison_user_id ?? null };
  }
  const list = async (requestId: number) =>
    (await db.selectFrom('request_files').selectAll().where('request_id', '=', requestId).orderBy('id').execute()).map(fileRow);

  return {
    /** Attaches a released file to the case (handling staff; from drafting to the reply). */
    async upload(ctx: Ctx, id: number, file: { filename: string; stream: Readable }): Promise<RequestFileRow> {
      const r = await load(id);
      authorize(requestsPolicy, ctx, 'request.handle', await subjectOf(r));
      if (!ATTACHABLE.includes(r.state)) {
        file.stream.resume();
        throw conflict('拟办答复后、答复时才能附送文件。');
      }
      if ((await list(r.id)).length >= MAX_FILES_PER_REQUEST) {
        file.stream.resume();
        throw invalid(`每件申请最多附送 ${MAX_FILES_PER_REQUEST} 个文件。`, { file: '文件已达上限。' });
      }
      const f = await receiveFile(file, { dir, maxBytes });
      let placed: string | undefined = f.path;
      try {
        const at = clock.now();
        const row = await inTransaction(db, async (tx) => {
          const ins = await tx
            .insertInto('request_files')
            .values({
              request_id: r.id,
              original_name: f.name,
              stored_name: f.storedName,
              media_type: f.mime,
              size: f.size,
              sha256: f.sha256,
              uploaded_at: at.toISOString(),
              uploaded_by: ctx.audit.userId,
              uploaded_by_name: ctx.audit.name,
            })
            .returning('id')
            .executeTakeFirstOrThrow();
          const stored = fileRow(
            (await tx
              .selectFrom('request_files')
              .selectAll()
              .where('id', '=', Number(ins.id))
              .executeTakeFirstOrThrow()) as never,
          );
          await recordAudit(tx, deps, ctx.audit, at, {
            action: 'request.file_attached',
            subjectType: 'request',
            subjectId: r.id,
            organId: r.organ_id,
            after: {
              fileId: stored.id,
              name: stored.original_name,
              size: stored.size,
              sha256: stored.sha256,
              media_type: stored.media_type,
            },
          });
          return stored;
        });
        placed = undefined;
        return row;
      } finally {
        // a file moved into place whose row was not written is removed again
        if (placed) await rm(placed, { force: true });
      }
    },

    /** The released files of a case (staff who may read it). */
    async list(ctx: Ctx, id: number): Promise<RequestFileRow[]> {
      const r = await load(id);
      authorize(requestsPolicy, ctx, 'request.read', await subjectOf(r));
      return list(r.id);
    },

    /** One file of a case, with a stream of its bytes (staff who may read it). */
    async open(ctx: Ctx, id: number, fileId: number) {
      const r = await load(id);
      authorize(requestsPolicy, ctx, 'request.read', await subjectOf(r));
      const f = (await list(r.id)).find((x) => x.id === fileId);
      if (!f) throw notFound('文件不存在。');
      return { file: f, stream: createReadStream(pathOf(f.stored_name)) };
    },

    /** The released files the applicant sees through the private link (once replied); undefined for an unknown token. */
    async forApplicant(token: string): Promise<RequestFileRow[] | undefined> {
      if (typeof token !== 'string' || !/^[A-Za-z0-9_-]{20,64}$/.test(token)) return undefined;
      const r = await requestsRepo.byTrackingHash(db, sha256(token));
      if (!r) return undefined;
      return RELEASED.includes(r.state) ? list(r.id) : [];
    },

    /** A released file through the private link. */
    async openForApplicant(token: string, fileId: number) {
      const f = (await this.forApplicant(token))?.find((x) => x.id === fileId);
      if (!f) throw notFound('文件不存在或链接无效。');
      return { file: f, stream: createReadStream(pathOf(f.stored_name)) };
    },
  };
}

export type RequestFileService = ReturnType<typeof createRequestFileService>;
