// Attachments of publications: receive a file as a stream (stopped at the size limit), find out what
// it really is, keep it on disk under a generated name, and record it — the row only once the file is
// complete and in place, in one transaction with the history event and the audit record.
// Authorization is the publications policy: authors change drafts, staff read their organ's items,
// the public reads the files of published (and superseded) editions only.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import mammoth from 'mammoth';
import { recordAudit } from '../../platform/audit/audit.js';
import { authorize, type Ctx } from '../../platform/context.js';
import type { Tx } from '../../platform/db/connect.js';
import { inTransaction } from '../../platform/db/transaction.js';
import type { Deps } from '../../platform/deps.js';
import { conflict, invalid, notFound } from '../../platform/http/errors.js';
import type { OrganService } from '../organs/organs.service.js';
import { type PublicationSubject, publicationsPolicy } from '../publications/publications.policy.js';
import { type PublicationRow, publicationsRepo } from '../publications/publications.repository.js';
import type { PublicationService } from '../publications/publications.service.js';
import { EDITABLE } from '../publications/publications.workflow.js';
import { docxWithinLimits, extractText } from './attachments.extract.js';
import { type IncomingFile, type ReceivedFile, receiveFile, storedPath } from './attachments.receive.js';
import { type AttachmentRow, attachmentsRepo as repo, touchEditable } from './attachments.repository.js';

export type { AttachmentRow } from './attachments.repository.js';

/** Editions whose files the public may fetch: what the public item page shows with its body. */
const PUBLIC_STATES = ['published', 'superseded'];

/** Whether the public sees an item's attachments: only those of a published or superseded edition. */
export function attachmentsShown(p: { state: string; published_on: string | null }): boolean {
  return PUBLIC_STATES.includes(p.state) && p.published_on !== null;
}
export const MAX_PER_PUBLICATION = 50;

/** A file being uploaded: the name the browser gave and the bytes, read once. */
export type { IncomingFile } from './attachments.receive.js';

export interface AttachmentServiceDeps {
  organs: OrganService;
  publications: PublicationService;
}

/** A file checked and complete on disk, not yet recorded. */
type Received = ReceivedFile;

/** Word's headings one level down: the page's title is the only h1 (the body allows h2–h5). */
const HEADING_MAP = [
  "p[style-name='Title'] => h2:fresh",
  "p[style-name='Heading 1'] => h2:fresh",
  "p[style-name='Heading 2'] => h3:fresh",
  "p[style-name='Heading 3'] => h4:fresh",
  "p[style-name='Heading 4'] => h5:fresh",
  "p[style-name='标题 1'] => h2:fresh",
  "p[style-name='标题 2'] => h3:fresh",
  "p[style-name='标题 3'] => h4:fresh",
  "p[style-name='标题 4'] => h5:fresh",
];

/** mammoth's warnings in Chinese where their form is known; the rest as they are. */
function translateWarning(message: string): string {
  const para = /^Unrecognised paragraph style: '([^']*)'/.exec(message);
  if (para) return `未识别的段落样式「${para[1]}」，已按普通段落导入。`;
  const run = /^Unrecognised run style: '([^']*)'/.exec(message);
  if (run) return `未识别的文字样式「${run[1]}」，已按普通文字导入。`;
  return `转换提示：${message}`;
}

export function createAttachmentService(deps: Deps, ext: AttachmentServiceDeps) {
  const { db, clock, config } = deps;
  const dir = config.uploadDir;
  const maxBytes = config.uploadMaxBytes;
  const pathOf = (storedName: string) => storedPath(dir, storedName);

  async function publication(id: number): Promise<PublicationRow> {
    const p = Number.isSafeInteger(id) ? await publicationsRepo.byId(db, id) : undefined;
    if (!p) throw notFound('信息不存在。');
    return p;
  }

  async function subjectOf(p: PublicationRow): Promise<PublicationSubject> {
    const unit = p.unit_id === null ? undefined : await ext.organs.unitById(p.unit_id);
    return { organId: p.organ_id, unitId: p.unit_id, unitLiaisonId: unit?.liaison_user_id ?? null, authorId: p.author_id };
  }

  /** The draft an author may change now, or a refusal. */
  async function editable(ctx: Ctx, publicationId: number): Promise<PublicationRow> {
    const p = await publication(publicationId);
    authorize(publicationsPolicy, ctx, 'publication.author', await subjectOf(p));
    if (!EDITABLE.includes(p.state)) throw conflict('只有草稿或已退回的信息可以修改附件。');
    return p;
  }

  /** The upload streamed, limited, sniffed and moved into place (attachments.receive.ts). */
  const receive = (file: IncomingFile): Promise<Received> => receiveFile(file, { dir, maxBytes });

  /** Records a received file on a draft, in the caller's transaction. */
  async function record(tx: Tx, ctx: Ctx, p: PublicationRow, f: Received, at: Date, text: string | null): Promise<number> {
    if (!(await touchEditable(tx, p.id, EDITABLE, at.toISOString()))) throw conflict('只有草稿或已退回的信息可以修改附件。');
    if ((await repo.countOf(tx, p.id)) >= MAX_PER_PUBLICATION) {
      throw invalid(`每条信息最多 ${MAX_PER_PUBLICATION} 个附件。`, { file: '附件已达上限。' });
    }
    const id = await repo.insert(tx, {
      organ_id: p.organ_id,
      publication_id: p.id,
      original_name: f.name,
      stored_name: f.storedName,
      media_type: f.mime,
      size: f.size,
      sha256: f.sha256,
      text_extract: text,
      created_by: ctx.audit.userId,
      created_at: at.toISOString(),
    });
    await publicationsRepo.addEvent(tx, {
      publication_id: p.id,
      at: at.toISOString(),
      actor_user_id: ctx.audit.userId,
      actor_name: ctx.audit.name,
      action: 'edit',
      from_state: p.state,
      to_state: p.state,
      note: `添加附件：${f.name}`,
      data: { attachment: id },
    });
    await recordAudit(tx, deps, ctx.audit, at, {
      action: 'attachment.upload',
      subjectType: 'attachment',
      subjectId: id,
      organId: p.organ_id,
      after: { publicationId: p.id, name: f.name, mediaType: f.mime, size: f.size, sha256: f.sha256 },
    });
    return id;
  }

  /** Runs `fn` with a received file; the file is removed again if nothing came to name it. */
  async function keeping<T>(f: Received, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      await rm(f.path, { force: true });
      throw err;
    }
  }

  async function readableByStaff(ctx: Ctx, a: AttachmentRow | undefined): Promise<AttachmentRow> {
    if (!a || a.publication_id === null) throw notFound('附件不存在。');
    const p = await publication(a.publication_id);
    authorize(publicationsPolicy, ctx, 'publication.read', { organId: p.organ_id });
    return a;
  }

  return {
    /** The attachments of an item, for the back office. */
    async list(ctx: Ctx, publicationId: number): Promise<AttachmentRow[]> {
      const p = await publication(publicationId);
      authorize(publicationsPolicy, ctx, 'publication.read', { organId: p.organ_id });
      return repo.ofPublication(db, p.id);
    },

    /** The attachments the public sees with an item: none unless it is published or superseded. */
    async publicList(publicationId: number): Promise<AttachmentRow[]> {
      const p = await publicationsRepo.byId(db, publicationId);
      if (!p || !attachmentsShown(p)) return [];
      return repo.ofPublication(db, p.id);
    },

    async upload(ctx: Ctx, publicationId: number, file: IncomingFile): Promise<AttachmentRow> {
      const p = await editable(ctx, publicationId);
      const f = await receive(file);
      const text = await extractText(f.buf, f.kind);
      const at = clock.now();
      const id = await keeping(f, () => inTransaction(db, (tx) => record(tx, ctx, p, f, at, text)));
      return (await repo.byId(db, id)) as AttachmentRow;
    },

    /**
     * 从 Word 导入正文: the .docx becomes the body (mammoth → sanitizeBody) and stays attached.
     * Returns mammoth's warnings for the author.
     */
    async importDocx(
      ctx: Ctx,
      publicationId: number,
      version: number,
      file: IncomingFile,
    ): Promise<{ attachment: AttachmentRow; warnings: string[] }> {
      const p = await editable(ctx, publicationId);
      const f = await receive(file);
      return keeping(f, async () => {
        if (f.kind !== 'docx') {
          throw invalid('只能从 .docx 格式的 Word 文件导入正文；旧版 .doc 文件请先另存为 .docx。', { file: '不是 .docx 文件。' });
        }
        if (!docxWithinLimits(f.buf)) {
          throw invalid('该 Word 文件解压后过大（超过 64 MB）或已损坏，未导入。请检查文件，或将正文分成几个文件。', {
            file: '解压后过大或已损坏。',
          });
        }
        let html: string;
        let warnings: string[];
        try {
          let images = 0;
          const r = await mammoth.convertToHtml(
            { buffer: f.buf },
            {
              styleMap: HEADING_MAP,
              // embedded images would become data: URLs, which the body does not allow
              convertImage: mammoth.images.imgElement(async () => {
                images++;
                return { src: '' };
              }),
            },
          );
          // every image in mammoth's output came through convertImage above: drop them
          html = r.value.replace(/<img\b[^>]*>/g, '');
          warnings = r.messages.map((m) => translateWarning(m.message));
          if (images > 0) warnings.push(`Word 文件中的 ${images} 张图片没有导入正文，如需公开请另作为附件（JPG、PNG）上传。`);
        } catch {
          throw invalid('无法读取该 Word 文件，请检查文件是否损坏。', { file: '无法读取。' });
        }
        const text = await extractText(f.buf, f.kind);
        const at = clock.now();
        let id = 0;
        await ext.publications.replaceBody(
          ctx,
          p.id,
          { version, bodyHtml: html, note: `从 Word 导入正文：${f.name}` },
          async (tx) => {
            id = await record(tx, ctx, p, f, at, text);
          },
        );
        return { attachment: (await repo.byId(db, id)) as AttachmentRow, warnings };
      });
    },

    /** Removes an attachment from a draft; its file goes when no edition names it any more. */
    async remove(ctx: Ctx, attachmentId: number): Promise<void> {
      const a = Number.isSafeInteger(attachmentId) ? await repo.byId(db, attachmentId) : undefined;
      if (!a || a.publication_id === null) throw notFound('附件不存在。');
      const p = await editable(ctx, a.publication_id);
      const at = clock.now();
      await inTransaction(db, async (tx, afterCommit) => {
        if (!(await touchEditable(tx, p.id, EDITABLE, at.toISOString()))) throw conflict('只有草稿或已退回的信息可以修改附件。');
        await repo.delete(tx, a.id);
        await publicationsRepo.addEvent(tx, {
          publication_id: p.id,
          at: at.toISOString(),
          actor_user_id: ctx.audit.userId,
          actor_name: ctx.audit.name,
          action: 'edit',
          from_state: p.state,
          to_state: p.state,
          note: `删除附件：${a.original_name}`,
          data: { attachment: a.id },
        });
        await recordAudit(tx, deps, ctx.audit, at, {
          action: 'attachment.remove',
          subjectType: 'attachment',
          subjectId: a.id,
          organId: p.organ_id,
          before: { publicationId: p.id, name: a.original_name, mediaType: a.media_type, size: a.size, sha256: a.sha256 },
        });
        if ((await repo.usesOf(tx, a.stored_name)) === 0) afterCommit(() => rm(pathOf(a.stored_name), { force: true }));
      });
    },

    /** A file for the public: only of a published or superseded edition. */
    async openPublic(attachmentId: number): Promise<{ attachment: AttachmentRow; path: string }> {
      const a = Number.isSafeInteger(attachmentId) ? await repo.byId(db, attachmentId) : undefined;
      const p = a?.publication_id == null ? undefined : await publicationsRepo.byId(db, a.publication_id);
      if (!a || !p || !PUBLIC_STATES.includes(p.state) || p.published_on === null) throw notFound('附件不存在。');
      return { attachment: a, path: pathOf(a.stored_name) };
    },

    /** A file for the back office: of any item the reader may read. */
    async openStaff(ctx: Ctx, attachmentId: number): Promise<{ attachment: AttachmentRow; path: string }> {
      const a = await readableByStaff(ctx, Number.isSafeInteger(attachmentId) ? await repo.byId(db, attachmentId) : undefined);
      return { attachment: a, path: pathOf(a.stored_name) };
    },

    /**
     * For the operator (`gongkai attachments verify`): every file the database names is present with
     * its checksum; files nobody names (left by a crash between file and row) are listed.
     */
    async verifyFiles(): Promise<{ files: number; missing: string[]; altered: string[]; unnamed: string[] }> {
      const rows = await db.selectFrom('attachments').select(['stored_name', 'sha256']).distinct().execute();
      const named = new Set(rows.map((r) => r.stored_name));
      const missing: string[] = [];
      const altered: string[] = [];
      for (const r of rows) {
        const hash = createHash('sha256');
        try {
          await pipeline(createReadStream(pathOf(r.stored_name)), hash);
        } catch {
          missing.push(r.stored_name);
          continue;
        }
        if (hash.digest('hex') !== r.sha256) altered.push(r.stored_name);
      }
      const unnamed: string[] = [];
      for (const sub of await readdir(dir).catch(() => [] as string[])) {
        if (!/^[0-9a-f]{2}$/.test(sub)) continue;
        for (const f of await readdir(join(dir, sub))) if (!named.has(f)) unnamed.push(join(sub, f));
      }
      return { files: named.size, missing, altered, unnamed };
    },

    /** The text of an item's attachments for the search index (names included), '' when none. */
    async textOf(publicationId: number): Promise<string> {
      const rows = await repo.texts(db, publicationId);
      return rows
        .map((r) => [r.original_name, r.text_extract ?? ''].filter(Boolean).join('\n'))
        .join('\n\n')
        .trim();
    },
  };
}

export type AttachmentService = ReturnType<typeof createAttachmentService>;
