// The attachments of an item as a list of links (public item page and back office).
import { describe } from '../attachments.types.js';

export interface AttachmentItem {
  id: number;
  name: string;
  mediaType: string;
  size: number;
}

/** The URL of a file; the name is only there to make the address and the saved file readable. */
export const attachmentHref = (a: { id: number; name: string }, base = '/attachments') =>
  `${base}/${a.id}/${encodeURIComponent(a.name)}`;

/** Name, then "（PDF，1.2 MB）" — the type and size are part of the link for screen readers. */
export function AttachmentLinks({ items, base }: { items: readonly AttachmentItem[]; base?: string }) {
  return (
    <ul class="attachments">
      {items.map((a) => (
        <li>
          <a href={attachmentHref(a, base)}>
            {a.name}
            <span class="hint">（{describe(a.mediaType, a.size)}）</span>
          </a>
        </li>
      ))}
    </ul>
  );
}

/** The section of the public item page; nothing when there are no attachments. */
export function PublicAttachments({ items, heading = '附件' }: { items: readonly AttachmentItem[]; heading?: string }) {
  if (items.length === 0) return null;
  return (
    <section aria-labelledby="attachments">
      <h2 id="attachments">{heading}</h2>
      <AttachmentLinks items={items} />
    </section>
  );
}
