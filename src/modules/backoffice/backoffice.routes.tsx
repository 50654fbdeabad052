import type { FastifyInstance } from 'fastify';
import type { RouteDeps } from '../../app.js';
import { sendPage } from '../../platform/http/render.js';
import { requireStaff } from '../auth/auth.http.js';
import { isRole, ROLE_LABELS } from '../staff/staff.roles.js';
import { ROLE_WORK, staffNav } from './backoffice.nav.js';
import { StaffHome } from './views/home.js';

export function backofficeRoutes(app: FastifyInstance, d: RouteDeps): void {
  app.get('/staff', { preHandler: requireStaff }, async (req, reply) => {
    const ctx = await d.viewCtx(req, reply);
    const roles = (req.staff?.actor.roles ?? []).filter(isRole);
    return sendPage(
      reply,
      <StaffHome
        ctx={ctx}
        nav={staffNav(roles)}
        roles={roles.map((r) => ({ label: ROLE_LABELS[r], work: ROLE_WORK[r] ?? '' }))}
      />,
    );
  });
}
