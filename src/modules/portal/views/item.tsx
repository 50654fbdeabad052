// The page of one item: the catalogue metadata as gov.cn policy pages show it (norms.md §7.3),
// its validity made prominent, the body, its relations, and notices for superseded and withdrawn items.
import type { ComponentChildren } from 'preact';
import { PortalLayout } from '../../../ui/layout.js';
import { fmt } from '../../../ui/messages.js';
import type { ViewCtx } from '../../../ui/view.js';
import { type AttachmentItem, PublicAttachments } from '../../attachments/views/list.js';
import type { PublicBrief, PublicItem } from '../../publications/publications.public.js';
import { GENRE_LABELS, VALIDITY_LABELS } from '../../publications/publications.schemas.js';
import { pm } from '../portal.messages.js';
import { Breadcrumbs, type Crumb, DateText, indexHref, itemHref } from './catalogue.js';
import { PrintLink, RelationNotices } from './item-extras.js';

function BriefLink({ b }: { b: PublicBrief }) {
  return (
    <>
      <a href={itemHref(b.id)}>《{b.title}》</a>
      {b.publishedOn ? (
        <span class="hint">
          {' '}
          <DateText date={b.publishedOn} />
        </span>
      ) : null}
    </>
  );
}

function BriefList({ items }: { items: PublicBrief[] }) {
  return (
    <ul>
      {items.map((b) => (
        <li>
          <BriefLink b={b} />
        </li>
      ))}
    </ul>
  );
}

function Row({ label, children }: { label: string; children: ComponentChildren }) {
  return (
    <tr>
      <th scope="row">{label}</th>
      <td>{children}</td>
    </tr>
  );
}

/** 有效 / 失效 / 废止 with the date; repealed and expired documents get a banner above the title. */
function ValidityBanner({ item }: { item: PublicItem }) {
  if (item.validity === 'valid') return null;
  const what = VALIDITY_LABELS[item.validity];
  const by = item.validity === 'repealed' ? item.relations.repealedBy : item.relations.replacedBy;
  return (
    <div class="warning" role="note" id="validity">
      <p>
        <strong>
          {item.validityDate ? fmt(pm.validityBanner, { date: item.validityDate, what }) : fmt(pm.validityBannerNoDate, { what })}
        </strong>
      </p>
      {by.length ? (
        <p>
          {item.validity === 'repealed' ? pm.repealedBy : pm.replacedBy}
          {by.map((b, i) => (
            <>
              {i > 0 ? '、' : null}
              <BriefLink b={b} />
            </>
          ))}
        </p>
      ) : null}
    </div>
  );
}

export function MetadataTable({ item }: { item: PublicItem }) {
  return (
    <div class="table-wrap">
      <table class="doc-meta" aria-label={pm.meta.label}>
        <tbody>
          <Row label={pm.meta.indexNo}>{item.indexNo}</Row>
          <Row label={pm.meta.theme}>{item.theme}</Row>
          <Row label={pm.meta.issuer}>{item.issuingOrgan}</Row>
          <Row label={pm.meta.createdOn}>
            <DateText date={item.createdOn} />
          </Row>
          <Row label={pm.meta.title}>{item.title}</Row>
          <Row label={pm.meta.docNumber}>{item.docNumber ?? pm.meta.none}</Row>
          <Row label={pm.meta.publishedOn}>
            <DateText date={item.publishedOn} />
          </Row>
          <Row label={pm.meta.genre}>{GENRE_LABELS[item.genre]}</Row>
          <Row label={pm.meta.validity}>
            {item.validity === 'valid' ? (
              VALIDITY_LABELS.valid
            ) : (
              <>
                <strong>{VALIDITY_LABELS[item.validity]}</strong>
                {item.validityDate ? fmt(pm.validitySince, { date: item.validityDate }) : null}
              </>
            )}
          </Row>
          {item.keywords.length ? <Row label={pm.meta.keywords}>{item.keywords.join('；')}</Row> : null}
          {item.summary ? <Row label={pm.meta.summary}>{item.summary}</Row> : null}
          {item.column.name ? <Row label={pm.meta.column}>{item.column.name}</Row> : null}
        </tbody>
      </table>
    </div>
  );
}

function Relations({ item }: { item: PublicItem }) {
  const r = item.relations;
  const replacement: Array<[string, PublicBrief[]]> = [
    [pm.rel.replaces, r.replaces],
    [pm.rel.repeals, r.repeals],
    [pm.rel.replacedBy, r.replacedBy],
    [pm.rel.repealedBy, r.repealedBy],
  ];
  const groups: Array<[string, string, PublicBrief[]]> = [
    ['rel-interpretations', pm.rel.interpretations, r.interpretations],
    ['rel-interprets', pm.rel.interprets, r.interprets],
    ['rel-corrections', pm.rel.corrections, r.corrections],
    ['rel-corrects', pm.rel.corrects, r.corrects],
  ];
  const hasReplacement = replacement.some(([, l]) => l.length);
  if (!hasReplacement && !groups.some(([, , l]) => l.length)) return null;
  return (
    <section aria-labelledby="relations">
      <h2 id="relations">{pm.relations}</h2>
      {groups.map(([id, label, list]) =>
        list.length ? (
          <section aria-labelledby={id}>
            <h3 id={id}>{label}</h3>
            <BriefList items={list} />
          </section>
        ) : null,
      )}
      {hasReplacement ? (
        <section aria-labelledby="rel-replacement">
          <h3 id="rel-replacement">{pm.rel.replacement}</h3>
          <ul>
            {replacement.flatMap(([label, list]) =>
              list.map((b) => (
                <li>
                  {label}
                  <BriefLink b={b} />
                </li>
              )),
            )}
          </ul>
        </section>
      ) : null}
    </section>
  );
}

export function ItemPage(props: {
  ctx: ViewCtx;
  organName: string;
  current: string;
  crumbs: Crumb[];
  item: PublicItem;
  attachments?: readonly AttachmentItem[];
  /** 相关推荐: published items sharing the most keywords with this one. */
  related?: PublicBrief[];
  /** The permanent URL (/{organ}/xxgk/{index number}): its path, and absolute for <link rel="canonical">. */
  permanent?: { path: string; absolute: string };
  printHref?: string;
  /** Rendered in place of the body, which the caller puts there as bytes (render.ts sendPageWith). */
  bodySlot?: string;
}) {
  const { item, permanent } = props;
  const crumbs = [...props.crumbs, { label: pm.body }];
  const head = permanent ? <link rel="canonical" href={permanent.absolute} /> : undefined;
  if (item.state === 'withdrawn') {
    return (
      <PortalLayout ctx={props.ctx} organName={props.organName} title={item.title} current={props.current} head={head}>
        <Breadcrumbs crumbs={crumbs} />
        <div class="warning" role="note">
          <p>
            <strong>{item.withdrawnOn ? fmt(pm.withdrawn, { date: item.withdrawnOn }) : pm.withdrawnNoDate}</strong>
          </p>
          <p>{pm.withdrawnHint}</p>
        </div>
        <h1>{item.title}</h1>
        <dl class="meta">
          <dt>{pm.meta.indexNo}</dt>
          <dd>{item.indexNo}</dd>
          <dt>{pm.meta.publishedOn}</dt>
          <dd>
            <DateText date={item.publishedOn} />
          </dd>
        </dl>
      </PortalLayout>
    );
  }
  return (
    <PortalLayout ctx={props.ctx} organName={props.organName} title={item.title} current={props.current} head={head}>
      <Breadcrumbs crumbs={crumbs} />
      {item.state === 'superseded' ? (
        <div class="warning" role="note" id="superseded">
          <p>
            <strong>{pm.superseded}</strong>
          </p>
          {item.current ? (
            <p>
              {pm.toCurrent}
              <BriefLink b={item.current} />
            </p>
          ) : null}
        </div>
      ) : null}
      <ValidityBanner item={item} />
      <h1>{item.title}</h1>
      <MetadataTable item={item} />
      <RelationNotices item={item} />
      {item.state === 'published' && item.indexNo ? (
        <p class="hint">
          {pm.permalink}
          {permanent ? (
            <a href={permanent.path}>{permanent.path}</a>
          ) : (
            <a href={indexHref(item.indexNo)}>{indexHref(item.indexNo)}</a>
          )}
        </p>
      ) : null}
      {props.printHref ? <PrintLink href={props.printHref} /> : null}
      {item.previous ? (
        <p class="hint">
          {fmt(pm.previous, { edition: item.edition })}
          <BriefLink b={item.previous} />
        </p>
      ) : null}
      {/* Wide tables of the body scroll inside this region, which therefore takes the keyboard
          focus (WCAG 2.1.1; axe scrollable-region-focusable) rather than the page scrolling sideways. */}
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard */}
      <section class="doc-body table-wrap" aria-labelledby="body" tabIndex={0}>
        <h2 id="body">{pm.body}</h2>
        {/* The only raw HTML on the public site: the body, sanitised to the allow-list of
            publications.schemas.ts#sanitizeBody whenever it is stored (ADR 0014). */}
        <div dangerouslySetInnerHTML={{ __html: props.bodySlot ?? item.bodyHtml ?? '' }} />
      </section>
      <PublicAttachments items={props.attachments ?? []} />
      <Relations item={item} />
      {props.related?.length ? (
        <section aria-labelledby="related">
          <h2 id="related">{pm.related}</h2>
          <BriefList items={props.related} />
        </section>
      ) : null}
    </PortalLayout>
  );
}
