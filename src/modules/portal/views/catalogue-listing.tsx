// 信息公开目录: every item an organ has published, with its index number, title, issuing organ and
// date, newest first, page by page, filtered like a column.
import { EmptyState } from '../../../ui/components.js';
import { PortalLayout } from '../../../ui/layout.js';
import type { ViewCtx } from '../../../ui/view.js';
import type { PublicFilter, PublicList } from '../../publications/publications.public.js';
import { Breadcrumbs, type Crumb, DateText, Pagination } from './catalogue.js';
import { type FilterChoices, FilterForm, fm } from './filters.js';

export const cm = {
  title: '政府信息公开目录',
  lead: '本机关主动公开的全部政府信息，按发布日期由新到旧排列。每条信息的索引号唯一，可用于查找和引用。',
  caption: '信息公开目录（第 {page} 页，共 {total} 条）',
  indexNo: '索引号',
  title_: '标题',
  issuer: '发布机关',
  date: '发布日期',
  none: '本机关尚未公开信息。',
} as const;

export function CatalogueListingPage(props: {
  ctx: ViewCtx;
  organName: string;
  crumbs: Crumb[];
  list: PublicList;
  pageHref: (page: number) => string;
  filters: { action: string; filter: PublicFilter; choices: FilterChoices; active: boolean };
  /** The item's permanent path (falls back to /items/:id). */
  hrefOf: (b: { id: number; indexNo: string | null }) => string;
}) {
  const { list } = props;
  return (
    <PortalLayout ctx={props.ctx} organName={props.organName} title={cm.title} current="">
      <Breadcrumbs crumbs={props.crumbs} />
      <h1>{cm.title}</h1>
      <p class="lead">{cm.lead}</p>
      <FilterForm {...props.filters} total={list.total} />
      {list.total ? (
        <>
          <div class="table-wrap">
            <table class="catalogue-table">
              <caption class="hint">
                {cm.caption.replace('{page}', String(list.page)).replace('{total}', String(list.total))}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{cm.indexNo}</th>
                  <th scope="col">{cm.title_}</th>
                  <th scope="col">{cm.issuer}</th>
                  <th scope="col">{cm.date}</th>
                </tr>
              </thead>
              <tbody>
                {list.items.map((i) => (
                  <tr>
                    <td data-label={cm.indexNo}>{i.indexNo}</td>
                    <th scope="row">
                      <a href={props.hrefOf(i)}>{i.title}</a>
                    </th>
                    <td data-label={cm.issuer}>{i.issuingOrgan}</td>
                    <td data-label={cm.date}>
                      <DateText date={i.publishedOn} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pagination list={list} href={props.pageHref} />
        </>
      ) : props.filters.active ? (
        <EmptyState title={fm.none} hint={fm.noneHint} />
      ) : (
        <EmptyState title={cm.none} />
      )}
    </PortalLayout>
  );
}
