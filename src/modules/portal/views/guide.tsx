// 政府信息公开指南, generated: the organ's disclosure office (its settings), the catalogue's structure
// (columns, what each holds, how often it is updated), and how to request information under the
// 2019 Regulation (条例 Art 19–20, 23–24, 26–33, 42, 51; norms.md §1). Plain text and links.
import { PortalLayout } from '../../../ui/layout.js';
import { m } from '../../../ui/messages.js';
import type { ViewCtx } from '../../../ui/view.js';
import type { OrganSettings } from '../../organs/organs.settings.js';
import { SETTINGS_FIELDS, SETTINGS_LABELS } from '../../organs/organs.settings.js';
import { COLUMN_KIND_LABELS } from '../../publications/catalogue.columns.js';
import type { PublicBrief, PublicColumn } from '../../publications/publications.public.js';
import { Breadcrumbs, type Crumb, ItemList } from './catalogue.js';

export const gm = {
  title: '{organ}政府信息公开指南',
  intro:
    '为了更好地提供政府信息公开服务，依据《中华人民共和国政府信息公开条例》（以下简称《条例》），编制本指南。本指南根据本机关政府信息公开目录和工作机构的变化及时更新。',
  unpublished: '未公布',
  update: '{kind}，每 {days} 日内更新',
  treeHint:
    '括号内为各栏目现有信息的条数和更新要求：动态类栏目每 14 日内更新，文件类栏目每半年内更新；每条信息均在形成或者变更之日起 20 个工作日内公开。',
  count: '现有 {n} 条',
  empty: '暂无信息',
  docs: '本机关发布的公开指南文件',
} as const;

const fmtS = (t: string, v: Record<string, string | number>) => t.replace(/\{(\w+)\}/g, (_, k: string) => String(v[k] ?? ''));

function Tree({ nodes, href }: { nodes: PublicColumn[]; href: (c: PublicColumn) => string }) {
  return (
    <ul>
      {nodes.map((c) => (
        <li>
          <a href={href(c)}>{c.name}</a>
          <span class="hint">
            {' '}
            （{c.count ? fmtS(gm.count, { n: c.count }) : gm.empty}；
            {fmtS(gm.update, { kind: COLUMN_KIND_LABELS[c.kind], days: c.updateDays })}）
          </span>
          {c.description ? <p class="hint">{c.description}</p> : null}
          {c.emptyReason && !c.count ? <p class="hint">{c.emptyReason}</p> : null}
          {c.children.length ? <Tree nodes={c.children} href={href} /> : null}
        </li>
      ))}
    </ul>
  );
}

function Office({ s }: { s: OrganSettings }) {
  return (
    <dl class="meta" id="office">
      {SETTINGS_FIELDS.map((k) => (
        <>
          <dt>{SETTINGS_LABELS[k]}</dt>
          <dd>
            {s[k] === null ? (
              <span class="hint">{gm.unpublished}</span>
            ) : k === 'email' ? (
              <a href={`mailto:${s[k]}`}>{s[k]}</a>
            ) : k === 'website' ? (
              <a href={s[k] as string}>{s[k]}</a>
            ) : (
              s[k]
            )}
          </dd>
        </>
      ))}
    </dl>
  );
}

export function GuidePage(props: {
  ctx: ViewCtx;
  organName: string;
  current: string;
  crumbs: Crumb[];
  settings: OrganSettings;
  tree: PublicColumn[];
  columnHref: (c: PublicColumn) => string;
  catalogueHref: string;
  applyHref: string;
  /** Documents published in the organ's guide column (e.g. the signed guide as issued). */
  guideItems: PublicBrief[];
}) {
  const { settings: s } = props;
  const title = fmtS(gm.title, { organ: props.organName });
  const office = s.officeName ?? `${props.organName}政府信息公开工作机构`;
  return (
    <PortalLayout ctx={props.ctx} organName={props.organName} title={m.nav.guide} current={props.current}>
      <Breadcrumbs crumbs={props.crumbs} />
      <article class="guide">
        <h1>{title}</h1>
        <p>{gm.intro}</p>

        <h2 id="g-proactive">一、主动公开</h2>
        <h3 id="g-scope">（一）公开范围</h3>
        <p>
          本机关依照《条例》第十九条、第二十条的规定，主动公开涉及公众利益调整、需要公众广泛知晓或者需要公众参与决策的政府信息，以及《条例》第二十条所列的十五类信息。具体内容按下列目录编排，可在
          <a href={props.catalogueHref}>政府信息公开目录</a>中按年份、主题分类、体裁、效力和处室查阅：
        </p>
        <p class="hint">{gm.treeHint}</p>
        <nav aria-label="公开目录结构" class="guide-tree">
          <Tree nodes={props.tree} href={props.columnHref} />
        </nav>
        <h3 id="g-channels">（二）公开方式</h3>
        <p>
          主动公开的政府信息通过本网站（政府信息公开平台）发布，提供检索、查阅和下载；必要时同时通过政府公报、新闻发布会以及报刊、广播、电视等途径公开（《条例》第二十三条、第二十四条）。每条信息均有唯一的索引号和固定链接。
        </p>
        <h3 id="g-timing">（三）公开时限</h3>
        <p>
          属于主动公开范围的政府信息，自该政府信息形成或者变更之日起 20
          个工作日内予以公开；法律、法规对公开期限另有规定的，从其规定（《条例》第二十六条）。
        </p>

        <h2 id="g-request">二、依申请公开</h2>
        <h3 id="g-office">（一）受理机构</h3>
        <p>{office}负责受理向本机关提出的政府信息公开申请（《条例》第二十七条）。</p>
        <Office s={s} />
        <h3 id="g-how">（二）申请方式</h3>
        <p>
          申请人应当以书面形式（包括信件、数据电文）提出申请；采用书面形式确有困难的，可以口头提出，由受理机构代为填写申请（《条例》第二十九条）。可以通过以下途径提出：
        </p>
        <ul>
          <li>
            在线申请：通过本网站<a href={props.applyHref}>依申请公开</a>栏目填写并提交申请；
          </li>
          <li>信函申请：将申请寄送至上述办公地址，请在信封上注明“政府信息公开申请”字样；</li>
          <li>当面申请：在办公时间到上述地址提交申请；</li>
          <li>传真或电子邮件申请：发送至上述传真号码或电子邮箱，并注明“政府信息公开申请”。</li>
        </ul>
        <h3 id="g-content">（三）申请内容</h3>
        <p>政府信息公开申请应当包括下列内容（《条例》第二十九条）：</p>
        <ol>
          <li>申请人的姓名或者名称、身份证明、联系方式；</li>
          <li>申请公开的政府信息的名称、文号或者便于行政机关查询的其他特征性描述；</li>
          <li>申请公开的政府信息的形式要求，包括获取信息的方式、途径。</li>
        </ol>
        <h3 id="g-process">（四）申请的处理</h3>
        <ul>
          <li>
            申请内容不明确的，本机关给予指导和释明，并自收到申请之日起 7
            个工作日内一次性告知申请人作出补正，说明需要补正的事项和合理的补正期限；答复期限自收到补正的申请之日起计算。申请人无正当理由逾期不补正的，视为放弃申请（《条例》第三十条）。
          </li>
          <li>
            收到申请的时间：当面提交的，以提交之日为收到申请之日；以邮寄方式提交的，以本机关签收之日为收到申请之日；以平常信函等无需签收的邮寄方式提交的，以本机关与申请人确认之日为收到申请之日；通过互联网渠道或者传真提交的，以双方确认之日为收到申请之日（《条例》第三十一条）。
          </li>
          <li>
            公开可能损害第三方合法权益的，本机关书面征求第三方的意见，第三方应当自收到征求意见书之日起 15
            个工作日内提出意见（《条例》第三十二条）。
          </li>
          <li>
            能够当场答复的，当场予以答复；不能当场答复的，自收到申请之日起 20
            个工作日内予以答复；需要延长答复期限的，经政府信息公开工作机构负责人同意并告知申请人，延长的期限最长不超过 20
            个工作日。征求第三方和其他机关意见所需时间不计算在上述期限内（《条例》第三十三条）。
          </li>
        </ul>
        <h3 id="g-fees">（五）收费</h3>
        <p>
          本机关依申请提供政府信息，不收取费用。申请人申请公开政府信息的数量、频次明显超过合理范围的，可以依照国家有关规定收取信息处理费（《条例》第四十二条）。
        </p>

        <h2 id="g-remedy">三、监督和救济</h2>
        <p>
          公民、法人或者其他组织认为本机关在政府信息公开工作中侵犯其合法权益的，可以向上一级行政机关或者政府信息公开工作主管部门投诉、举报，也可以依法申请行政复议或者提起行政诉讼（《条例》第五十一条）。
        </p>

        {props.guideItems.length ? (
          <section aria-labelledby="g-docs">
            <h2 id="g-docs">{gm.docs}</h2>
            <ItemList items={props.guideItems} />
          </section>
        ) : null}
      </article>
    </PortalLayout>
  );
}
