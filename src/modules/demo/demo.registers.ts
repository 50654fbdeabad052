// The demo organ's 2017 registers as records (seed 三(二)–(三)): the channels its items went out on
// (810 on the website, 440 of them on the WeChat official account, 612 items to the main media),
// the 58 deliveries to reading venues, and the two December press conferences. Written in one
// transaction, once: a second run finds the 2017 deliveries and does nothing.
import { recordAudit } from '../../platform/audit/audit.js';
import { systemCtx } from '../../platform/context.js';
import { inTransaction } from '../../platform/db/transaction.js';
import type { Deps } from '../../platform/deps.js';
import type { DemoRegisters2017 } from './demo.2017.js';

const ROWS_PER_INSERT = 200;
const VENUE_CODES = { 政务服务中心: 'service_centre', 档案馆: 'archives', 公共图书馆: 'library' } as const;
const NOTE = '演示数据';

export async function seedDemoRegisters(deps: Deps, organId: number, reg: DemoRegisters2017): Promise<boolean> {
  const { db } = deps;
  const done = await db
    .selectFrom('venue_deliveries')
    .select('id')
    .where('organ_id', '=', organId)
    .where('delivered_on', '>=', '2017-01-01')
    .where('delivered_on', '<=', '2017-12-31')
    .limit(1)
    .executeTakeFirst();
  if (done) return false;
  const ids = [...new Set([...reg.websiteIds, ...reg.wechatIds, ...reg.mediaIds])];
  const pubs = new Map<number, { published_at: string | null; published_on: string | null; title: string }>();
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await db
      .selectFrom('publications')
      .select(['id', 'published_at', 'published_on', 'title'])
      .where('id', 'in', ids.slice(i, i + 500))
      .execute();
    for (const r of rows) pubs.set(Number(r.id), r);
  }
  const at = deps.clock.now();
  const now = at.toISOString();
  await inTransaction(db, async (tx) => {
    const channelRows = [
      ...reg.websiteIds.map((id) => ({ id, channel: 'website' as const })),
      ...reg.wechatIds.map((id) => ({ id, channel: 'wechat' as const })),
      ...reg.mediaIds.map((id) => ({ id, channel: 'media' as const })),
    ].map(({ id, channel }) => {
      const p = pubs.get(id);
      return {
        publication_id: id,
        organ_id: organId,
        channel,
        state: 'sent' as const,
        sent_at: p?.published_at ?? null,
        sent_on: p?.published_on ?? null,
        external_id: null,
        note: NOTE,
        detail: null,
        created_at: now,
        updated_at: now,
        recorded_by: null,
      };
    });
    for (let i = 0; i < channelRows.length; i += ROWS_PER_INSERT) {
      await tx
        .insertInto('publication_channels')
        .values(channelRows.slice(i, i + ROWS_PER_INSERT))
        .execute();
    }
    for (const v of reg.venueDeliveries) {
      await tx
        .insertInto('venue_deliveries')
        .values({
          organ_id: organId,
          delivered_on: v.date,
          venue: VENUE_CODES[v.venue],
          venue_name: null,
          items: JSON.stringify([v.title]),
          publication_ids: JSON.stringify([{ id: v.publicationId, title: v.title }]),
          copies: v.copies,
          note: NOTE,
          created_at: now,
          created_by: null,
        })
        .execute();
    }
    for (const c of reg.pressConferences) {
      await tx
        .insertInto('press_conferences')
        .values({
          organ_id: organId,
          held_on: c.date,
          topic: c.topic,
          speakers: c.speakers.join('、'),
          organiser: c.organiser,
          transcript_publication_id: c.transcriptPublicationId,
          note: c.dateExact ? c.note : `${c.note}（日期为演示所设）`,
          created_at: now,
          created_by: null,
        })
        .execute();
    }
    await recordAudit(tx, deps, systemCtx('seed:demo').audit, at, {
      action: 'demo.registers',
      subjectType: 'organ',
      subjectId: organId,
      organId,
      after: {
        website: reg.websiteIds.length,
        wechat: reg.wechatIds.length,
        media: reg.mediaIds.length,
        deliveries: reg.venueDeliveries.length,
        pressConferences: reg.pressConferences.length,
      },
    });
  });
  return true;
}
