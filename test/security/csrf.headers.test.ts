// CSRF on every state-changing route outside the token-authenticated JSON API, and the security
// headers on every page, both enumerated from the route table (a new form or page is covered
// without touching this file; its parameters come from support/paths.ts).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { ROLES, type Role } from '../../src/modules/staff/staff.roles.js';
import { buildTestApp, cookieHeader } from '../support/app.js';
import { type Access, ROUTE_POLICY } from './policy-map.js';
import { concreteUrl } from './support/paths.js';
import { multipartBody, probe } from './support/probe.js';
import { buildWorld, type Route, routeKey, type World } from './support/world.js';

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

describe('security: CSRF on every form, headers on every page', () => {
  let w: World;
  before(async () => {
    w = await buildWorld();
  });
  after(() => w.close());

  const access = (r: Route) => ROUTE_POLICY[routeKey(r)] as Access;
  /** A role of organ A the route lets through (so that only the token can stop the request). */
  const allowedRole = (r: Route): Role | undefined => {
    const a = access(r);
    return a.kind === 'public' ? undefined : (a.roles[0] ?? ROLES[0]);
  };

  it('refuses every POST without a valid CSRF token (missing, wrong, or another session’s)', async () => {
    const forms = w.routes.filter((r) => UNSAFE.has(r.method) && !r.url.startsWith('/api/v1/'));
    assert.ok(forms.length >= 40, `only ${forms.length} form routes found`);
    const otherToken =
      (await w.agents.other.admin.get('/staff/account/password')).body.match(/name="_csrf" value="([^"]+)"/)?.[1] ?? '';
    const wrong: string[] = [];
    for (const r of forms) {
      // signing out needs the token only when there is a session to end: try with one
      const role = r.url === '/staff/logout' ? 'admin' : allowedRole(r);
      const a = access(r);
      const agent = role ? w.agents.own[role] : undefined;
      for (const token of ['', 'forged-token', otherToken]) {
        let res: LightMyRequestResponse;
        const url = concreteUrl(w, r);
        const cookie = agent ? cookieHeader(agent.jar) : 'gk_anon=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';
        if (a.kind !== 'public' && a.multipart) {
          const body = multipartBody(token ? { _csrf: token } : {});
          res = await w.app.inject({
            method: 'POST',
            url,
            headers: { cookie, 'content-type': body.contentType },
            payload: body.payload,
          });
        } else {
          res = await w.app.inject({
            method: r.method as 'POST',
            url,
            headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
            payload: new URLSearchParams(token ? { _csrf: token } : {}).toString(),
          });
        }
        if (res.statusCode !== 403)
          wrong.push(`${routeKey(r)} with ${token ? `token ${token.slice(0, 8)}…` : 'no token'}: ${res.statusCode}`);
        else if (!res.body.includes('页面已过期') && !res.body.includes('请刷新') && !/[\u4e00-\u9fff]/.test(res.body))
          wrong.push(`${routeKey(r)}: refusal without a Chinese message`);
      }
    }
    assert.deepEqual(wrong, []);
    assert.equal((await w.agents.own.admin.get('/staff')).statusCode, 200, 'the refused sign-out left the session alone');
    // the same forms go through with the token (the matrix proves it per role); one here for contrast
    const ok = await probe(
      w,
      { method: 'POST', url: '/staff/account/password' },
      { side: 'own', role: 'admin' },
      access({ method: 'POST', url: '/staff/account/password' }),
    );
    assert.equal(ok.statusCode, 422);
  });

  it('sends the security headers on every page, public and back office', async () => {
    const pages = w.routes.filter((r) => r.method === 'GET');
    const wrong: string[] = [];
    for (const r of pages) {
      const role = allowedRole(r);
      const res = role
        ? await probe(w, r, { side: 'own', role }, access(r))
        : await w.app.inject({ method: 'GET', url: concreteUrl(w, r) });
      if (res.statusCode >= 500 || res.statusCode === 403) wrong.push(`${routeKey(r)}: ${res.statusCode}`);
      const h = res.headers;
      const csp = String(h['content-security-policy'] ?? '');
      const problems = [
        !/default-src '(self|none)'/.test(csp) && 'CSP default-src',
        !csp.includes("frame-ancestors 'none'") && 'CSP frame-ancestors',
        /script-src[^;]*'unsafe-inline'/.test(csp) && "CSP allows 'unsafe-inline' scripts",
        h['x-content-type-options'] !== 'nosniff' && 'X-Content-Type-Options',
        !h['referrer-policy'] && 'Referrer-Policy',
        !['DENY', 'SAMEORIGIN'].includes(String(h['x-frame-options'] ?? '').toUpperCase()) && 'X-Frame-Options',
        r.url.startsWith('/staff') && !String(h['cache-control'] ?? '').includes('no-store') && 'Cache-Control: no-store',
        h['x-powered-by'] && 'X-Powered-By',
      ].filter(Boolean);
      if (problems.length) wrong.push(`${routeKey(r)} (${res.statusCode}): ${problems.join(', ')}`);
    }
    assert.deepEqual(wrong, []);
  });

  it('with secure cookies configured (behind HTTPS): HSTS, upgrade-insecure-requests, Secure HttpOnly cookies', async () => {
    const t = await buildTestApp({ config: { secureCookies: true } });
    try {
      for (const url of ['/', '/staff/login', '/requests/new']) {
        const res = await t.app.inject({ method: 'GET', url });
        assert.match(String(res.headers['strict-transport-security']), /max-age=\d{7,}/, url);
        assert.match(String(res.headers['content-security-policy']), /upgrade-insecure-requests/, url);
        for (const c of res.cookies) {
          assert.equal(c.secure, true, `${url}: cookie ${c.name} without Secure`);
          assert.equal(c.httpOnly, true, `${url}: cookie ${c.name} without HttpOnly`);
        }
      }
    } finally {
      await t.close();
    }
  });
});
