// Additions to the item page, kept apart from item.tsx: the notices of what a document replaces,
// repeals or interprets (and what replaced, repealed or interprets it), the 打印本页 link, and the
// print view (`?print=1`: the document alone, for the browser's own print function, no JavaScript).
import type { ComponentChildren } from 'preact';
import { Document } from '../../../ui/layout.js';
import type { ViewCtx } from '../../../ui/view.js';
import type { PublicBrief, PublicItem } from '../../publications/publications.public.js';
import { DateText, itemHref } from './catalogue.js';

export const xm = {
  notices: '文件关系提示',
  replaces: '本文件替代',
  repeals: '本文件废止',
  replacedBy: '本文件已被以下文件替代：',
  repealedBy: '本文件已被以下文件废止：',
  interprets: '本文是对以下文件的解读：',
  interpretedBy: '本文件的解读：',
  print: '打印本页',
  printHint: '请使用浏览器的“打印”功能（快捷键 Ctrl+P，手机在浏览器菜单中选择“打印”）打印本页。',
  back: '返回正文页面',
  address: '本页地址：',
} as const;

function Titles({ items }: { items: PublicBrief[] }) {
  return (
    <>
      {items.map((b, i) => (
        <>
          {i > 0 ? '、' : null}
          <a href={itemHref(b.id)}>《{b.title}》</a>
        </>
      ))}
    </>
  );
}

/** One line per relation that changes how the document should be read; nothing when there is none.
 * Replaced / repealed are left to the validity banner when it already names them. */
export function RelationNotices({ item }: { item: PublicItem }) {
  const r = item.relations;
  const bannerNames = item.validity === 'repealed' ? 'repealedBy' : item.validity === 'expired' ? 'replacedBy' : null;
  const lines: Array<[string, string, PublicBrief[]]> = [
    ['notice-replaced-by', xm.replacedBy, bannerNames === 'replacedBy' ? [] : r.replacedBy],
    ['notice-repealed-by', xm.repealedBy, bannerNames === 'repealedBy' ? [] : r.repealedBy],
    ['notice-replaces', `${xm.replaces}：`, r.replaces],
    ['notice-repeals', `${xm.repeals}：`, r.repeals],
    ['notice-interprets', xm.interprets, r.interprets],
    ['notice-interpreted-by', xm.interpretedBy, r.interpretations],
  ];
  const shown = lines.filter(([, , l]) => l.length);
  if (!shown.length) return null;
  return (
    <ul class="doc-notices" aria-label={xm.notices}>
      {shown.map(([id, label, list]) => (
        <li id={id}>
          {label}
          <Titles items={list} />
        </li>
      ))}
    </ul>
  );
}

/** A plain link to the print view: works without JavaScript. */
export function PrintLink({ href }: { href: string }) {
  return (
    <p class="print-link no-print">
      <a href={href} rel="nofollow">
        {xm.print}
      </a>
    </p>
  );
}

/** The print view: organ, title, metadata and body, nothing else; not indexed (the canonical page is). */
export function PrintPage(props: {
  ctx: ViewCtx;
  organName: string;
  item: PublicItem;
  canonical: string;
  backHref: string;
  meta: ComponentChildren;
}) {
  const { item } = props;
  return (
    <Document
      ctx={props.ctx}
      title={`${item.title} - ${props.organName}`}
      bodyClass="portal print-view"
      head={
        <>
          <link rel="canonical" href={props.canonical} />
          <meta name="robots" content="noindex" />
        </>
      }
    >
      <main id="main" class="wrap">
        <div class="no-print notice" role="note">
          <p>{xm.printHint}</p>
          <p>
            <a href={props.backHref}>{xm.back}</a>
          </p>
        </div>
        <p class="print-organ">{props.organName}</p>
        <h1>{item.title}</h1>
        {props.meta}
        <RelationNotices item={item} />
        {/* sanitised to the allow-list when stored and again by the public catalogue (item.tsx) */}
        <div class="doc-body" dangerouslySetInnerHTML={{ __html: item.bodyHtml ?? '' }} />
        <p class="hint">
          {xm.address}
          {props.canonical}
        </p>
        <p class="hint">
          <DateText date={item.publishedOn} />
        </p>
      </main>
    </Document>
  );
}
