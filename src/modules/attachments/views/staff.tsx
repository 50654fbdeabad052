// The attachments of a draft in the back office: list, remove, upload, and 从 Word 导入正文.
// Both upload forms are multipart; the CSRF field comes first so that it is read before the file.
import { Csrf, EmptyState, ErrorSummary } from '../../../ui/components.js';
import { chinaDateTime } from '../../../ui/format.js';
import { StaffLayout } from '../../../ui/layout.js';
import type { ViewCtx } from '../../../ui/view.js';
import { itemHref, type Nav, PUBLICATIONS_HREF } from '../../publications/views/staff/common.js';
import { describe, formatSize } from '../attachments.types.js';
import { type AttachmentItem, attachmentHref } from './list.js';

export const STAFF_FILES = '/staff/attachments';
export const attachmentsHref = (publicationId: number) => `${itemHref(publicationId)}/attachments`;

export interface StaffAttachment extends AttachmentItem {
  createdAt: string;
}

export interface UploadError {
  form: 'file' | 'docx';
  message: string;
}

/**
 * The attachments of an item: the list (with removal), and for a draft the upload form and
 * 从 Word 导入正文. Shown on the item page and, with the error of a refused upload, on its own page.
 */
export function AttachmentsSection(props: {
  csrf: string;
  item: { id: number; version: number };
  items: readonly StaffAttachment[];
  editable: boolean;
  maxBytes: number;
  error?: UploadError | undefined;
}) {
  const { item, error } = props;
  const base = attachmentsHref(item.id);
  return (
    <section aria-labelledby="attachments">
      <h2 id="attachments">附件</h2>
      {props.items.length === 0 ? (
        <EmptyState title="还没有附件。" />
      ) : (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">文件名</th>
                <th scope="col">类型和大小</th>
                <th scope="col">上传时间</th>
                {props.editable ? <th scope="col">操作</th> : null}
              </tr>
            </thead>
            <tbody>
              {props.items.map((a) => (
                <tr>
                  <th scope="row">
                    <a href={attachmentHref(a, STAFF_FILES)}>{a.name}</a>
                  </th>
                  <td>{describe(a.mediaType, a.size)}</td>
                  <td>{chinaDateTime(a.createdAt)}</td>
                  {props.editable ? (
                    <td>
                      <form method="post" action={`${base}/${a.id}/remove`} class="inline">
                        <Csrf token={props.csrf} />
                        <button type="submit" class="secondary" aria-label={`删除附件 ${a.name}`}>
                          删除
                        </button>
                      </form>
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {props.editable ? (
        <>
          <h3>上传附件</h3>
          <form method="post" action={base} enctype="multipart/form-data" class="stack">
            <Csrf token={props.csrf} />
            <div class={`field${error?.form === 'file' ? ' field-error' : ''}`}>
              <label for="f-file">选择文件</label>
              <p class="hint" id="f-file-hint">
                可以上传 PDF、Word、Excel、PowerPoint、OFD、JPG、PNG、GIF 图片和 UTF-8 文本（TXT、CSV），每个文件不超过{' '}
                {formatSize(props.maxBytes)}。文件类型按内容识别，与扩展名无关。
              </p>
              {error?.form === 'file' ? (
                <p class="error-message" id="f-file-error">
                  {error.message}
                </p>
              ) : null}
              <input
                type="file"
                id="f-file"
                name="file"
                aria-describedby={error?.form === 'file' ? 'f-file-hint f-file-error' : 'f-file-hint'}
              />
            </div>
            <div class="actions">
              <button type="submit">上传</button>
            </div>
          </form>

          <h3>从 Word 导入正文</h3>
          <form method="post" action={`${itemHref(item.id)}/import-docx`} enctype="multipart/form-data" class="stack">
            <Csrf token={props.csrf} />
            <input type="hidden" name="version" value={String(item.version)} />
            <div class={`field${error?.form === 'docx' ? ' field-error' : ''}`}>
              <label for="f-docx">选择 Word 文件（.docx）</label>
              <p class="hint" id="f-docx-hint">
                导入后，Word 文件的内容将替换当前正文（格式会简化为标题、段落、列表和表格），原文件作为附件保留。
              </p>
              {error?.form === 'docx' ? (
                <p class="error-message" id="f-docx-error">
                  {error.message}
                </p>
              ) : null}
              <input
                type="file"
                id="f-docx"
                name="file"
                aria-describedby={error?.form === 'docx' ? 'f-docx-hint f-docx-error' : 'f-docx-hint'}
              />
            </div>
            <div class="actions">
              <button type="submit">导入正文</button>
            </div>
          </form>
        </>
      ) : (
        <p class="hint">只有草稿或已退回的信息可以修改附件。</p>
      )}
    </section>
  );
}

/** The attachments of one item on their own page: where a refused upload comes back with its reason. */
export function AttachmentsPage(props: {
  ctx: ViewCtx;
  nav: Nav;
  item: { id: number; title: string; version: number };
  items: readonly StaffAttachment[];
  /** The draft can be changed by this reader now. */
  editable: boolean;
  maxBytes: number;
  error?: UploadError | undefined;
}) {
  const { item, error } = props;
  return (
    <StaffLayout ctx={props.ctx} title={`附件：${item.title}`} nav={props.nav} current={PUBLICATIONS_HREF}>
      <p>
        <a href={itemHref(item.id)}>返回信息页面</a>
      </p>
      <h1>附件：{item.title}</h1>
      <ErrorSummary message={error?.message} fields={error ? { [error.form]: error.message } : {}} />
      <AttachmentsSection
        csrf={props.ctx.csrf}
        item={item}
        items={props.items}
        editable={props.editable}
        maxBytes={props.maxBytes}
        error={error}
      />
    </StaffLayout>
  );
}

/** After 从 Word 导入正文: what was done, and mammoth's warnings (styles it could not carry over). */
export function ImportedPage(props: {
  ctx: ViewCtx;
  nav: Nav;
  item: { id: number; title: string };
  fileName: string;
  warnings: readonly string[];
}) {
  const { item } = props;
  return (
    <StaffLayout ctx={props.ctx} title={`已导入正文：${item.title}`} nav={props.nav} current={PUBLICATIONS_HREF}>
      <h1>已导入正文</h1>
      <div class="notice" role="status">
        <p>已将「{props.fileName}」的内容导入为正文，原文件已作为附件保留。请检查正文预览。</p>
      </div>
      {props.warnings.length ? (
        <div class="warning">
          <h2>转换提示</h2>
          <p>以下内容可能没有完整转换，请核对：</p>
          <ul>
            {props.warnings.map((w) => (
              <li>{w}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <div class="actions">
        <a class="button" href={itemHref(item.id)}>
          查看信息和正文预览
        </a>
        <a class="button secondary" href={`${itemHref(item.id)}/edit`}>
          修改内容
        </a>
      </div>
    </StaffLayout>
  );
}
