// Personal data: after a full demo seed (and a request submitted on the public form), no identity
// number of any request appears on a public page, feed, sitemap, search result or snippet, the
// public search API, or the applicant's own tracking page (which shows the masked form only).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { decryptPii } from '../../src/platform/crypto.js';
import { ROUTE_POLICY } from './policy-map.js';
import { concreteUrl } from './support/paths.js';
import { buildWorld, routeKey, type World } from './support/world.js';

describe('security: identity numbers never reach the public side', () => {
  let w: World;
  let ids: string[];
  before(async () => {
    w = await buildWorld();
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
});
