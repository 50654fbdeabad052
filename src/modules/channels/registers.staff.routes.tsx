// /staff/registers: 送交登记 and 新闻发布会登记 of the signed-in member's organ, by year.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { RouteDeps } from '../../app.js';
import { chinaDate } from '../../platform/clock.js';
import { seeOther, sendPage } from '../../platform/http/render.js';
import { requireStaff, staffCtx } from '../auth/auth.http.js';
import { actorOf, bodyOf, isAppError, staffNavFor, text } from '../backoffice/backoffice.http.js';
import { channelsPolicy } from './channels.policy.js';
import { VENUE_LABELS, VENUES } from './channels.schemas.js';
import {
  CONFERENCES_HREF,
  ConferencesPage,
  DELIVERIES_HREF,
  DeliveriesPage,
  REGISTERS_HREF,
  type RegisterForm,
  RegistersIndexPage,
} from './views/registers.js';

const DELIVERY_FIELDS = ['deliveredOn', 'venue', 'venueName', 'items', 'publicationIds', 'copies', 'note'];
const CONFERENCE_FIELDS = ['heldOn', 'topic', 'speakers', 'organiser', 'transcriptId', 'note'];

const typed = (body: unknown, keys: readonly string[]) =>
  Object.fromEntries(keys.map((k) => [k, text((body as Record<string, unknown>)?.[k])]));

export function registerRoutes(app: FastifyInstance, d: RouteDeps): void {
  const pre = { preHandler: requireStaff };
  const thisYear = () => Number(chinaDate(d.clock.now()).slice(0, 4));
  const yearOf = (req: FastifyRequest): number => {
    const y = (req.query as { year?: string } | undefined)?.year ?? '';
    return /^\d{4}$/.test(y) && Number(y) >= 1990 && Number(y) <= 2200 ? Number(y) : thisYear();
  };
  const nav = (req: FastifyRequest) => staffNavFor(req.staff?.actor.roles ?? []);
  const canWrite = (req: FastifyRequest) =>
    channelsPolicy.can(req.staff?.actor, 'register.write', { organId: actorOf(req).organId });

  app.get(REGISTERS_HREF, pre, async (req, reply) => {
    const ctx = staffCtx(req);
    const organId = actorOf(req).organId;
    const year = yearOf(req);
    const [deliveries, conferences] = await Promise.all([
      d.registers.deliveryCounts(ctx, organId, year),
      d.registers.conferenceCount(ctx, organId, year),
    ]);
    return sendPage(
      reply,
      <RegistersIndexPage
        ctx={await d.viewCtx(req, reply)}
        nav={nav(req)}
        year={year}
        deliveries={deliveries}
        conferences={conferences}
      />,
    );
  });

  async function deliveriesPage(req: FastifyRequest, reply: FastifyReply, year: number, status = 200, form?: RegisterForm) {
    const ctx = staffCtx(req);
    const organId = actorOf(req).organId;
    const [rows, counts] = await Promise.all([
      d.registers.deliveries(ctx, organId, year),
      d.registers.deliveryCounts(ctx, organId, year),
    ]);
    return sendPage(
      reply,
      <DeliveriesPage
        ctx={await d.viewCtx(req, reply)}
        nav={nav(req)}
        year={year}
        canWrite={canWrite(req)}
        form={form ?? { values: { deliveredOn: chinaDate(d.clock.now()), copies: '1' }, errors: {} }}
        rows={rows.map((r) => ({
          id: r.id,
          deliveredOn: r.delivered_on,
          venue: VENUE_LABELS[r.venue],
          venueName: r.venue_name,
          items: r.items,
          publications: r.publications,
          copies: r.copies,
          note: r.note,
        }))}
        counts={{
          deliveries: counts.deliveries,
          copies: counts.copies,
          byVenue: VENUES.filter((v) => counts.byVenue[v] > 0).map((v) => [VENUE_LABELS[v], counts.byVenue[v]] as const),
        }}
        venues={VENUES.map((v) => [v, VENUE_LABELS[v]] as const)}
      />,
      status,
    );
  }

  app.get(DELIVERIES_HREF, pre, async (req, reply) => deliveriesPage(req, reply, yearOf(req)));

  app.post(DELIVERIES_HREF, pre, async (req, reply) => {
    const b = bodyOf(req);
    try {
      await d.registers.addDelivery(staffCtx(req), actorOf(req).organId, b);
      const year = /^\d{4}/.exec(text(b.deliveredOn).trim())?.[0] ?? String(thisYear());
      return seeOther(reply, `${DELIVERIES_HREF}?year=${year}&ok=saved`);
    } catch (err) {
      if (!isAppError(err, 'validation')) throw err;
      return deliveriesPage(req, reply, thisYear(), 422, {
        values: typed(b, DELIVERY_FIELDS),
        errors: err.fields,
        message: err.message,
      });
    }
  });

  async function conferencesPage(req: FastifyRequest, reply: FastifyReply, year: number, status = 200, form?: RegisterForm) {
    const ctx = staffCtx(req);
    const rows = await d.registers.conferences(ctx, actorOf(req).organId, year);
    const titles = await d.registers.titlesOf(
      ctx,
      rows.flatMap((r) => (r.transcript_publication_id === null ? [] : [r.transcript_publication_id])),
    );
    return sendPage(
      reply,
      <ConferencesPage
        ctx={await d.viewCtx(req, reply)}
        nav={nav(req)}
        year={year}
        canWrite={canWrite(req)}
        form={form ?? { values: { heldOn: chinaDate(d.clock.now()) }, errors: {} }}
        rows={rows.map((r) => ({
          id: r.id,
          heldOn: r.held_on,
          topic: r.topic,
          speakers: r.speakers,
          organiser: r.organiser,
          transcript:
            r.transcript_publication_id === null
              ? null
              : { id: r.transcript_publication_id, title: titles.get(r.transcript_publication_id) ?? null },
          note: r.note,
        }))}
      />,
      status,
    );
  }

  app.get(CONFERENCES_HREF, pre, async (req, reply) => conferencesPage(req, reply, yearOf(req)));

  app.post(CONFERENCES_HREF, pre, async (req, reply) => {
    const b = bodyOf(req);
    try {
      await d.registers.addConference(staffCtx(req), actorOf(req).organId, b);
      const year = /^\d{4}/.exec(text(b.heldOn).trim())?.[0] ?? String(thisYear());
      return seeOther(reply, `${CONFERENCES_HREF}?year=${year}&ok=saved`);
    } catch (err) {
      if (!isAppError(err, 'validation')) throw err;
      return conferencesPage(req, reply, thisYear(), 422, {
        values: typed(b, CONFERENCE_FIELDS),
        errors: err.fields,
        message: err.message,
      });
    }
  });
}
