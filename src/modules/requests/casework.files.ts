// Files released with the reply (Art 40: 随答复书附送). The handler attaches them to the case; the
// applicant downloads them through the private tracking link once the case is replied. A file is
// streamed to a temporary file (stopped at the upload limit), sniffed for what it really is (the
// attachments module's rules: documents, spreadsheets, images, archives — never programs), then
// moved into place under a generated name (in `requests/` of the upload directory) and recorded with
// the audit record in one transaction.
// Released files are a record of what the applicant received: append-only.
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { recordAudit } from '../../platform/audit/audit.js';
import { authorize, type Ctx } from '../../platform/context.js';
import { inTransaction } from '../../platform/db/transaction.js';
import type { Deps } from '../../platform/deps.js';
import { conflict, invalid, notFound } from '../../platform/http/errors.js';
import { cleanName } from '../attachments/attachments.names.js';
import { sniff } from '../attachments/attachments.sniff.js';
import { formatSize } from '../attachments/attachments.types.js';
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
  const pathOf = (storedName: string) => join(dir, storedName.slice(0, 2), storedName);
  const tooLarge = () => invalid(`文件超过 ${formatSize(maxBytes)} 的上限，未上传。`, { file: '文件过大。' });

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
      const tmpDir = join(dir, 'tmp');
      await mkdir(tmpDir, { recursive: true });
      const tmp = join(tmpDir, `${randomBytes(16).toString('hex')}.part`);
      const hash = createHash('sha256');
      let size = 0;
      let over = false;
      let placed: string | undefined;
      try {
        await pipeline(
          file.stream,
          async function* (source: AsyncIterable<Buffer>) {
            for await (const chunk of source) {
              size += chunk.length;
              if (size > maxBytes) {
                over = true;
                throw tooLarge();
              }
              hash.update(chunk);
              yield chunk;
            }
          },
          createWriteStream(tmp, { flags: 'wx', mode: 0o640 }),
        );
        if ((file.stream as Readable & { truncated?: boolean }).truncated) throw tooLarge();
        if (size === 0) throw invalid('文件是空的，未上传。', { file: '文件是空的。' });
        const s = await sniff(await readFile(tmp));
        if (!s.ok) throw invalid(s.reason, { file: s.reason });
        const storedName = randomBytes(16).toString('hex');
        await mkdir(join(dir, storedName.slice(0, 2)), { recursive: true });
        await rename(tmp, pathOf(storedName));
        placed = pathOf(storedName);
        const at = clock.now();
        const row = await inTransaction(db, async (tx) => {
          const ins = await tx
            .insertInto('request_files')
            .values({
              request_id: r.id,
              original_name: cleanName(file.filename),
              stored_name: storedName,
              media_type: s.mime,
              size,
              sha256: hash.digest('hex'),
              uploaded_at: at.toISOString(),
              uploaded_by: ctx.audit.userId,
              uploaded_by_name: ctx.audit.name,
            })
            .returning('id')
            .executeTakeFirstOrThrow();
          const f = fileRow(
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
            after: { fileId: f.id, name: f.original_name, size: f.size, sha256: f.sha256, media_type: f.media_type },
          });
          return f;
        });
        placed = undefined;
        return row;
      } catch (err) {
        if (over || (err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge();
        throw err;
      } finally {
        await rm(tmp, { force: true });
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
