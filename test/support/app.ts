// buildTestApp(): the real application on a fresh database, an injected clock, and helpers to act
// as a member of staff (sign in, keep the cookie, send forms with the CSRF token).
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp, type Services } from '../../src/app.js';
import type { Config } from '../../src/config.js';
import { ManualClock } from '../../src/platform/clock.js';
import { systemCtx } from '../../src/platform/context.js';
import { type TestDb, testDb } from './db.js';

export const TEST_PASSWORD = 'Test#Password2026';

export function testConfig(overrides: Partial<Config> = {}): Config {
  return {
    databaseUrl: 'sqlite::memory:',
    port: 0,
    host: '127.0.0.1',
    secret: 'test-secret-test-secret-test-secret-0123456789',
    sessionIdleMinutes: 30,
    sessionMaxHours: 12,
    portalOrgan: undefined,
    trustProxy: false,
    loginRatePerMinute: 1000,
    secureCookies: false,
    logLevel: 'silent',
    // created on first upload, removed by close()
    uploadDir: join(tmpdir(), `gongkai-test-uploads-${randomBytes(6).toString('hex')}`),
    uploadMaxBytes: 20 * 1024 * 1024,
    chromiumPath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    ...overrides,
  };
}

export interface TestApp {
  app: FastifyInstance;
  services: Services;
  db: TestDb;
  clock: ManualClock;
  config: Config;
  close(): Promise<void>;
}

export async function buildTestApp(opts: { now?: string; config?: Partial<Config> } = {}): Promise<TestApp> {
  const db = await testDb();
  const clock = new ManualClock(opts.now ?? '2026-03-02T02:00:00.000Z');
  const config = testConfig(opts.config);
  const { app, services } = await buildApp({ db: db.db, dialect: db.dialect, clock, config });
  await app.ready();
  return {
    app,
    services,
    db,
    clock,
    config,
    async close() {
      await app.close();
      await db.destroy();
      rmSync(config.uploadDir, { recursive: true, force: true });
    },
  };
}

/** The cookies a response sets, as a Cookie header value merged over `jar`. */
export function mergeCookies(jar: Record<string, string>, res: LightMyRequestResponse): Record<string, string> {
  const out = { ...jar };
  for (const c of res.cookies) {
    if (c.value === '' || (c.expires && c.expires.getTime() < Date.now())) delete out[c.name];
    else out[c.name] = c.value;
  }
  return out;
}

export const cookieHeader = (jar: Record<string, string>) =>
  Object.entries(jar)
    .map(([k, v]) => `${k}=${v}`)
    .join('; ');

/** The value of the first `_csrf` hidden field in a page. */
export function csrfFrom(html: string): string {
  const m = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!m?.[1]) throw new Error('no CSRF token in page');
  return m[1];
}

/** A browser-like agent for app.inject: keeps cookies, reads CSRF tokens from pages. */
export class Agent {
  jar: Record<string, string> = {};
  constructor(readonly app: FastifyInstance) {}

  async get(url: string) {
    const res = await this.app.inject({ method: 'GET', url, headers: { cookie: cookieHeader(this.jar) } });
    this.jar = mergeCookies(this.jar, res);
    return res;
  }

  /** Loads `formPage`, then posts `fields` to `action` with the page's CSRF token. */
  async submit(formPage: string, action: string, fields: Record<string, string | string[]>) {
    const page = await this.get(formPage);
    return this.post(action, { _csrf: csrfFrom(page.body), ...fields });
  }

  async post(url: string, fields: Record<string, string | string[]>) {
    const body = new URLSearchParams();
    for (const [k, v] of Object.entries(fields)) {
      for (const item of Array.isArray(v) ? v : [v]) body.append(k, item);
    }
    const res = await this.app.inject({
      method: 'POST',
      url,
      headers: { cookie: cookieHeader(this.jar), 'content-type': 'application/x-www-form-urlencoded' },
      payload: body.toString(),
    });
    this.jar = mergeCookies(this.jar, res);
    return res;
  }

  async login(username: string, password = TEST_PASSWORD) {
    const res = await this.submit('/staff/login', '/staff/login', { username, password });
    if (res.statusCode !== 303) throw new Error(`login failed for ${username}: ${res.statusCode}`);
    return res;
  }
}

/** Factories: an organ with units, and users in given roles (named after what they are). */
export async function organWithUnits(s: Services, code = 'org1', parentCode?: string) {
  const ctx = systemCtx('test');
  const organ = await s.organs.create(ctx, {
    code,
    name: `测试机关${code}`,
    kind: parentCode ? 'affiliated' : 'department',
    ...(parentCode ? { parentCode } : {}),
  });
  const office = await s.organs.addUnit(ctx, organ.id, { name: '办公室', kind: 'office' });
  const business = await s.organs.addUnit(ctx, organ.id, { name: '业务处', kind: 'business' });
  return { organ, office, business };
}

export async function userWithRoles(s: Services, organId: number, username: string, roles: string[]) {
  return s.staff.create(systemCtx('test'), {
    organId: String(organId),
    username,
    displayName: `用户${username}`,
    password: TEST_PASSWORD,
    roles,
  });
}
