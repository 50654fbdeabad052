// The public portal: the home page, the standard sections, column and item pages, and the
// permanent URL of an index number. Public pages read no session and set no cookie (cacheable).
//
// Index numbers contain a slash (`{organ code}/{YYYY}-{NNNNN}`). Their permanent URL keeps it as
// a path separator, `/index/11450000MB1234567X/2026-00001`, which is what the site links to;
// the same number with the slash encoded, `/index/11450000MB1234567X%2F2026-00001`, is accepted
// too. Both answer 301 to `/items/:id` of the current edition.
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { RouteDeps } from '../../app.js';
import { notFound } from '../../platform/http/errors.js';
import { sendPage } from '../../platform/http/render.js';
import { m } from '../../ui/messages.js';
import type { ViewCtx } from '../../ui/view.js';
import type { OrganRow } from '../organs/organs.service.js';
import type { PublicColumn } from '../publications/publications.public.js';
import { ColumnPage, type Crumb } from './views/catalogue.js';
import { ItemPage } from './views/item.js';
import { type HomeColumn, NoOrganPage, PortalHome, SECTIONS, type Section, SectionPage } from './views/portal.js';

const HOME_LATEST = 5;
/** A redirect of a permanent URL may be kept this long: the current edition can change. */
const INDEX_REDIRECT_MAX_AGE = 300;

/** `?page=` as a positive integer; undefined when it is not one. */
function pageOf(query: unknown): number | undefined {
  const raw = (query as Record<string, unknown> | undefined)?.page;
  if (raw === undefined || raw === '') return 1;
  return typeof raw === 'string' && /^[1-9]\d{0,5}$/.test(raw) ? Number(raw) : undefined;
}

const sectionOfCode = (code: string) => SECTIONS.find((s) => s.columnCode === code);

export function portalRoutes(app: FastifyInstance, d: RouteDeps): void {
  const cat = d.publicCatalogue;

  /** Where an organ's pages live: the portal organ's sections at the root, the rest by id. */
  async function placesOf(organ: OrganRow) {
    const portal = await d.organs.portalOrgan();
    const isPortal = portal?.id === organ.id;
    const homeHref = isPortal ? '/' : `/organs/${encodeURIComponent(organ.code)}`;
    const columnHref = (c: Pick<PublicColumn, 'id' | 'code' | 'parentId'>) => {
      const s = isPortal && c.parentId === null ? sectionOfCode(c.code) : undefined;
      return s ? s.href : `/columns/${c.id}`;
    };
    /** The main navigation entry of a column: its standard section, for the portal organ. */
    const navOf = (root: { code: string } | undefined) => (isPortal && root ? (sectionOfCode(root.code)?.href ?? '') : '');
    return { homeHref, columnHref, navOf };
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
      if (c) return card(c, s.title, m.sections[s.key]);
      return { href: s.href, title: s.title, hint: m.sections[s.key], latest: [], more: false };
    };
    return {
      units: units.map((u) => u.name),
      subordinates: subs.map((o) => ({ code: o.code, name: o.name })),
      standard: SECTIONS.filter((s) => s.standard).map(sectionCard),
      services: SECTIONS.filter((s) => !s.standard).map(sectionCard),
      others: tree.filter((c) => !shownCodes.has(c.code) && c.count > 0).map((c) => card(c)),
    };
  }

  async function columnPage(
    reply: FastifyReply,
    ctx: ViewCtx,
    organ: OrganRow,
    found: { column: PublicColumn; path: PublicColumn[] },
    page: number,
    section?: Section,
  ) {
    const { column, path } = found;
    const list = await cat.list(column, page);
    if (page > list.pages) throw notFound('没有这一页。');
    const places = await placesOf(organ);
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
        pageHref={(n) => (n === 1 ? self : `${self}?page=${n}`)}
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

  for (const section of SECTIONS) {
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
      return columnPage(reply, ctx, organ, { column, path: [] }, page, section);
    });
  }

  app.get('/columns/:id', async (req, reply) => {
    const { id } = req.params as { id: string };
    const page = pageOf(req.query);
    const found = /^[1-9]\d{0,15}$/.test(id) && page !== undefined ? await cat.column(Number(id)) : undefined;
    const organ = found ? await d.organs.byId(found.column.organId) : undefined;
    if (!found || !organ || page === undefined) throw notFound('栏目不存在。');
    return columnPage(reply, await d.viewCtx(req, reply), organ, found, page);
  });

  app.get('/items/:id', async (req, reply) => {
    const { id } = req.params as { id: string };
    const item = /^[1-9]\d{0,15}$/.test(id) ? await cat.item(Number(id)) : undefined;
    const organ = item ? await d.organs.byId(item.organId) : undefined;
    if (!item || !organ) throw notFound('信息不存在。');
    const places = await placesOf(organ);
    const crumbs: Crumb[] = [
      { label: m.nav.home, href: places.homeHref },
      ...item.columnPath.map((c) => ({ label: c.name, href: places.columnHref(c) })),
    ];
    const ctx = await d.viewCtx(req, reply);
    const attachments = (await d.attachments.publicList(item.id)).map((a) => ({
      id: a.id,
      name: a.original_name,
      mediaType: a.media_type,
      size: a.size,
    }));
    return sendPage(
      reply,
      <ItemPage
        ctx={ctx}
        organName={organ.name}
        current={places.navOf(item.columnPath[0])}
        crumbs={crumbs}
        item={item}
        attachments={attachments}
      />,
    );
  });

  const byIndex = async (indexNo: string, reply: FastifyReply) => {
    const r = await cat.resolveIndexNo(indexNo);
    if (!r) throw notFound('索引号不存在。');
    reply.header('cache-control', `public, max-age=${INDEX_REDIRECT_MAX_AGE}`);
    return reply.redirect(`/items/${r.currentId}`, 301);
  };
  app.get('/index/:code/:serial', async (req, reply) => {
    const { code, serial } = req.params as { code: string; serial: string };
    return byIndex(`${code}/${serial}`, reply);
  });
  app.get('/index/:indexNo', async (req, reply) => byIndex((req.params as { indexNo: string }).indexNo, reply));
}
