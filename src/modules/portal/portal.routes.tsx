// The public portal: the home page, the standard sections, column and item pages, and the
// permanent URL of an index number. Public pages read no session and set no cookie (cacheable).
//
// Index numbers contain a slash (`{organ code}/{YYYY}-{NNNNN}`). Their permanent URL keeps it as
// a path separator, `/index/11450000MB1234567X/2026-00001`, which is what the site links to;
// the same number with the slash encoded, `/index/11450000MB1234567X%2F2026-00001`, is accepted
// too. Both answer 301 to `/items/:id` of the current edition.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { RouteDeps } from '../../app.js';
import type { StampedView } from '../../platform/db/stamped.js';
import { notFound } from '../../platform/http/errors.js';
import { BODY_SLOT, sendPage, sendPageWith } from '../../platform/http/render.js';
import { m } from '../../ui/messages.js';
import type { ViewCtx } from '../../ui/view.js';
import { attachmentsShown } from '../attachments/attachments.service.js';
import type { OrganRow } from '../organs/organs.service.js';
import { PUBLIC_PAGE_SIZE, type PublicBrief, type PublicColumn } from '../publications/publications.public.js';
import { originOf as requestOrigin, robots, rss, sitemap } from './portal.feeds.js';
import { filterOf, hasFilter, listHref } from './portal.filters.js';
import { pm } from './portal.messages.js';
import { ColumnPage, type Crumb, permanentHref } from './views/catalogue.js';
import { CatalogueListingPage, cm } from './views/catalogue-listing.js';
import { GuidePage } from './views/guide.js';
import { ItemPage, MetadataTable } from './views/item.js';
import { PrintPage } from './views/item-extras.js';
import { type HomeColumn, NoOrganPage, PortalHome, SECTIONS, type Section, SectionPage } from './views/portal.js';

const HOME_LATEST = 5;
/** Items in a column's feed. */
const FEED_SIZE = 20;
const FEED_MAX_AGE = 300;
/** The sitemap protocol's limit of URLs in one file. */
const SITEMAP_MAX = 50_000;
/** Pages of the portal organ listed in the sitemap besides its columns. */
const GUIDE_AND_CATALOGUE = ['/guide', '/catalogue'] as const;
/** A redirect of a permanent URL may be kept this long: the current edition can change. */
const INDEX_REDIRECT_MAX_AGE = 300;

/** `?page=` as a positive integer; undefined when it is not one. */
function pageOf(query: unknown): number | undefined {
  const raw = (query as Record<string, unknown> | undefined)?.page;
  if (raw === undefined || raw === '') return 1;
  return typeof raw === 'string' && /^[1-9]\d{0,5}$/.test(raw) ? Number(raw) : undefined;
}

export const feedHref = (columnId: number) => `/columns/${columnId}/feed.xml`;

const sectionOfCode = (code: string) => SECTIONS.find((s) => s.columnCode === code);

export function portalRoutes(app: FastifyInstance, d: RouteDeps): void {
  const cat = d.publicCatalogue;
  /** Origin of absolute links: the configured public URL, else the request's (checked) Host. */
  const originOf = (req: FastifyRequest) => d.config.publicUrl ?? requestOrigin(req.protocol, req.host);

  /** An item found for its page: the item, the memo's view as of its statement, its attachments. */
  type FoundItem = NonNullable<Awaited<ReturnType<typeof cat.itemWithView>>>;
  /** An organ by id, as of the request's view of the memo (ADR 0014). */
  const organIn = (v: StampedView, id: number) => v.get(`organ:${id}`, () => d.organs.byId(id));
  const portalIn = (v: StampedView) => v.get('portal-organ', () => d.organs.portalOrgan());

  /** Where an organ's pages live: the portal organ's sections at the root, the rest by id. */
  async function placesOf(organ: OrganRow, v?: StampedView) {
    const portal = await portalIn(v ?? (await cat.view()));
    const isPortal = portal?.id === organ.id;
    const homeHref = isPortal ? '/' : `/organs/${encodeURIComponent(organ.code)}`;
    const columnHref = (c: Pick<PublicColumn, 'id' | 'code' | 'parentId'>) => {
      const s = isPortal && c.parentId === null ? sectionOfCode(c.code) : undefined;
      return s ? s.href : `/columns/${c.id}`;
    };
    /** The main navigation entry of a column: its standard section, for the portal organ. */
    const navOf = (root: { code: string } | undefined) => (isPortal && root ? (sectionOfCode(root.code)?.href ?? '') : '');
    const organPath = `/organs/${encodeURIComponent(organ.code)}`;
    const guideHref = isPortal ? '/guide' : `${organPath}/guide`;
    const catalogueHref = isPortal ? '/catalogue' : `${organPath}/catalogue`;
    return { homeHref, columnHref, navOf, guideHref, catalogueHref };
  }

  async function home(organ: OrganRow) {
    const [units, subs, { tree, latest }, places] = await Promise.all([
      d.organs.units(organ.id),
      d.organs.children(organ.id),
      cat.latest(organ.id, HOME_LATEST),
      placesOf(organ),
    ]);
    const card = (c: PublicColumn, title = c.name, hint?: string, href = places.columnHref(c)): HomeColumn => ({
      href,
      title,
      ...(hint ? { hint } : {}),
      latest: latest.get(c.id) ?? [],
      more: c.count > HOME_LATEST,
    });
    const shownCodes = new Set(SECTIONS.flatMap((s) => (s.columnCode ? [s.columnCode] : [])));
    const sectionCard = (s: Section): HomeColumn => {
      const c = s.columnCode ? tree.find((t) => t.code === s.columnCode) : undefined;
      const out: HomeColumn = c
        ? card(c, s.title, m.sections[s.key])
        : { href: s.href, title: s.title, hint: m.sections[s.key], latest: [], more: false };
      // the guide is generated from the organ's settings and catalogue: it always has content
      return s.key === 'guide' ? { ...out, href: places.guideHref, emptyText: pm.guideCard } : out;
    };
    return {
      units: units.map((u) => u.name),
      subordinates: subs.map((o) => ({ code: o.code, name: o.name })),
      standard: SECTIONS.filter((s) => s.standard).map(sectionCard),
      services: SECTIONS.filter((s) => !s.standard).map(sectionCard),
      others: tree.filter((c) => !shownCodes.has(c.code) && c.count > 0).map((c) => card(c)),
      catalogueHref: places.catalogueHref,
    };
  }

  async function columnPage(
    reply: FastifyReply,
    ctx: ViewCtx,
    organ: OrganRow,
    found: { column: PublicColumn; path: PublicColumn[] },
    page: number,
    query: unknown,
    section?: Section,
  ) {
    const { column, path } = found;
    const units = await d.organs.units(organ.id);
    const filter = filterOf(
      query,
      units.map((u) => u.id),
    );
    const [list, facets, places] = await Promise.all([
      cat.list(column, page, PUBLIC_PAGE_SIZE, filter),
      cat.facets({ column }),
      placesOf(organ),
    ]);
    if (page > list.pages) throw notFound('没有这一页。');
    const self = section ? section.href : `/columns/${column.id}`;
    const crumbs: Crumb[] = [
      { label: m.nav.home, href: places.homeHref },
      ...path.map((p) => ({ label: p.name, href: places.columnHref(p) })),
      { label: section?.title ?? column.name },
    ];
    return sendPage(
      reply,
      <ColumnPage
        ctx={ctx}
        organName={organ.name}
        current={section ? section.href : places.navOf(path[0] ?? column)}
        crumbs={crumbs}
        title={section?.title ?? column.name}
        lead={section ? m.sections[section.key] : column.description}
        column={column}
        list={list}
        columnHref={places.columnHref}
        pageHref={(n) => listHref(self, filter, n)}
        filters={{
          action: self,
          filter,
          active: hasFilter(filter),
          choices: { ...facets, units: units.map((u) => ({ id: u.id, name: u.name })) },
        }}
        feedHref={feedHref(column.id)}
      />,
    );
  }

  app.get('/', async (req, reply) => {
    const ctx = await d.viewCtx(req, reply);
    const organ = await d.organs.portalOrgan();
    if (!organ) return sendPage(reply, <NoOrganPage ctx={ctx} />);
    return sendPage(reply, <PortalHome ctx={ctx} organ={organ} {...(await home(organ))} />);
  });

  app.get('/organs/:code', async (req, reply) => {
    const organ = await d.organs.byCode((req.params as { code: string }).code);
    if (!organ) throw notFound('机关不存在。');
    const ctx = await d.viewCtx(req, reply);
    return sendPage(reply, <PortalHome ctx={ctx} organ={organ} {...(await home(organ))} />);
  });

  /** 政府信息公开指南, generated from the organ's settings and catalogue. */
  async function guidePage(req: FastifyRequest, reply: FastifyReply, organ: OrganRow) {
    const [settings, tree, places, guideColumn] = await Promise.all([
      d.organs.settings.get(organ.id),
      cat.columnTree(organ.id),
      placesOf(organ),
      cat.columnByCode(organ.id, 'guide'),
    ]);
    const guideItems = guideColumn ? (await cat.list(guideColumn, 1)).items : [];
    return sendPage(
      reply,
      <GuidePage
        ctx={await d.viewCtx(req, reply)}
        organName={organ.name}
        current={places.guideHref === '/guide' ? '/guide' : ''}
        crumbs={[{ label: m.nav.home, href: places.homeHref }, { label: m.nav.guide }]}
        settings={settings}
        tree={tree}
        columnHref={places.columnHref}
        catalogueHref={places.catalogueHref}
        applyHref="/apply"
        guideItems={guideItems}
      />,
    );
  }

  /** 信息公开目录 of an organ, filtered, page by page. */
  async function cataloguePage(req: FastifyRequest, reply: FastifyReply, organ: OrganRow, self: string) {
    const page = pageOf(req.query);
    if (page === undefined) throw notFound('没有这一页。');
    const units = await d.organs.units(organ.id);
    const filter = filterOf(
      req.query,
      units.map((u) => u.id),
    );
    const [list, facets, places] = await Promise.all([
      cat.listOrgan(organ.id, page, filter),
      cat.facets({ organId: organ.id }),
      placesOf(organ),
    ]);
    if (page > list.pages) throw notFound('没有这一页。');
    return sendPage(
      reply,
      <CatalogueListingPage
        ctx={await d.viewCtx(req, reply)}
        organName={organ.name}
        crumbs={[{ label: m.nav.home, href: places.homeHref }, { label: cm.title }]}
        list={list}
        pageHref={(n) => listHref(self, filter, n)}
        filters={{
          action: self,
          filter,
          active: hasFilter(filter),
          choices: { ...facets, units: units.map((u) => ({ id: u.id, name: u.name })) },
        }}
        hrefOf={(b) => (b.indexNo ? permanentHref(organ.code, b.indexNo) : `/items/${b.id}`)}
      />,
    );
  }

  const organOfCode = async (code: string) => {
    const organ = await d.organs.byCode(code);
    if (!organ) throw notFound('机关不存在。');
    return organ;
  };

  app.get('/guide', async (req, reply) => {
    const organ = await d.organs.portalOrgan();
    if (!organ) return sendPage(reply, <NoOrganPage ctx={await d.viewCtx(req, reply)} />);
    return guidePage(req, reply, organ);
  });
  app.get('/organs/:code/guide', async (req, reply) =>
    guidePage(req, reply, await organOfCode((req.params as { code: string }).code)),
  );
  app.get('/catalogue', async (req, reply) => {
    const organ = await d.organs.portalOrgan();
    if (!organ) return sendPage(reply, <NoOrganPage ctx={await d.viewCtx(req, reply)} />);
    return cataloguePage(req, reply, organ, '/catalogue');
  });
  app.get('/organs/:code/catalogue', async (req, reply) => {
    const organ = await organOfCode((req.params as { code: string }).code);
    return cataloguePage(req, reply, organ, `/organs/${encodeURIComponent(organ.code)}/catalogue`);
  });

  // the guide is generated (above); the other sections show their column
  for (const section of SECTIONS.filter((s) => s.key !== 'guide')) {
    app.get(section.href, async (req, reply) => {
      const page = pageOf(req.query);
      if (page === undefined) throw notFound('没有这一页。');
      const ctx = await d.viewCtx(req, reply);
      const organ = await d.organs.portalOrgan();
      if (!organ) return sendPage(reply, <NoOrganPage ctx={ctx} />);
      const column = section.columnCode ? await cat.columnByCode(organ.id, section.columnCode) : undefined;
      if (!column) {
        if (page !== 1) throw notFound('没有这一页。');
        return sendPage(reply, <SectionPage ctx={ctx} organ={organ} section={section} />);
      }
      return columnPage(reply, ctx, organ, { column, path: [] }, page, req.query, section);
    });
  }

  app.get('/columns/:id', async (req, reply) => {
    const { id } = req.params as { id: string };
    const page = pageOf(req.query);
    const found = /^[1-9]\d{0,15}$/.test(id) && page !== undefined ? await cat.column(Number(id)) : undefined;
    const organ = found ? await d.organs.byId(found.column.organId) : undefined;
    if (!found || !organ || page === undefined) throw notFound('栏目不存在。');
    return columnPage(reply, await d.viewCtx(req, reply), organ, found, page, req.query);
  });

  /** The item page, at `/items/:id` and at its permanent URL; `?print=1` gives the print view. */
  async function itemPage(req: FastifyRequest, reply: FastifyReply, found: FoundItem, organ: OrganRow) {
    const { item, view: v } = found;
    const places = await placesOf(organ, v);
    const crumbs: Crumb[] = [
      { label: m.nav.home, href: places.homeHref },
      ...item.columnPath.map((c) => ({ label: c.name, href: places.columnHref(c) })),
    ];
    const ctx = await d.viewCtx(req, reply);
    // read with the item (one statement); shown for a published or superseded edition only
    const attachments = attachmentsShown({ state: item.state, published_on: item.publishedOn })
      ? found.attachments.map((a) => ({ id: a.id, name: a.original_name, mediaType: a.media_type, size: a.size }))
      : [];
    const path = item.indexNo ? permanentHref(organ.code, item.indexNo) : `/items/${item.id}`;
    const permanent = { path, absolute: `${originOf(req)}${path}` };
    const print = (req.query as Record<string, unknown> | undefined)?.print === '1';
    if (print && item.state !== 'withdrawn') {
      return sendPage(
        reply,
        <PrintPage
          ctx={ctx}
          organName={organ.name}
          item={item}
          canonical={permanent.absolute}
          backHref={path}
          meta={<MetadataTable item={item} />}
        />,
      );
    }
    const page = (bodySlot?: string) => (
      <ItemPage
        ctx={ctx}
        organName={organ.name}
        current={places.navOf(item.columnPath[0])}
        crumbs={crumbs}
        item={item}
        attachments={attachments}
        related={item.related}
        permanent={permanent}
        printHref={`${path}?print=1`}
        {...(bodySlot ? { bodySlot } : {})}
      />
    );
    // the body goes out as the bytes it is stored as; 繁體 pages are converted as text (app.ts)
    return item.bodyBytes && req.script !== 'hant'
      ? sendPageWith(reply, page(BODY_SLOT), item.bodyBytes)
      : sendPage(reply, page());
  }

  app.get('/items/:id', async (req, reply) => {
    const { id } = req.params as { id: string };
    const found = /^[1-9]\d{0,15}$/.test(id) ? await cat.itemWithView({ id: Number(id) }) : undefined;
    const organ = found ? await organIn(found.view, found.item.organId) : undefined;
    if (!found || !organ) throw notFound('信息不存在。');
    return itemPage(req, reply, found, organ);
  });

  /** The canonical permanent URL `/{organ code}/xxgk/{index number}`: the edition the number was
   * given to (a superseded one says so and points to the current one). */
  app.get('/:organ/xxgk/:code/:serial', async (req, reply) => {
    const p = req.params as { organ: string; code: string; serial: string };
    const found = await cat.itemWithView({ indexNo: `${p.code}/${p.serial}` });
    const organ = found ? await organIn(found.view, found.item.organId) : undefined;
    const item = found?.item;
    if (!found || !item?.indexNo || !organ) throw notFound('索引号不存在。');
    if (organ.code !== p.organ) {
      reply.header('cache-control', `public, max-age=${INDEX_REDIRECT_MAX_AGE}`);
      return reply.redirect(permanentHref(organ.code, item.indexNo), 301);
    }
    return itemPage(req, reply, found, organ);
  });

  // The earlier form of permanent URL, `/index/{index number}`: 301 to the permanent URL of the
  // current edition.
  const byIndex = async (indexNo: string, reply: FastifyReply) => {
    const r = await cat.resolveIndexNo(indexNo);
    const current = r ? await cat.item(r.currentId) : undefined;
    const organ = current ? await d.organs.byId(current.organId) : undefined;
    if (!r || !current || !organ) throw notFound('索引号不存在。');
    reply.header('cache-control', `public, max-age=${INDEX_REDIRECT_MAX_AGE}`);
    return reply.redirect(current.indexNo ? permanentHref(organ.code, current.indexNo) : `/items/${current.id}`, 301);
  };
  app.get('/index/:code/:serial', async (req, reply) => {
    const { code, serial } = req.params as { code: string; serial: string };
    return byIndex(`${code}/${serial}`, reply);
  });
  app.get('/index/:indexNo', async (req, reply) => byIndex((req.params as { indexNo: string }).indexNo, reply));

  // ── feeds, sitemap, robots ─────────────────────────────────────────────────────────────────

  app.get('/columns/:id/feed.xml', async (req, reply) => {
    const { id } = req.params as { id: string };
    const found = /^[1-9]\d{0,15}$/.test(id) ? await cat.column(Number(id)) : undefined;
    const organ = found ? await d.organs.byId(found.column.organId) : undefined;
    if (!found || !organ) throw notFound('栏目不存在。');
    const { column } = found;
    const [list, places] = await Promise.all([cat.list(column, 1, FEED_SIZE), placesOf(organ)]);
    const origin = originOf(req);
    const link = (b: PublicBrief) => `${origin}${b.indexNo ? permanentHref(organ.code, b.indexNo) : `/items/${b.id}`}`;
    const xml = rss({
      title: `${column.name} - ${organ.name}`,
      link: `${origin}${places.columnHref(column)}`,
      self: `${origin}${feedHref(column.id)}`,
      description: column.description ?? `${organ.name}「${column.name}」栏目发布的政府信息。`,
      updatedAt: list.items[0]?.publishedAt ?? d.clock.now().toISOString(),
      items: list.items.map((b) => ({ title: b.title, link: link(b), publishedAt: b.publishedAt, description: b.summary })),
    });
    reply.header('cache-control', `public, max-age=${FEED_MAX_AGE}`);
    return reply.type('application/rss+xml; charset=utf-8').send(xml);
  });

  app.get('/sitemap.xml', async (req, reply) => {
    const origin = originOf(req);
    const organs = await d.organs.all();
    const portal = await d.organs.portalOrgan();
    const codes = new Map(organs.map((o) => [o.id, o.code]));
    const urls: Array<{ loc: string; lastmod?: string | null }> = [{ loc: `${origin}/` }];
    if (portal) urls.push(...GUIDE_AND_CATALOGUE.map((h) => ({ loc: `${origin}${h}` })));
    for (const o of organs) {
      const places = await placesOf(o);
      if (o.id !== portal?.id) urls.push({ loc: `${origin}${places.homeHref}` });
      const walk = (cs: PublicColumn[]) => {
        for (const c of cs) {
          urls.push({ loc: `${origin}${places.columnHref(c)}` });
          walk(c.children);
        }
      };
      walk(await cat.columnTree(o.id));
    }
    for (let after = 0; urls.length < SITEMAP_MAX; ) {
      const batch = await cat.allPublished(after, 5000);
      if (!batch.length) break;
      for (const p of batch) {
        const code = codes.get(p.organ_id);
        const path = p.index_no && code ? permanentHref(code, p.index_no) : `/items/${p.id}`;
        if (urls.length < SITEMAP_MAX) urls.push({ loc: `${origin}${path}`, lastmod: p.published_at });
      }
      after = batch[batch.length - 1]?.id ?? after;
    }
    const seen = new Set<string>();
    const unique = urls.filter((u) => !seen.has(u.loc) && Boolean(seen.add(u.loc)));
    reply.header('cache-control', `public, max-age=${FEED_MAX_AGE}`);
    return reply.type('application/xml; charset=utf-8').send(sitemap(unique));
  });

  app.get('/robots.txt', async (req, reply) => {
    reply.header('cache-control', `public, max-age=${FEED_MAX_AGE}`);
    return reply.type('text/plain; charset=utf-8').send(robots(originOf(req)));
  });
}
