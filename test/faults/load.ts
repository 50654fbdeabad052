// Clients of the real server for the fault tests: applicants who fill in the public request
// form as a browser without JavaScript does (the anonymous CSRF cookie, the arithmetic question
// of the captcha answered), each from an address of its own behind the reverse proxy (the server
// runs with GONGKAI_TRUST_PROXY=1, as behind nginx: the limit of 10 submissions an hour applies to
// each of them), and a member of staff working the queue meanwhile.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { DEMO_PASSWORD } from '../../src/modules/demo/demo.seed.js';
import { connect } from '../../src/platform/db/connect.js';
import { application } from '../modules/requests.fixtures.js';

const DIGIT: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

export interface Submission {
  i: number;
  /** The marker in the request's description: finds its row. */
  marker: string;
  /** HTTP status of the POST, or the error that stopped it. */
  status: number | string;
  /** The private tracking token, when the submission was acknowledged (303 to the tracking page). */
  token?: string;
}

/** The cookies of a response, merged into `jar`. */
function keep(jar: Map<string, string>, res: Response) {
  for (const c of res.headers.getSetCookie()) {
    const [pair] = c.split(';');
    const eq = (pair ?? '').indexOf('=');
    if (eq > 0) jar.set((pair as string).slice(0, eq), (pair as string).slice(eq + 1));
  }
}
const cookieOf = (jar: Map<string, string>) => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');

/** The address of applicant i, as the proxy reports it. */
export const addressOf = (i: number) => `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;

export const markerOf = (run: string, i: number) => `负载测试${run}-${i}号`;

/** One applicant: loads the form, answers the question, submits. Never throws. */
export async function submitRequest(base: string, run: string, i: number): Promise<Submission> {
  const marker = markerOf(run, i);
  const jar = new Map<string, string>();
  const headers = (extra: Record<string, string> = {}) => ({ 'x-forwarded-for': addressOf(i), cookie: cookieOf(jar), ...extra });
  try {
    const page = await fetch(`${base}/requests/new`, { headers: headers() });
    keep(jar, page);
    const html = await page.text();
    const q = /请回答：(.)加(.)等于几？/.exec(html);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
    const captcha = /name="captcha" value="([^"]+)"/.exec(html)?.[1];
    if (!q || !csrf || !captcha) return { i, marker, status: `form ${page.status}` };
    const answer = String((DIGIT[q[1] as string] ?? 0) + (DIGIT[q[2] as string] ?? 0));
    const body = new URLSearchParams({
      _csrf: csrf,
      captcha,
      pow: '',
      answer,
      ...application({
        applicantName: `申请人${i}`,
        email: `applicant${i}@example.cn`,
        infoTitle: `城区道路改造资金（${marker}）`,
        infoDescription: `请公开城区道路改造项目的资金预算和支出明细。${marker}`,
      }),
    });
    const res = await fetch(`${base}/requests/new`, {
      method: 'POST',
      headers: headers({ 'content-type': 'application/x-www-form-urlencoded' }),
      body: body.toString(),
      redirect: 'manual',
    });
    await res.arrayBuffer();
    const token = /^\/requests\/track\/([^?]+)\?new=1$/.exec(res.headers.get('location') ?? '')?.[1];
    return { i, marker, status: res.status, ...(res.status === 303 && token ? { token } : {}) };
  } catch (err) {
    return { i, marker, status: err instanceof Error ? `${err.name}: ${(err.cause as Error)?.message ?? err.message}` : 'error' };
  }
}

/** The reference shown on a tracking page, or undefined. */
export async function referenceOf(base: string, token: string): Promise<string | undefined> {
  const res = await fetch(`${base}/requests/track/${token}`);
  if (res.status !== 200) return undefined;
  return /<dt>申请编号<\/dt><dd>([^<]+)<\/dd>/.exec(await res.text())?.[1];
}

/** A member of staff (the demo's clerk) signed in through the login form. */
export async function staffAgent(base: string, username = 'clerk') {
  const jar = new Map<string, string>();
  const get = async (path: string) => {
    const res = await fetch(`${base}${path}`, { headers: { cookie: cookieOf(jar) }, redirect: 'manual' });
    keep(jar, res);
    return { status: res.status, body: await res.text() };
  };
  const post = async (path: string, fields: Record<string, string>) => {
    const res = await fetch(`${base}${path}`, {
      method: 'POST',
      headers: { cookie: cookieOf(jar), 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields).toString(),
      redirect: 'manual',
    });
    keep(jar, res);
    await res.arrayBuffer();
    return { status: res.status, location: res.headers.get('location') };
  };
  const login = await get('/staff/login');
  const csrf = /name="_csrf" value="([^"]+)"/.exec(login.body)?.[1] ?? '';
  const r = await post('/staff/login', { _csrf: csrf, username, password: DEMO_PASSWORD });
  if (r.status !== 303) throw new Error(`staff login failed: ${r.status}`);
  return { get, post };
}

/**
 * Works the queue until `stop()` resolves: the queue page, a case, an internal note on it.
 * Returns what was done (status counts), and throws on a server error (5xx).
 */
export async function workTheQueue(base: string, until: Promise<unknown>) {
  const staff = await staffAgent(base);
  let done = false;
  void until.then(() => {
    done = true;
  });
  const counts = { lists: 0, cases: 0, notes: 0 };
  while (!done) {
    const list = await staff.get('/staff/requests');
    if (list.status !== 200) throw new Error(`queue page: ${list.status}`);
    counts.lists++;
    const ids = [...list.body.matchAll(/href="\/staff\/requests\/(\d+)"/g)].map((m) => m[1] as string);
    const id = ids[counts.lists % Math.max(1, ids.length)];
    if (!id) continue;
    const page = await staff.get(`/staff/requests/${id}`);
    if (page.status !== 200) throw new Error(`case page: ${page.status}`);
    counts.cases++;
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
    const note = await staff.post(`/staff/requests/${id}/note`, {
      _csrf: csrf,
      kind: 'note',
      body: `已查看（第 ${counts.cases} 次）`,
    });
    if (note.status !== 303) throw new Error(`note: ${note.status}`);
    counts.notes++;
  }
  return counts;
}

/** Runs `n` jobs with at most `width` at a time, in order of index. */
export async function pool<T>(n: number, width: number, job: (i: number) => Promise<T>): Promise<T[]> {
  const out: T[] = new Array(n);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(width, n) }, async () => {
      while (next < n) {
        const i = next++;
        out[i] = await job(i);
      }
    }),
  );
  return out;
}

/**
 * What the database holds of a run's submissions: every acknowledged one exactly once (found by
 * its marker, with the tracking token it was given), none of the others more than once, and no
 * reference given twice in the whole table. Returns the number of rows of the run.
 */
export async function checkStored(dbUrl: string, run: string, subs: Submission[]): Promise<number> {
  const h = connect(dbUrl);
  try {
    const rows = await h.db
      .selectFrom('requests')
      .select(['reference', 'info_title', 'tracking_hash'])
      .where('info_title', 'like', `%负载测试${run}-%`)
      .execute();
    const byMarker = new Map<string, typeof rows>();
    for (const r of rows) {
      const m = /（(负载测试[^）]+)）/.exec(r.info_title ?? '')?.[1] ?? '';
      byMarker.set(m, [...(byMarker.get(m) ?? []), r]);
    }
    for (const s of subs) {
      const found = byMarker.get(s.marker) ?? [];
      assert.ok(found.length <= 1, `${s.marker} stored ${found.length} times`);
      if (s.token) {
        assert.equal(found.length, 1, `acknowledged ${s.marker} is not stored`);
        assert.equal(
          found[0]?.tracking_hash,
          createHash('sha256').update(s.token).digest('hex'),
          `${s.marker}: its tracking token`,
        );
      }
    }
    const dup = await h.db
      .selectFrom('requests')
      .select(['reference', (eb) => eb.fn.countAll().as('n')])
      .groupBy('reference')
      .having((eb) => eb.fn.countAll(), '>', 1)
      .execute();
    assert.deepEqual(dup, [], 'references are unique');
    return rows.length;
  } finally {
    await h.close();
  }
}
