// The public search page: a GET form (no JavaScript), the result count ("1000+" when capped),
// results with highlighted titles and snippets (HTML built and escaped by the index), pagination.
import { EmptyState } from '../../../ui/components.js';
import { PortalLayout } from '../../../ui/layout.js';
import { fmt } from '../../../ui/messages.js';
import type { ViewCtx } from '../../../ui/view.js';
import type { SearchHit } from '../search.index.js';

export const sm = {
  site: '政府信息公开',
  title: '站内搜索',
  titleFor: '“{q}”的搜索结果',
  q: '搜索内容',
  qHint: '可输入标题、文号或正文中的字词，多个词用空格分开；繁体字也可以。',
  submit: '搜索',
  filters: '筛选条件',
  organ: '发布机关',
  column: '栏目',
  year: '发布年份',
  genre: '体裁',
  order: '排序',
  newest: '按时间（最新在前）',
  relevance: '按相关度（标题匹配在前）',
  any: '不限',
  found: '共找到 {n} 条结果',
  foundCapped: '找到 1000 条以上结果，请缩小范围',
  none: '没有找到相关信息',
  noneHint: '请检查用字，或减少、更换搜索词，或去掉筛选条件后再试。',
  prompt: '请输入要搜索的内容。',
  organOf: '发布机关：',
  publishedOn: '发布日期：',
  prev: '上一页',
  next: '下一页',
  pageOf: '第 {page} 页',
  pagination: '搜索结果分页',
  ignoredTitle: '以下条件有误，已忽略：',
  tooLong: '搜索内容过长，只取前 100 个字。',
  badOrgan: '发布机关不存在。',
  badColumn: '栏目不存在。',
  badYear: '年份应为四位数字，如 2017。',
  badGenre: '体裁不存在。',
  badOrder: '排序方式只能是按时间或按相关度。',
  badPage: '页码应为 1 至 100 之间的整数。',
  badLimit: '每页条数应为 1 至 50 之间的整数。',
};

export interface SearchForm {
  q: string;
  organ?: string;
  column?: string;
  year?: number;
  genre?: string;
  order: 'newest' | 'relevance';
  page: number;
}

export interface SearchView {
  form: SearchForm;
  ignored: string[];
  organs: Array<{ code: string; name: string }>;
  columns: Array<{ code: string; name: string }>;
  genres: Array<{ code: string; name: string }>;
  years: number[];
  pageSize: number;
  result?: { total: number; capped: boolean; items: Array<SearchHit & { organ: string }> };
}

/** The URL of the same search on another page. */
export function searchHref(form: SearchForm, page: number): string {
  const p = new URLSearchParams();
  p.set('q', form.q);
  if (form.organ) p.set('organ', form.organ);
  if (form.column) p.set('column', form.column);
  if (form.year) p.set('year', String(form.year));
  if (form.genre) p.set('genre', form.genre);
  if (form.order !== 'newest') p.set('order', form.order);
  if (page > 1) p.set('page', String(page));
  return `/search?${p.toString()}`;
}

function Choice(props: { id: string; label: string; value: string | undefined; options: Array<{ code: string; name: string }> }) {
  return (
    <div class="field">
      <label for={props.id}>{props.label}</label>
      <select id={props.id} name={props.id}>
        <option value="">{sm.any}</option>
        {props.options.map((o) => (
          <option value={o.code} selected={props.value === o.code}>
            {o.name}
          </option>
        ))}
      </select>
    </div>
  );
}

export function SearchPage({ ctx, organName, view }: { ctx: ViewCtx; organName: string; view: SearchView }) {
  const { form, result } = view;
  const years = view.years.map((y) => ({ code: String(y), name: `${y} 年` }));
  const title = form.q ? fmt(sm.titleFor, { q: form.q }) : sm.title;
  const pages = result ? Math.min(100, Math.max(1, Math.ceil(result.total / view.pageSize))) : 1;
  return (
    <PortalLayout ctx={ctx} organName={organName} title={title} current="">
      <h1>{sm.title}</h1>
      <search>
        <form method="get" action="/search" class="search-form">
          <div class="field">
            <label for="q">{sm.q}</label>
            <p class="hint" id="q-hint">
              {sm.qHint}
            </p>
            <input type="search" id="q" name="q" value={form.q} maxLength={100} aria-describedby="q-hint" />
          </div>
          <details open={Boolean(form.organ || form.column || form.year || form.genre || form.order !== 'newest')}>
            <summary>{sm.filters}</summary>
            <div class="search-filters">
              <Choice id="organ" label={sm.organ} value={form.organ} options={view.organs} />
              <Choice id="column" label={sm.column} value={form.column} options={view.columns} />
              <Choice id="year" label={sm.year} value={form.year ? String(form.year) : undefined} options={years} />
              <Choice id="genre" label={sm.genre} value={form.genre} options={view.genres} />
              <fieldset class="field">
                <legend>{sm.order}</legend>
                <label class="check">
                  <input type="radio" name="order" value="newest" checked={form.order === 'newest'} /> {sm.newest}
                </label>
                <label class="check">
                  <input type="radio" name="order" value="relevance" checked={form.order === 'relevance'} /> {sm.relevance}
                </label>
              </fieldset>
            </div>
          </details>
          <div class="actions">
            <button type="submit">{sm.submit}</button>
          </div>
        </form>
      </search>
      {view.ignored.length ? (
        <div class="warning" role="status">
          <p>{sm.ignoredTitle}</p>
          <ul>
            {view.ignored.map((i) => (
              <li>{i}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {!form.q ? <p class="hint">{sm.prompt}</p> : null}
      {result ? (
        <section aria-labelledby="results">
          <h2 id="results" aria-live="polite">
            {result.capped ? sm.foundCapped : fmt(sm.found, { n: result.total })}
          </h2>
          {result.items.length ? (
            <ol class="search-results" start={(form.page - 1) * view.pageSize + 1}>
              {result.items.map((h) => (
                <li>
                  {/* titleHtml and snippet are escaped by the index; only <mark> is added */}
                  <a href={h.url} dangerouslySetInnerHTML={{ __html: h.titleHtml }} />
                  <p class="snippet" dangerouslySetInnerHTML={{ __html: h.snippet }} />
                  <p class="hint">
                    {h.organ ? (
                      <>
                        {sm.organOf}
                        {h.organ}
                        {' · '}
                      </>
                    ) : null}
                    {sm.publishedOn}
                    <time dateTime={h.publishedOn}>{h.publishedOn}</time>
                  </p>
                </li>
              ))}
            </ol>
          ) : (
            <EmptyState title={sm.none} hint={sm.noneHint} />
          )}
          {pages > 1 ? (
            <nav aria-label={sm.pagination} class="actions">
              {form.page > 1 ? (
                <a href={searchHref(form, form.page - 1)} rel="prev">
                  {sm.prev}
                </a>
              ) : null}
              <span>{fmt(sm.pageOf, { page: form.page })}</span>
              {form.page < pages ? (
                <a href={searchHref(form, form.page + 1)} rel="next">
                  {sm.next}
                </a>
              ) : null}
            </nav>
          ) : null}
        </section>
      ) : null}
    </PortalLayout>
  );
}
