import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type OpenApiDocument, openApiDocument } from '../../src/modules/requests/requests.openapi.js';
import { Agent, buildTestApp, csrfFrom, organWithUnits, type TestApp, userWithRoles } from '../support/app.js';
import { refsIn, routesOf, validate } from '../support/json-schema.js';
import { application } from './requests.fixtures.js';

type Schema = Record<string, unknown>;
interface Media {
  schema: Schema;
  examples?: Record<string, { value: unknown }>;
}
interface Op {
  requestBody?: { content: Record<string, Media> };
  responses: Record<string, { content?: Record<string, Media> }>;
  parameters?: Array<{ name: string; example?: unknown; schema: Schema }>;
}

const doc = openApiDocument() as OpenApiDocument;
const ops = doc.paths as unknown as Record<string, Record<string, Op>>;

/** The documented schema of a response. */
function responseSchema(path: string, method: string, status: number): Schema {
  const s = ops[path]?.[method]?.responses[String(status)]?.content?.['application/json']?.schema;
  assert.ok(s, `${method.toUpperCase()} ${path} ${status} is documented`);
  return s;
}
function conforms(path: string, method: string, res: { statusCode: number; body: string }) {
  const errors = validate(responseSchema(path, method, res.statusCode), JSON.parse(res.body), doc);
  assert.deepEqual(errors, [], `${method.toUpperCase()} ${path} ${res.statusCode}: ${res.body.slice(0, 300)}`);
}

describe('the OpenAPI document of /api/v1', () => {
  let t: TestApp;
  let token = '';
  let unitId = 0;

  before(async () => {
    t = await buildTestApp({ now: '2026-03-20T02:00:00.000Z' });
    const { organ, business } = await organWithUnits(t.services, 'jt');
    unitId = business.id;
    await userWithRoles(t.services, organ.id, 'clerk', ['office_staff']);
    const a = new Agent(t.app);
    await a.login('clerk');
    const page = await a.get('/staff/tokens');
    const res = await a.post('/staff/tokens', { _csrf: csrfFrom(page.body), name: '接口说明测试', days: '30' });
    token = /(gk_[A-Za-z0-9_-]{43})/.exec(res.body)?.[1] ?? '';
    assert.ok(token);
  });
  after(() => t.close());

  it('is served as JSON, OpenAPI 3.1, with the bearer scheme, and every $ref resolves', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' });
    assert.equal(res.statusCode, 200);
    const served = res.json();
    assert.equal(served.openapi, '3.1.0');
    assert.deepEqual(served.components.securitySchemes.bearer, {
      type: 'http',
      scheme: 'bearer',
      bearerFormat: 'gk_ + 43 个字符',
      description: '工作台“API 令牌”页面创建的令牌',
    });
    const names = new Set(Object.keys(served.components.schemas));
    for (const r of refsIn(served)) assert.ok(names.has(r.replace('#/components/schemas/', '')), `${r} resolves`);
    // every requests operation needs the token; search and the document itself do not
    for (const [path, methods] of Object.entries(served.paths as Record<string, Record<string, { security?: unknown }>>)) {
      for (const op of Object.values(methods)) {
        assert.equal(Boolean(op.security), path.startsWith('/api/v1/requests'), `${path} security`);
      }
    }
  });

  it('describes every /api/v1 route registered in Fastify, and nothing that is not', () => {
    const registered = routesOf(t.app.printRoutes({ commonPrefix: false }))
      .filter((r) => r.split(' ')[1]?.startsWith('/api/v1/'))
      .map((r) => r.replace(/:([A-Za-z]+)/g, '{$1}'))
      .sort();
    const documented = Object.entries(ops)
      .flatMap(([path, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`))
      .sort();
    assert.ok(registered.length >= 6);
    assert.deepEqual(documented, registered);
  });

  it('every example matches its schema (and a broken example would not)', () => {
    let checked = 0;
    for (const [path, methods] of Object.entries(ops)) {
      for (const [method, op] of Object.entries(methods)) {
        const media = [
          ...Object.values(op.requestBody?.content ?? {}),
          ...Object.values(op.responses).flatMap((r) => Object.values(r.content ?? {})),
        ];
        for (const m of media) {
          for (const [name, ex] of Object.entries(m.examples ?? {})) {
            assert.deepEqual(validate(m.schema, ex.value, doc), [], `${method} ${path} example ${name}`);
            checked++;
          }
        }
        for (const p of op.parameters ?? []) {
          if (p.example !== undefined) assert.deepEqual(validate(p.schema, p.example, doc), []);
        }
      }
    }
    assert.ok(checked >= 15, `${checked} examples checked`);
    // the checker itself catches drift
    const caseSchema = { $ref: '#/components/schemas/RequestCase' };
    const good = (ops['/api/v1/requests/{reference}']?.get?.responses['200']?.content?.['application/json']?.examples?.assigned
      ?.value ?? {}) as Record<string, unknown>;
    assert.deepEqual(validate(caseSchema, good, doc), []);
    assert.ok(validate(caseSchema, { ...good, extra: 1 }, doc).some((e) => /not allowed/.test(e)));
    assert.ok(validate(caseSchema, { ...good, receivedOn: '2026/03/02' }, doc).some((e) => /receivedOn/.test(e)));
    assert.ok(validate(caseSchema, { ...good, state: 'lost' }, doc).some((e) => /enum/.test(e)));
    const { version: _, ...noVersion } = good;
    assert.ok(validate(caseSchema, noVersion, doc).some((e) => /version: required/.test(e)));
  });

  it('real answers of the API match the documented schemas, errors included', async () => {
    const auth = { authorization: `Bearer ${token}` };
    const call = (method: 'GET' | 'POST', url: string, payload?: unknown, headers = auth) =>
      t.app.inject({ method, url, headers, ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }) });

    const created = await call('POST', '/api/v1/requests', {
      ...application({ contactPerson: '', infoDocNumber: '' }),
      channel: 'in_person',
      receivedDate: '2026-03-02',
    });
    assert.equal(created.statusCode, 201, created.body);
    conforms('/api/v1/requests', 'post', created);
    const ref = created.json().case.reference as string;
    conforms('/api/v1/requests', 'post', await call('POST', '/api/v1/requests', { channel: 'x' }));
    conforms('/api/v1/requests', 'get', await call('GET', '/api/v1/requests?state=all&limit=5'));
    conforms('/api/v1/requests', 'get', await call('GET', '/api/v1/requests?limit=0'));
    conforms('/api/v1/requests', 'get', await call('GET', '/api/v1/requests', undefined, { authorization: 'Bearer x' }));
    const ev = (body: unknown) => call('POST', `/api/v1/requests/${ref}/events`, body);
    const steps: unknown[] = [
      { action: 'assign', version: 1, unitId },
      { action: 'request_correction', version: 2, on: '2026-03-04', deadline: '2026-03-18', reason: '请写明路段。' },
      { action: 'receive_correction', version: 3, on: '2026-03-09' },
      { action: 'start_consultation', version: 4, on: '2026-03-10', reason: '征求第三方意见', party: 'third_party' },
    ];
    for (const s of steps) {
      const r = await ev(s);
      assert.equal(r.statusCode, 200, r.body);
      conforms('/api/v1/requests/{reference}/events', 'post', r);
    }
    const open = await call('GET', `/api/v1/requests/${ref}`);
    conforms('/api/v1/requests/{reference}', 'get', open);
    assert.ok(open.json().clock.paused.length >= 1, 'paused intervals are in the answer and in the schema');
    conforms('/api/v1/requests/{reference}/events', 'post', await ev({ action: 'draft', version: 1 }));
    conforms('/api/v1/requests/{reference}/events', 'post', await ev({ action: 'end_consultation', version: 5, on: 'x' }));
    conforms(
      '/api/v1/requests/{reference}/events',
      'post',
      await t.app.inject({
        method: 'POST',
        url: `/api/v1/requests/${ref}/events`,
        headers: { ...auth, 'content-type': 'application/json' },
        payload: '[1]',
      }),
    );
    conforms('/api/v1/requests/{reference}', 'get', await call('GET', '/api/v1/requests/none-2026-00001'));
    conforms('/api/v1/search', 'get', await t.app.inject({ method: 'GET', url: '/api/v1/search?q=住房&limit=500' }));
  });

  it('/api/docs: the same document as plain HTML tables, without script', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/docs' });
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-type']), /text\/html/);
    assert.ok(!/<script/i.test(res.body), 'no script');
    assert.ok(!/ style=/i.test(res.body), 'no inline style');
    assert.match(res.body, /<html lang="zh-CN"/);
    for (const [path, methods] of Object.entries(ops)) {
      for (const m of Object.keys(methods))
        assert.ok(res.body.includes(`${m.toUpperCase()} ${path}`), `${m} ${path} on the page`);
    }
    for (const name of Object.keys(doc.components.schemas)) assert.ok(res.body.includes(`id="schema-${name}"`), name);
    assert.match(res.body, /<table>/);
    assert.match(res.body, /需要令牌/);
  });
});
