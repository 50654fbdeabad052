// Registers of the organ's other disclosure channels (seed 三(二)): documents delivered to reading
// venues (政务服务中心, 档案馆, 公共图书馆) and press conferences (新闻发布会), with the counts
// per year the annual report reads.
import { recordAudit } from '../../platform/audit/audit.js';
import { chinaDate } from '../../platform/clock.js';
import { authorize, type Ctx } from '../../platform/context.js';
import { inTransaction } from '../../platform/db/transaction.js';
import type { Deps } from '../../platform/deps.js';
import { AppError, invalid } from '../../platform/http/errors.js';
import { parse } from '../../platform/validation.js';
import type { PublicationService } from '../publications/publications.service.js';
import { channelsPolicy } from './channels.policy.js';
import { ConferenceInput, DeliveryInput, VENUES, type Venue } from './channels.schemas.js';
import { type ConferenceRow, type DeliveryRow, registersRepo as repo } from './registers.repository.js';

const CHECK = '请检查标出的项目。';

export function createRegisterService(deps: Deps, ext: { publications: PublicationService }) {
  const { db, clock } = deps;
  const userId = (ctx: Ctx) => (ctx.actor === 'system' ? null : ctx.actor.userId);
  const today = () => chinaDate(clock.now());

  /** A publication of the organ the reader may see, or the field error saying why not. */
  async function ownPublication(ctx: Ctx, organId: number, id: number, field: string) {
    try {
      const p = (await ext.publications.get(ctx, id)).publication;
      if (p.organ_id === organId) return p;
    } catch (err) {
      if (!(err instanceof AppError) || (err.code !== 'not_found' && err.code !== 'forbidden')) throw err;
    }
    throw invalid(CHECK, { [field]: `本机关没有编号为 ${id} 的信息。` });
  }

  return {
    async deliveries(ctx: Ctx, organId: number, year: number): Promise<DeliveryRow[]> {
      authorize(channelsPolicy, ctx, 'register.read', { organId });
      return repo.deliveries(db, organId, year);
    },

    /** 送交: records one delivery of documents to a reading venue. */
    async addDelivery(ctx: Ctx, organId: number, input: unknown): Promise<number> {
      authorize(channelsPolicy, ctx, 'register.write', { organId });
      const v = parse(DeliveryInput, input);
      if (v.deliveredOn > today()) throw invalid(CHECK, { deliveredOn: '送交日期不能晚于今天。' });
      const publications: Array<{ id: number; title: string }> = [];
      for (const id of v.publicationIds) {
        const p = await ownPublication(ctx, organId, id, 'publicationIds');
        publications.push({ id: p.id, title: p.title });
      }
      const at = clock.now();
      return inTransaction(db, async (tx) => {
        const row = {
          organ_id: organId,
          delivered_on: v.deliveredOn,
          venue: v.venue,
          venue_name: v.venueName,
          items: v.items,
          publications,
          copies: v.copies,
          note: v.note,
          created_by: userId(ctx),
        };
        const id = await repo.addDelivery(tx, row, at.toISOString());
        await recordAudit(tx, deps, ctx.audit, at, {
          action: 'register.delivery',
          subjectType: 'venue_delivery',
          subjectId: id,
          organId,
          after: { ...row, created_by: undefined },
        });
        return id;
      });
    },

    async conferences(ctx: Ctx, organId: number, year: number): Promise<ConferenceRow[]> {
      authorize(channelsPolicy, ctx, 'register.read', { organId });
      return repo.conferences(db, organId, year);
    },

    /** 新闻发布会: records a press conference; its transcript is a publication of the organ. */
    async addConference(ctx: Ctx, organId: number, input: unknown): Promise<number> {
      authorize(channelsPolicy, ctx, 'register.write', { organId });
      const v = parse(ConferenceInput, input);
      if (v.heldOn > today()) throw invalid(CHECK, { heldOn: '召开日期不能晚于今天。' });
      if (v.transcriptId !== null) await ownPublication(ctx, organId, v.transcriptId, 'transcriptId');
      const at = clock.now();
      return inTransaction(db, async (tx) => {
        const row = {
          organ_id: organId,
          held_on: v.heldOn,
          topic: v.topic,
          speakers: v.speakers,
          organiser: v.organiser,
          transcript_publication_id: v.transcriptId,
          note: v.note,
          created_by: userId(ctx),
        };
        const id = await repo.addConference(tx, row, at.toISOString());
        await recordAudit(tx, deps, ctx.audit, at, {
          action: 'register.conference',
          subjectType: 'press_conference',
          subjectId: id,
          organId,
          after: { ...row, created_by: undefined },
        });
        return id;
      });
    },

    /** A year's deliveries (records and copies, in all and per venue) for the annual report. */
    async deliveryCounts(
      ctx: Ctx,
      organId: number,
      year: number,
    ): Promise<{ deliveries: number; copies: number; byVenue: Record<Venue, number> }> {
      authorize(channelsPolicy, ctx, 'register.read', { organId });
      const byVenue = Object.fromEntries(VENUES.map((v) => [v, 0])) as Record<Venue, number>;
      let deliveries = 0;
      let copies = 0;
      for (const r of await repo.deliveryCounts(db, organId, year)) {
        byVenue[r.venue] = r.n;
        deliveries += r.n;
        copies += r.copies;
      }
      return { deliveries, copies, byVenue };
    },

    async conferenceCount(ctx: Ctx, organId: number, year: number): Promise<number> {
      authorize(channelsPolicy, ctx, 'register.read', { organId });
      return repo.conferenceCount(db, organId, year);
    },

    /** Titles of the transcripts of conferences (publications the reader may see). */
    async titlesOf(ctx: Ctx, ids: number[]): Promise<Map<number, string>> {
      const out = new Map<number, string>();
      for (const id of new Set(ids)) {
        try {
          out.set(id, (await ext.publications.get(ctx, id)).publication.title);
        } catch (err) {
          if (!(err instanceof AppError)) throw err;
        }
      }
      return out;
    },
  };
}

export type RegisterService = ReturnType<typeof createRegisterService>;
