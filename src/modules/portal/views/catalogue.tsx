// Building blocks of the public catalogue pages: breadcrumbs, lists of items, pagination, and
// the page of a column (its sub-columns and its items). Plain links throughout: no JavaScript.

import { EmptyState } from '../../../ui/components.js';
import { PortalLayout } from '../../../ui/layout.js';
import { fmt, m } from '../../../ui/messages.js';
import type { ViewCtx } from '../../../ui/view.js';
import type { PublicBrief, PublicColumn, PublicFilter, PublicList } from '../../publications/publications.public.js';
import { pm } from '../portal.messages.js';
import { type FilterChoices, FilterForm, fm } from './filters.js';

export interface Crumb {
  label: string;
  href?: string;
}

/** 当前位置: links up to the last crumb, which is the page itself. */
export function Breadcrumbs({ crumbs }: { crumbs: Crumb[] }) {
  return (
    <nav aria-label={pm.breadcrumb} class="hint">
      {crumbs.map((c, i) => (
        <>
          {i > 0 ? ' › ' : null}
          {c.href && i < crumbs.length - 1 ? <a href={c.href}>{c.label}</a> : <span aria-current="page">{c.label}</span>}
        </>
      ))}
    </nav>
  );
}

export const itemHref = (id: number) => `/items/${id}`;

/** The permanent URL of an index number: its slash kept as a path separator (portal.routes.tsx). */
export const indexHref = (indexNo: string) => `/index/${indexNo.split('/').map(encodeURIComponent).join('/')}`;

/** The canonical permanent URL of an item: `/{organ code}/xxgk/{index number}`, the number's slash kept. */
export const permanentHref = (organCode: string, indexNo: string) =>
  `/${encodeURIComponent(organCode)}/xxgk/${indexNo.split('/').map(encodeURIComponent).join('/')}`;

export function DateText({ date }: { date: string | null }) {
  return date ? <time dateTime={date}>{date}</time> : null;
}

/** Items as a list: title, publication date and index number. */
export function ItemList({ items, showIndex = true }: { items: PublicBrief[]; showIndex?: boolean }) {
  return (
    <ul class="item-list">
      {items.map((i) => (
        <li>
          <a href={itemHref(i.id)}>{i.title}</a>
          <p class="hint">
            {pm.published} <DateText date={i.publishedOn} />
            {showIndex && i.indexNo ? (
              <>
                {' · '}
                {pm.indexNo} <span class="nowrap-group">{i.indexNo}</span>
              </>
            ) : null}
          </p>
        </li>
      ))}
    </ul>
  );
}

/** Previous / next links with the position, e.g. 第 2 页，共 5 页，83 条. */
export function Pagination({ list, href }: { list: PublicList; href: (page: number) => string }) {
  if (list.pages <= 1) return null;
  return (
    <nav aria-label={pm.pagination} class="actions">
      {list.page > 1 ? (
        <a href={href(list.page - 1)} rel="prev">
          {pm.prev}
        </a>
      ) : null}
      <span>{fmt(pm.pageOf, { page: list.page, pages: list.pages, total: list.total })}</span>
      {list.page < list.pages ? (
        <a href={href(list.page + 1)} rel="next">
          {pm.next}
        </a>
      ) : null}
    </nav>
  );
}

/** The page of a column: where it is, what it holds, its sub-columns with counts, its items. */
export function ColumnPage(props: {
  ctx: ViewCtx;
  organName: string;
  /** The main navigation entry to mark as current ('' for none). */
  current: string;
  crumbs: Crumb[];
  title: string;
  lead: string | null;
  column: PublicColumn;
  list: PublicList;
  columnHref: (c: PublicColumn) => string;
  pageHref: (page: number) => string;
  /** The filter form: where it submits, what is chosen, what may be chosen. */
  filters: { action: string; filter: PublicFilter; choices: FilterChoices; active: boolean };
  /** The column's feed (RSS 2.0). */
  feedHref: string;
}) {
  const { column, list, filters } = props;
  const subs = column.children;
  return (
    <PortalLayout
      ctx={props.ctx}
      organName={props.organName}
      title={props.title}
      current={props.current}
      head={<link rel="alternate" type="application/rss+xml" title={`${column.name}（RSS）`} href={props.feedHref} />}
    >
      <Breadcrumbs crumbs={props.crumbs} />
      <h1>{props.title}</h1>
      {props.lead ? <p class="lead">{props.lead}</p> : null}
      {subs.length ? (
        <section aria-labelledby="sub-columns">
          <h2 id="sub-columns">{pm.subColumns}</h2>
          <ul class="sub-columns">
            {subs.map((s) => (
              <li>
                <a href={props.columnHref(s)}>{s.name}</a>
                {s.count ? (
                  fmt(pm.countInList, { n: s.count })
                ) : (
                  <>
                    {'：'}
                    {m.portal.empty}
                    {s.emptyReason ? <span class="hint">{s.emptyReason}</span> : null}
                  </>
                )}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section aria-labelledby="items">
        <h2 id="items">{subs.length ? pm.latest : pm.items}</h2>
        {column.count > 0 ? <FilterForm {...filters} total={list.total} /> : null}
        {list.total ? (
          <>
            <ItemList items={list.items} />
            <Pagination list={list} href={props.pageHref} />
          </>
        ) : filters.active ? (
          <EmptyState title={fm.none} hint={fm.noneHint} />
        ) : (
          <EmptyState title={m.portal.empty} hint={column.emptyReason ?? m.portal.emptyHint} />
        )}
        <p class="hint feed-link">
          <a href={props.feedHref}>{pm.feed}</a>
        </p>
      </section>
    </PortalLayout>
  );
}
