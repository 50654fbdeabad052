// The SMS port against a local fake gateway (node:http) speaking the gateway's protocol.
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { loadConfig } from '../../src/config.js';
import {
  createSmsGateway,
  maskPhone,
  normalisePhone,
  SmsDisabledError,
  SmsInputError,
  type SmsLogger,
  SmsSendError,
} from '../../src/platform/sms/sms.js';

const TOKEN = 'test-token-0123456789';

interface Hit {
  method: string | undefined;
  url: string | undefined;
  auth: string | undefined;
  type: string | undefined;
  body: Record<string, unknown>;
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
}

describe('SMS gateway port', () => {
  const hits: Hit[] = [];
  let server: Server;
  let baseUrl: string;
  let seq = 0;

  before(async () => {
    server = createServer(async (req, res) => {
      const body: Record<string, unknown> = await readJson(req).catch(() => ({}));
      hits.push({ method: req.method, url: req.url, auth: req.headers.authorization, type: req.headers['content-type'], body });
      const send = (status: number, json: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
        res.end(JSON.stringify(json));
      };
      if (req.method !== 'POST' || req.url !== '/sms/send') return send(404, { code: 'NotFound', message: '无此接口' });
      if (req.headers.authorization !== `Bearer ${TOKEN}`) return send(401, { code: 'Unauthorized', message: '令牌无效' });
      if (body.phone === '13900000000') return send(200, { code: 'isv.BUSINESS_LIMIT_CONTROL', message: '触发号码天级流控' });
      if (body.phone === '13700000000') return; // never answers
      if (body.phone === '13600000000') {
        res.writeHead(502, { 'content-type': 'text/html' });
        return res.end('<h1>Bad Gateway</h1>');
      }
      seq += 1;
      return send(200, { code: 'OK', bizId: `biz-${seq}`, message: 'OK' });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });

  after(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  function capture() {
    const lines: Array<{ level: string; obj: object; msg: string }> = [];
    const logger: SmsLogger = {
      info: (obj, msg) => lines.push({ level: 'info', obj, msg }),
      warn: (obj, msg) => lines.push({ level: 'warn', obj, msg }),
    };
    return { lines, logger };
  }

  const config = () => ({ baseUrl, token: TOKEN, signName: '示范市政务公开' });

  it('posts the message as JSON with the bearer token and returns the bizId', async () => {
    const { lines, logger } = capture();
    const sms = createSmsGateway(config(), { logger });
    assert.equal(sms.enabled, true);
    const text = '【示范市政务公开】您的政府信息公开申请（GK-2026-000123）已答复，请登录查看。';
    const bizId = await sms.send({ phone: '+86 138-1234-1234', text, template: 'SMS_REQUEST_REPLIED' });
    assert.equal(bizId, 'biz-1');
    const hit = hits.at(-1)!;
    assert.equal(hit.method, 'POST');
    assert.equal(hit.url, '/sms/send');
    assert.equal(hit.auth, `Bearer ${TOKEN}`);
    assert.match(hit.type ?? '', /^application\/json/);
    assert.deepEqual(hit.body, { phone: '13812341234', text, signName: '示范市政务公开', template: 'SMS_REQUEST_REPLIED' });
    assert.deepEqual(lines, [
      { level: 'info', obj: { phone: '138****1234', template: 'SMS_REQUEST_REPLIED', bizId: 'biz-1' }, msg: 'sms sent' },
    ]);
  });

  it('reports a refusal with the gateway code, never the full number', async () => {
    const { lines, logger } = capture();
    const sms = createSmsGateway(config(), { logger });
    const err = await sms.send({ phone: '13900000000', text: '测试', template: 'T' }).then(
      () => assert.fail('refused'),
      (e: unknown) => e,
    );
    assert.ok(err instanceof SmsSendError);
    assert.equal(err.code, 'isv.BUSINESS_LIMIT_CONTROL');
    assert.match(err.message, /139\*\*\*\*0000.*触发号码天级流控/);
    assert.ok(!err.message.includes('13900000000'));
    assert.ok(!JSON.stringify(lines).includes('13900000000'));
    assert.ok(JSON.stringify(lines).includes('139****0000'));
  });

  it('reports a wrong token, a non-JSON answer and a silent gateway', async () => {
    const bad = createSmsGateway({ ...config(), token: 'wrong' });
    await assert.rejects(bad.send({ phone: '13812341234', text: '测试', template: 'T' }), (e: unknown) => {
      return e instanceof SmsSendError && e.code === 'Unauthorized' && e.message.includes('令牌无效');
    });
    const sms = createSmsGateway(config());
    await assert.rejects(sms.send({ phone: '13600000000', text: '测试', template: 'T' }), (e: unknown) => {
      return e instanceof SmsSendError && e.code === 'HTTP_502';
    });
    const { lines, logger } = capture();
    const slow = createSmsGateway(config(), { timeoutMs: 300, logger });
    await assert.rejects(slow.send({ phone: '13700000000', text: '测试', template: 'T' }), (e: unknown) => {
      return e instanceof SmsSendError && e.code === 'TIMEOUT' && !e.message.includes('13700000000');
    });
    assert.ok(!JSON.stringify(lines).includes('13700000000'));
  });

  it('reports an unreachable gateway', async () => {
    const sms = createSmsGateway({ ...config(), baseUrl: 'http://127.0.0.1:1' });
    await assert.rejects(sms.send({ phone: '13812341234', text: '测试', template: 'T' }), (e: unknown) => {
      return e instanceof SmsSendError && e.code === 'NETWORK';
    });
  });

  it('refuses bad numbers and empty texts before calling the gateway', async () => {
    const before = hits.length;
    const sms = createSmsGateway(config());
    const err = await sms.send({ phone: '12345678901', text: '测试', template: 'T' }).then(
      () => assert.fail('refused'),
      (e: unknown) => e,
    );
    assert.ok(err instanceof SmsInputError);
    assert.ok(!(err as Error).message.includes('12345678901'));
    await assert.rejects(sms.send({ phone: '13812341234', text: ' ', template: 'T' }), SmsInputError);
    await assert.rejects(sms.send({ phone: '13812341234', text: '测试', template: '' }), SmsInputError);
    assert.equal(hits.length, before);
  });
});

describe('SMS helpers and configuration', () => {
  it('normalises and masks mainland mobile numbers', () => {
    assert.equal(normalisePhone('13812341234'), '13812341234');
    assert.equal(normalisePhone('+86 138 1234 1234'), '13812341234');
    assert.equal(normalisePhone('0086-138-1234-1234'), '13812341234');
    assert.equal(normalisePhone('010-12345678'), null);
    assert.equal(maskPhone('13812341234'), '138****1234');
    assert.equal(maskPhone('+8613812341234'), '138****1234');
    assert.equal(maskPhone('010-12345678'), '**********78');
  });

  it('is disabled without configuration, with a clear error', async () => {
    const sms = createSmsGateway(undefined);
    assert.equal(sms.enabled, false);
    await assert.rejects(sms.send({ phone: '13812341234', text: '测试', template: 'T' }), (e: unknown) => {
      return e instanceof SmsDisabledError && e.code === 'SMS_DISABLED' && /GONGKAI_SMS_URL/.test(e.message);
    });
  });

  it('is configured only by src/config.ts', () => {
    const base = { GONGKAI_SECRET: 'x'.repeat(40) };
    assert.equal(loadConfig(base).sms, undefined);
    const on = loadConfig({
      ...base,
      GONGKAI_SMS_URL: 'https://sms.example.cn',
      GONGKAI_SMS_TOKEN: 't',
      GONGKAI_SMS_SIGN_NAME: '示范市政务公开',
    });
    assert.deepEqual(on.sms, { baseUrl: 'https://sms.example.cn', token: 't', signName: '示范市政务公开' });
    assert.throws(() => loadConfig({ ...base, GONGKAI_SMS_URL: 'https://sms.example.cn' }), /GONGKAI_SMS_TOKEN/);
  });
});
