import type { FastifyInstance } from 'fastify';
import type { RouteDeps } from '../../app.js';
import { notFound } from '../../platform/http/errors.js';
import { sendPage } from '../../platform/http/render.js';
import type { OrganRow } from '../organs/organs.service.js';
import { NoOrganPage, PortalHome, SECTIONS, SectionPage } from './views/portal.js';

export function portalRoutes(app: FastifyInstance, d: RouteDeps): void {
  const home = async (organ: OrganRow) => {
    const [units, subs] = await Promise.all([d.organs.units(organ.id), d.organs.children(organ.id)]);
    return { units: units.map((u) => u.name), subordinates: subs.map((o) => ({ code: o.code, name: o.name })) };
  };

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
      const ctx = await d.viewCtx(req, reply);
      const organ = await d.organs.portalOrgan();
      if (!organ) return sendPage(reply, <NoOrganPage ctx={ctx} />);
      return sendPage(reply, <SectionPage ctx={ctx} organ={organ} section={section} />);
    });
  }
}
