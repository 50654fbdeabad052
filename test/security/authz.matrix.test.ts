// The authorization matrix: every registered route × every role × own organ / another organ /
// anonymous, against the declared answers in policy-map.ts. A route the map does not name fails.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ROLES, type Role } from '../../src/modules/staff/staff.roles.js';
import { type Access, ROUTE_POLICY } from './policy-map.js';
import { probe } from './support/probe.js';
import { buildWorld, type Route, routeKey, type Side, type World } from './support/world.js';

const REFUSED = [403, 404];

describe('security: the authorization matrix from the route table', () => {
  let w: World;
  before(async () => {
    w = await buildWorld();
  });
  after(() => w.close());

  const guarded = () => w.routes.filter((r) => ROUTE_POLICY[routeKey(r)]?.kind !== 'public');
  const accessOf = (r: Route) => ROUTE_POLICY[routeKey(r)] as Extract<Access, { roles: readonly Role[] }>;

  it('every registered route has a declared policy, and every declared route exists', () => {
    const keys = new Set(w.routes.map(routeKey));
    const missing = [...keys].filter((k) => !ROUTE_POLICY[k]);
    assert.deepEqual(missing, [], `routes without an entry in test/security/policy-map.ts: ${missing.join(', ')}`);
    const stale = Object.keys(ROUTE_POLICY).filter((k) => !keys.has(k));
    assert.deepEqual(stale, [], `entries in policy-map.ts for routes that no longer exist: ${stale.join(', ')}`);
    for (const k of keys) {
      const [, path] = k.split(' ');
      const a = ROUTE_POLICY[k] as Access;
      if (path?.startsWith('/staff/') && !['/staff/login', '/staff/logout'].includes(path)) assert.equal(a.kind, 'staff', k);
      if (path?.startsWith('/api/v1/requests')) assert.equal(a.kind, 'api', k);
    }
  });

  it('anonymous: back-office pages send to sign-in, back-office forms and the API refuse', async () => {
    const wrong: string[] = [];
    for (const r of guarded()) {
      const res = await probe(w, r, undefined, accessOf(r));
      const a = accessOf(r);
      const ok =
        a.kind === 'api'
          ? res.statusCode === 401
          : r.method === 'GET'
            ? res.statusCode === 303 && String(res.headers.location).startsWith('/staff/login?next=')
            : [401, 403].includes(res.statusCode) ||
              (res.statusCode === 303 && String(res.headers.location).startsWith('/staff/login'));
      if (!ok) wrong.push(`${routeKey(r)} → ${res.statusCode}`);
    }
    assert.deepEqual(wrong, []);
  });

  for (const side of ['own', 'other'] as const) {
    it(`each role of ${side === 'own' ? 'the organ owning the records' : 'another organ'} gets the declared answer`, async () => {
      const wrong: string[] = [];
      const cases = guarded().flatMap((r) => ROLES.map((role) => ({ r, role })));
      // refusals first: an allowed request may change a record (a token revoked); one that removes
      // its record gets a fresh one (world.fresh)
      cases.sort((x, y) => Number(expectAllowed(x.r, x.role, side)) - Number(expectAllowed(y.r, y.role, side)));
      for (const { r, role } of cases) {
        const allowed = expectAllowed(r, role, side);
        const res = await probe(w, r, { side, role }, accessOf(r), { fresh: allowed });
        const got = res.statusCode;
        if (got >= 500) wrong.push(`${routeKey(r)} as ${side} ${role}: ${got} (server error)`);
        else if (allowed && (got === 401 || REFUSED.includes(got)))
          wrong.push(`${routeKey(r)} as ${side} ${role}: refused ${got}, policy allows`);
        else if (!allowed && !REFUSED.includes(got))
          wrong.push(`${routeKey(r)} as ${side} ${role}: ${got}, policy refuses (403/404 expected)`);
        else if (side === 'other' && got < 400) {
          const leaked = w.secrets.filter((s) => res.body.includes(s));
          if (leaked.length) wrong.push(`${routeKey(r)} as ${side} ${role}: shows organ A's ${leaked.join(', ')}`);
        }
      }
      assert.deepEqual(wrong, []);
    });
  }

  function expectAllowed(r: Route, role: Role, side: Side): boolean {
    const a = accessOf(r);
    if (!a.roles.includes(role)) return false;
    if (side === 'own' || a.scope !== 'organ') return true;
    // another organ: lists and new-record forms show the actor's own organ; a record of A is refused
    return !/:/.test(r.url);
  }
});
