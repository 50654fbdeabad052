import { EmptyState } from '../../../ui/components.js';
import { PORTAL_NAV, PortalLayout } from '../../../ui/layout.js';
import { m } from '../../../ui/messages.js';
import type { ViewCtx } from '../../../ui/view.js';
import type { PublicBrief } from '../../publications/publications.public.js';
import { pm } from '../portal.messages.js';
import { ItemList } from './catalogue.js';

export interface PortalOrgan {
  name: string;
  address: string | null;
  phone: string | null;
}

export type SectionKey = keyof typeof m.sections;
export interface Section {
  key: SectionKey;
  href: string;
  title: string;
  standard: boolean;
  /** The catalogue column the section shows (codes of catalogue.columns.ts). */
  columnCode?: string;
}
export const SECTIONS: readonly Section[] = [
  { key: 'guide', href: '/guide', title: m.nav.guide, standard: true, columnCode: 'guide' },
  { key: 'rules', href: '/rules', title: m.nav.rules, standard: true, columnCode: 'system' },
  { key: 'statutory', href: '/statutory', title: m.nav.statutory, standard: true, columnCode: 'statutory' },
  { key: 'reports', href: '/reports', title: m.nav.reports, standard: true, columnCode: 'annual-report' },
  { key: 'apply', href: '/apply', title: m.nav.apply, standard: false },
  { key: 'interact', href: '/interact', title: m.nav.interact, standard: false },
  // an organ's 办事指南 column (the demo has one; other organs see the empty section until they add it)
  { key: 'services', href: '/services', title: m.nav.services, standard: false, columnCode: 'service-guides' },
  { key: 'data', href: '/data', title: m.nav.data, standard: false },
];

/** What the home page shows of a column: where it is, its latest items. */
export interface HomeColumn {
  href: string;
  title: string;
  hint?: string;
  latest: PublicBrief[];
  /** More items than shown. */
  more: boolean;
  /** What an empty card says instead of 本栏目暂无内容 (the guide is generated, never empty). */
  emptyText?: string;
}

function ColumnCard({ c }: { c: HomeColumn }) {
  return (
    <li class="card">
      <h3>
        <a href={c.href}>{c.title}</a>
      </h3>
      {c.hint ? <p class="hint">{c.hint}</p> : null}
      {c.latest.length ? (
        <>
          <ItemList items={c.latest} showIndex={false} />
          {c.more ? (
            <p>
              <a href={c.href} aria-label={`${pm.more}：${c.title}`}>
                {pm.more}
              </a>
            </p>
          ) : null}
        </>
      ) : (
        <p class={c.emptyText ? undefined : 'empty-title'}>{c.emptyText ?? m.portal.empty}</p>
      )}
    </li>
  );
}

export function PortalHome(props: {
  ctx: ViewCtx;
  organ: PortalOrgan;
  units: string[];
  subordinates: Array<{ code: string; name: string }>;
  /** The standard column (公开专栏), then the public-service sections. */
  standard: HomeColumn[];
  services: HomeColumn[];
  /** The organ's other columns that have published items. */
  others: HomeColumn[];
  /** The full 信息公开目录 of the organ. */
  catalogueHref: string;
}) {
  const { organ } = props;
  return (
    <PortalLayout ctx={props.ctx} organName={organ.name} current="/">
      <h1>
        <span class="nowrap-group">{organ.name}</span>
        <span class="nowrap-group">{m.site.suffix}</span>
      </h1>
      <section aria-labelledby="std">
        <h2 id="std">{m.portal.standardColumn}</h2>
        <ul class="columns four">
          {props.standard.map((c) => (
            <ColumnCard c={c} />
          ))}
        </ul>
        <p>
          <a href={props.catalogueHref}>{pm.fullCatalogue}</a>
        </p>
      </section>
      <section aria-labelledby="more">
        <h2 id="more">公众服务</h2>
        <ul class="columns four">
          {props.services.map((c) => (
            <ColumnCard c={c} />
          ))}
        </ul>
      </section>
      {props.others.length ? (
        <section aria-labelledby="others">
          <h2 id="others">{pm.otherColumns}</h2>
          <ul class="columns">
            {props.others.map((c) => (
              <ColumnCard c={c} />
            ))}
          </ul>
        </section>
      ) : null}
      {props.units.length ? (
        <section aria-labelledby="units">
          <h2 id="units">{m.portal.units}</h2>
          <p>
            {props.units.map((u) => (
              <span class="tag">{u}</span>
            ))}
          </p>
        </section>
      ) : null}
      {props.subordinates.length ? (
        <section aria-labelledby="subs">
          <h2 id="subs">{m.portal.subordinates}</h2>
          <ul>
            {props.subordinates.map((o) => (
              <li>
                <a href={`/organs/${encodeURIComponent(o.code)}`}>{o.name}</a>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {organ.address || organ.phone ? (
        <section aria-labelledby="contact">
          <h2 id="contact">{m.portal.contact}</h2>
          <dl class="meta">
            {organ.address ? (
              <>
                <dt>{m.portal.address}</dt>
                <dd>{organ.address}</dd>
              </>
            ) : null}
            {organ.phone ? (
              <>
                <dt>{m.portal.phone}</dt>
                <dd>{organ.phone}</dd>
              </>
            ) : null}
          </dl>
        </section>
      ) : null}
    </PortalLayout>
  );
}

/** A section with nothing behind it yet (no catalogue, or a service still to come). */
export function SectionPage(props: { ctx: ViewCtx; organ: PortalOrgan; section: Section }) {
  const { section } = props;
  return (
    <PortalLayout ctx={props.ctx} organName={props.organ.name} title={section.title} current={section.href}>
      <nav aria-label={pm.breadcrumb} class="hint">
        <a href="/">{m.nav.home}</a> › <span aria-current="page">{section.title}</span>
      </nav>
      <h1>{section.title}</h1>
      <p class="lead">{m.sections[section.key]}</p>
      {section.key === 'apply' ? (
        <p>
          <a href="/requests/new">在线提交政府信息公开申请</a>
        </p>
      ) : null}
      <EmptyState title={m.portal.empty} hint={m.portal.emptyHint} />
    </PortalLayout>
  );
}

export function NoOrganPage({ ctx }: { ctx: ViewCtx }) {
  return (
    <PortalLayout ctx={ctx} organName="Gongkai" current="/">
      <h1>尚未设置机关</h1>
      <p>
        请先使用 <code>gongkai organ add</code> 创建机关，或运行 <code>gongkai seed demo</code> 载入演示数据。
      </p>
    </PortalLayout>
  );
}

export { PORTAL_NAV };
