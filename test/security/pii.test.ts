// Personal data: after a full demo seed (and a request submitted on the public form), no identity
// number of any request appears on a public page, feed, sitemap, search result or snippet, the
// public search API, or the applicant's own tracking page (which shows the masked form only); nor
// in the annual report's downloads, nor in a line of the server's log (pino at trace, request lines
// included) after the public form, failing requests, staff work and outbox deliveries.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { solvePow } from '../../src/modules/requests/requests.captcha.js';
import { decryptPii } from '../../src/platform/crypto.js';
import { application } from '../modules/requests.fixtures.js';
import { Agent, csrfFrom } from '../support/app.js';
import { ROUTE_POLICY } from './policy-map.js';
import { concreteUrl } from './support/paths.js';
import { buildWorld, routeKey, type World } from './support/world.js';

describe('security: identity numbers never reach the public side', () => {
  let w: World;
  let ids: string[];
  // every line the server logged, from the moment it was built
  const logLines: string[] = [];
  before(async () => {
    w = await buildWorld({ log: { write: (line: string) => logLines.push(line) } });
    const rows = await w.db.db.selectFrom('requests').select(['id_number_enc', 'applicant_name']).execute();
    ids = rows.map((r) => (r.id_number_enc ? decryptPii(w.config.secret, r.id_number_enc) : '')).filter((x) => x.length >= 15);
  });
  after(() => w.close());

  it('the demo holds requests with identity numbers (so the scan means something)', () => {
    assert.ok(ids.length >= 20, `only ${ids.length} identity numbers`);
    assert.ok(ids.includes('450103197001011238'));
  });

  it('no public page, feed, sitemap, search or API answer shows one', async () => {
    const urls = new Set<string>();
    for (const r of w.routes) {
      if (r.method !== 'GET' || ROUTE_POLICY[routeKey(r)]?.kind !== 'public' || r.url.startsWith('/static/')) continue;
      urls.add(concreteUrl(w, r));
    }
    // search for what a curious person would type: a number, its start, a name, a reference
    const probes = [ids[0] as string, (ids[0] as string).slice(0, 6), '保密申请人', '申请', '身份证'];
    for (const q of probes) {
      urls.add(`/search?q=${encodeURIComponent(q)}`);
      urls.add(`/api/v1/search?q=${encodeURIComponent(q)}`);
    }
    const wrong: string[] = [];
    for (const url of urls) {
      const res = await w.app.inject({ method: 'GET', url });
      // a search page repeats what was typed into it: that is not a leak
      const typed = decodeURIComponent(url.split('q=')[1] ?? '');
      const body = typed ? res.body.split(typed).join('') : res.body;
      for (const id of ids) {
        if (body.includes(id) || body.includes(id.slice(6, 14) + id.slice(14))) wrong.push(`${url}: ${id.slice(0, 4)}…`);
      }
    }
    assert.ok(urls.size >= 40, `${urls.size} public URLs scanned`);
    assert.deepEqual(wrong, []);
  });

  it('the applicant’s tracking page shows the masked number only', async () => {
    const res = await w.app.inject({ method: 'GET', url: `/requests/track/${w.trackToken}` });
    assert.equal(res.statusCode, 200);
    assert.ok(!res.body.includes('450103197001011238'));
    assert.match(res.body, /4501\*+238|4501\*+1238|\*{6,}/);
  });

  it('the audit trail and the outbox keep the masked number only', async () => {
    const audit = await w.db.db.selectFrom('audit_log').selectAll().execute();
    const outbox = await w.db.db.selectFrom('outbox').selectAll().execute();
    const text = JSON.stringify([audit, outbox]);
    const found = ids.filter((id) => text.includes(id));
    assert.deepEqual(found, []);
  });

  it('the annual report’s downloads (meant for the public) hold no identity number', async () => {
    const wrong: string[] = [];
    for (const ext of ['json', 'html']) {
      const res = await w.agents.own.office_head.get(`/staff/reports/2025/report.${ext}`);
      assert.equal(res.statusCode, 200, ext);
      for (const id of ids)
        if (res.body.includes(id) || res.body.includes(id.slice(6))) wrong.push(`report.${ext}: ${id.slice(0, 4)}…`);
    }
    assert.deepEqual(wrong, []);
  });

  it('the server’s log holds no identity number: public form, failing requests, staff pages, API, outbox', async () => {
    // numbers typed by this test only (never stored: the forms refuse them, or they are in URLs)
    const typed = ['45010319850202003X', '450103198502020047', '450103198502020055', '450103198502020063', '450103850202007'];
    const [good, bad, inPath, inQuery, old15] = typed as [string, string, string, string, string];
    const a = new Agent(w.app);
    const send = async (over: Record<string, string>) => {
      const page = await a.get('/requests/new');
      const captcha = /name="captcha" value="([^"]+)"/.exec(page.body)?.[1] as string;
      return a.post('/requests/new', {
        _csrf: csrfFrom(page.body),
        captcha,
        pow: solvePow(captcha),
        answer: '',
        ...application({ applicantName: '日志测试人', idNumber: good }),
        ...over,
      });
    };
    // the public form: accepted; refused with the number in the form (422, twice: a bad number and a missing name)
    const ok = await send({});
    assert.equal(ok.statusCode, 303, ok.body.slice(0, 300));
    assert.equal((await send({ idNumber: `${bad}#` })).statusCode, 422);
    assert.equal((await send({ idNumber: bad, applicantName: '' })).statusCode, 422);
    // not found, with a number in the path and in the query string (plain, spaced, URL-encoded)
    const spaced = `${inQuery.slice(0, 6)} ${inQuery.slice(6, 14)} ${inQuery.slice(14)}`;
    for (const url of [
      `/requests/track/${inPath}`,
      `/nothing/${inPath}?id=${inQuery}`,
      `/nothing?id=${encodeURIComponent(spaced)}&old=${old15}`,
      `/nothing?id=${spaced.replaceAll(' ', '+')}`,
      `/items/${inPath}`,
      `/search?q=${inQuery}`,
      `/api/v1/search?q=${encodeURIComponent(spaced)}`,
    ]) {
      const res = await w.app.inject({ method: 'GET', url });
      assert.ok(res.statusCode < 500, `${url}: ${res.statusCode}`);
    }
    // staff: the request list (also searched by a number), the new request's case page, the API
    const head = w.agents.own.office_head;
    const row = await w.db.db
      .selectFrom('requests')
      .select(['id', 'reference'])
      .where('applicant_name', '=', '日志测试人')
      .executeTakeFirstOrThrow();
    for (const url of [
      '/staff/requests',
      `/staff/requests?q=${good}`,
      `/staff/requests/${row.id}`,
      `/staff/requests/${row.id}?q=${inQuery}`,
    ]) {
      assert.equal((await head.get(url)).statusCode, 200, url);
    }
    const bearer = { authorization: `Bearer ${w.tokens.own.office_head}` };
    for (const url of [
      `/api/v1/requests/${encodeURIComponent(row.reference)}`,
      `/api/v1/requests?q=${good}`,
      `/api/v1/requests/${inPath}`,
    ]) {
      assert.ok((await w.app.inject({ method: 'GET', url, headers: bearer })).statusCode < 500, url);
    }
    // a bad API body quoting a number
    await w.app.inject({
      method: 'POST',
      url: `/api/v1/requests/${encodeURIComponent(row.reference)}/events`,
      headers: bearer,
      payload: { action: bad, note: good },
    });
    // the outbox: the acknowledgement mails fail (no SMTP server here) and are logged; a retry from the back office
    await w.services.outbox.dispatchDue(200);
    assert.equal((await w.agents.own.admin.get('/staff/outbox')).statusCode, 200);

    const all = [...new Set([...ids, ...typed])];
    const variants = (id: string) => {
      const groups = [id.slice(0, 6), id.slice(6, id.length - 4), id.slice(-4)];
      return [
        id,
        id.toLowerCase(),
        id.slice(6),
        groups.join(' '),
        groups.join('+'),
        groups.join('%20'),
        encodeURIComponent(groups.join(' ')),
        (id.match(/.{1,4}/g) ?? []).join(' '),
      ];
    };
    const leaks: string[] = [];
    for (const line of logLines)
      for (const id of all) {
        const v = variants(id).find((x) => line.includes(x));
        if (v) leaks.push(`${id.slice(0, 4)}… as “${v.slice(0, 4)}…” in ${line.slice(0, 200)}`);
      }
    assert.deepEqual(leaks, []);
    // the scan saw what it should: request lines with the URLs that carried numbers, errors, the outbox
    assert.ok(logLines.length >= 50, `${logLines.length} log lines`);
    assert.ok(
      logLines.some((l) => l.includes('"incoming request"') && l.includes('/nothing/450*************55')),
      'masked URL logged',
    );
    assert.ok(
      logLines.some((l) => l.includes('outbox delivery failed')),
      'outbox failures logged',
    );
  });
});
