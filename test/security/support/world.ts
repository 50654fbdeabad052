// The security suite's world: the real application on a fresh database with the demo loaded (organ
// A, one member of staff per role), a second top-level organ B with one member of staff per role,
// real records of A (a draft with an attachment, a request with a letter and a file, an appeal, an
// API token, an outbox message), a signed-in agent and an API token for everyone, and the route
// table as Fastify registered it.
import { randomBytes } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { Readable } from 'node:stream';
import type { RouteOptions } from 'fastify';
import { buildApp, type Services } from '../../../src/app.js';
import { DEMO_ORGAN_CODE, DEMO_PASSWORD, DEMO_USERS, seedDemo } from '../../../src/modules/demo/demo.seed.js';
import { ROLES, type Role } from '../../../src/modules/staff/staff.roles.js';
import { ManualClock } from '../../../src/platform/clock.js';
import { actorCtx, type Ctx, systemCtx } from '../../../src/platform/context.js';
import type { LogSink } from '../../../src/platform/logging.js';
import { enqueue } from '../../../src/platform/outbox/outbox.js';
import { application } from '../../modules/requests.fixtures.js';
import { Agent, TEST_PASSWORD, type TestApp, testConfig, userWithRoles } from '../../support/app.js';
import { testDb } from '../../support/db.js';

export const NOW = '2026-03-02T02:00:00.000Z';
export type Side = 'own' | 'other';

/** A registered route: method and URL pattern as Fastify has them. */
export interface Route {
  method: string;
  url: string;
}
export const routeKey = (r: Route) => `${r.method} ${r.url}`;

export interface World extends TestApp {
  routes: Route[];
  organA: { id: number; code: string };
  organB: { id: number; code: string };
  /** Signed-in agents by side and role (A's are the demo's staff). */
  agents: Record<Side, Record<Role, Agent>>;
  /** API bearer tokens by side and role. */
  tokens: Record<Side, Record<Role, string>>;
  /** The value of each path parameter, for a route, pointing at organ A's records. */
  params: Record<string, string>;
  /** Texts that only appear on pages showing A's records (to prove B's staff never see them). */
  secrets: string[];
  /** The private tracking token of a request of A submitted on the public form. */
  trackToken: string;
  /** Makes a new record for a parameter whose record an allowed request removes (by name). */
  fresh: Record<string, () => Promise<string>>;
}

/** Builds the world. `routes` is filled in as the app registers them; `log` gets the app's log lines (at trace). */
export async function buildWorld(opts: { log?: LogSink } = {}): Promise<World> {
  const db = await testDb();
  const clock = new ManualClock(NOW);
  const config = testConfig({
    uploadDir: testConfig().uploadDir.replace('uploads', `security-${randomBytes(3).toString('hex')}`),
  });
  const routes: Route[] = [];
  const { app, services } = await buildApp(
    { db: db.db, dialect: db.dialect, clock, config },
    {
      ...(opts.log ? { logger: { level: 'trace', stream: opts.log } } : {}),
      onRoute: (r: RouteOptions) => {
        for (const m of [r.method].flat()) if (m !== 'HEAD') routes.push({ method: m, url: r.url });
      },
    },
  );
  await app.ready();
  await seedDemo(services);
  const s = services;
  const organA = (await s.organs.byCode(DEMO_ORGAN_CODE)) as { id: number; code: string };
  const sys = systemCtx('test');
  const b = await s.organs.create(sys, { code: 'otherorg', name: '另一个机关', kind: 'department' });
  await s.organs.addUnit(sys, b.id, { name: '办公室', kind: 'office' });
  await s.publications.ensureStandardColumns(sys, b.id);

  const ctxOf = async (username: string): Promise<Ctx> => {
    const id = (await s.staff.idOf(username)) as number;
    return actorCtx((await s.auth.actorFor(id)) as never, null, null);
  };
  const clerk = await ctxOf('clerk');
  const records = await recordsOfA({ s, db: db.db, clock }, organA.id, clerk);
  // the user whose record the user-management routes act on (not one of the signed-in agents)
  const target = await userWithRoles(s, organA.id, 'a-target', ['office_staff']);

  let freshDays = 0;
  const agents = { own: {}, other: {} } as World['agents'];
  const tokens = { own: {}, other: {} } as World['tokens'];
  for (const role of ROLES) {
    const own = DEMO_USERS.find((u) => u.roles.includes(role))?.username as string;
    await userWithRoles(s, b.id, `b-${role}`, [role]);
    for (const [side, username, password] of [
      ['own', own, DEMO_PASSWORD],
      ['other', `b-${role}`, TEST_PASSWORD],
    ] as const) {
      const agent = new Agent(app);
      await agent.login(username, password);
      agents[side][role] = agent;
      tokens[side][role] = (await s.tokens.create(await ctxOf(username), { name: '安全测试', days: '30' })).token;
    }
  }

  return {
    app,
    services,
    db,
    clock,
    config,
    routes,
    organA,
    organB: { id: b.id, code: b.code },
    agents,
    tokens,
    params: { ...records.params, code: organA.code, organ: organA.code, user: String(target.id) },
    secrets: records.secrets,
    trackToken: records.trackToken,
    fresh: {
      aid: async () =>
        String(
          (
            await s.attachments.upload(clerk, Number(records.params.draft), {
              filename: '可删除的附件.txt',
              stream: Readable.from([Buffer.from('附件')]),
            })
          ).id,
        ),
      date: async () => {
        const admin = await ctxOf('admin');
        const date = `2026-05-${String(10 + (freshDays++ % 18)).padStart(2, '0')}`;
        await s.calendar.setOverride(admin, { date, working: '1', notice: '安全测试', note: '' });
        return date;
      },
    },
    async close() {
      await app.close();
      await db.destroy();
      rmSync(config.uploadDir, { recursive: true, force: true });
    },
  };
}

async function recordsOfA(w: { s: Services; db: TestApp['db']['db']; clock: ManualClock }, organId: number, clerk: Ctx) {
  const { s, db, clock } = w;
  const column = await db
    .selectFrom('catalogue_columns')
    .select('id')
    .where('organ_id', '=', organId)
    .orderBy('id')
    .executeTakeFirstOrThrow();
  const draft = await s.publications.createDraft(clerk, {
    columnId: String(column.id),
    title: '安全测试草稿甲乙丙',
    summary: '',
    createdOn: '2026-02-20',
    docNumber: '',
    theme: '综合政务\\政务公开',
    genre: 'notice',
    keywords: '',
    bodyHtml: '<p>草稿正文。</p>',
  });
  const attachment = await s.attachments.upload(clerk, draft.id, {
    filename: '安全测试附件.txt',
    stream: Readable.from([Buffer.from('附件正文')]),
  });
  const appeal = await s.appeals.create(clerk, organId, {
    reference: '桂建复〔2025〕99号',
    kind: 'reconsideration',
    filedOn: '2025-04-01',
  });
  const token = await s.tokens.create(clerk, { name: '被吊销的令牌', days: '30' });
  const check = await s.reportChecker.run(clerk, {
    organId,
    report: {
      fileName: '安全测试年报.html',
      bytes: readFileSync(new URL('../../fixtures/reports/consistent-2022.html', import.meta.url)),
    },
  });
  const submitted = await s.requests.submitOnline(
    organId,
    application({ applicantName: '保密申请人', idNumber: '450103197001011238' }),
    { ip: null, requestId: null },
  );
  // a demo case approved and being answered: a reply letter issued and a released file
  const answering = await db
    .selectFrom('requests')
    .select(['id', 'reference'])
    .where('organ_id', '=', organId)
    .where('state', '=', 'approved')
    .orderBy('id')
    .executeTakeFirstOrThrow();
  const letter = await s.caseLetters.issue(clerk, Number(answering.id), { kind: 'reply', letterNumber: '安测复〔2026〕1号' });
  const file = await s.requestFiles.upload(clerk, Number(answering.id), {
    filename: '安全测试文件.txt',
    stream: Readable.from([Buffer.from('文件正文')]),
  });
  const item = await db
    .selectFrom('publications')
    .select(['id', 'index_no'])
    .where('organ_id', '=', organId)
    .where('state', '=', 'published')
    .where('index_no', 'is not', null)
    .orderBy('id')
    .executeTakeFirstOrThrow();
  const unit = await db.selectFrom('units').select('id').where('organ_id', '=', organId).orderBy('id').executeTakeFirstOrThrow();
  // a message of A's (only A's administrators see it; its key is a text only A's pages may show)
  const outboxId = await enqueue(db, {
    topic: 'test.security',
    payload: { x: 1 },
    key: '安全测试消息甲乙丙',
    at: clock.now(),
    organId,
  });
  return {
    params: {
      draft: String(draft.id),
      attachment: String(attachment.id),
      attachmentName: attachment.original_name,
      appeal: String(appeal.id),
      check: String(check),
      token: String(token.row.id),
      request: String(answering.id),
      reference: answering.reference,
      file: String(file.id),
      letter: String(letter.id),
      outbox: String(outboxId),
      item: String(item.id),
      indexNo: String(item.index_no),
      column: String(column.id),
      unit: String(unit.id),
    },
    secrets: ['安全测试草稿甲乙丙', '保密申请人', answering.reference, submitted.row.reference, '安全测试消息甲乙丙'],
    trackToken: submitted.token,
  };
}
