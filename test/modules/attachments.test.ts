// Attachments of publications: upload through the staff form (multipart, CSRF checked before the
// file is read), types sniffed from content, refusals that leave nothing behind, safe names,
// download headers, who may fetch what, 从 Word 导入正文, and new editions carrying their files.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { AlignmentType, Document, HeadingLevel, ImageRun, Packer, Paragraph, TextRun } from 'docx';
import type { LightMyRequestResponse } from 'fastify';
import { REFUSALS } from '../../src/modules/attachments/attachments.sniff.js';
import { CHECKLIST_KEYS } from '../../src/modules/publications/publications.workflow.js';
import { actorCtx, type Ctx, systemCtx } from '../../src/platform/context.js';
import { Agent, buildTestApp, cookieHeader, csrfFrom, mergeCookies, type TestApp, userWithRoles } from '../support/app.js';

const HREF = '/staff/publications';
const MAX = 256 * 1024;

// ── fixtures, made here ─────────────────────────────────────────────────────────────────

/** A one-page PDF showing `text` in Helvetica, with a correct cross-reference table. */
function tinyPdf(text: string): Buffer {
  const stream = `BT /F1 18 Tf 72 720 Td (${text}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) out += `${String(o).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

async function tinyDocx(): Promise<Buffer> {
  const doc = new Document({
    sections: [
      {
        children: [
          new Paragraph({ text: '关于开展建筑施工安全检查的通知', heading: HeadingLevel.HEADING_1 }),
          new Paragraph({ children: [new TextRun('各市住房城乡建设局：'), new TextRun({ text: '请认真落实。', bold: true })] }),
          new Paragraph({ children: [new ImageRun({ type: 'png', data: PNG, transformation: { width: 10, height: 10 } })] }),
          // a style mammoth has no mapping for: it warns
          new Paragraph({ text: '特别提示', style: 'UnmappedCustomStyle', alignment: AlignmentType.CENTER }),
        ],
      },
    ],
    styles: { paragraphStyles: [{ id: 'UnmappedCustomStyle', name: 'Unmapped Custom Style', run: { color: 'FF0000' } }] },
  });
  return Packer.toBuffer(doc);
}

const ELF = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(512, 1)]);
const PE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(510, 0x90)]);
const SVG = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
const XML_SVG = Buffer.from('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>');
const HTML = Buffer.from('<!doctype html><html><body><script>alert(1)</script></body></html>');
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

interface Part {
  name: string;
  value?: string;
  file?: { filename: string; data: Buffer; type?: string };
}

/** A multipart/form-data body in the order given (as a browser sends a form's fields). */
function multipart(parts: Part[]): { payload: Buffer; contentType: string } {
  const boundary = '----gongkaiTestBoundary7MA4YWxkTrZu0gW';
  const chunks: Buffer[] = [];
  for (const p of parts) {
    if (p.file) {
      chunks.push(
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"; filename="${p.file.filename}"\r\n` +
            `Content-Type: ${p.file.type ?? 'application/octet-stream'}\r\n\r\n`,
          'utf8',
        ),
        p.file.data,
        Buffer.from('\r\n'),
      );
    } else {
      chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"\r\n\r\n${p.value ?? ''}\r\n`));
    }
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** Every file under a directory (recursively). */
function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

describe('attachments of publications', () => {
  let t: TestApp;
  let organId: number;
  let noticesId: number;
  const ids: Record<string, number> = {};
  const agents: Record<string, Agent> = {};
  const agent = (n: string) => agents[n] as Agent;
  const ctxOf = async (name: string): Promise<Ctx> => {
    const a = await t.services.auth.actorFor(ids[name] as number);
    assert.ok(a);
    return actorCtx(a, null, null);
  };
  const rows = async (publicationId: number) => t.services.attachments.list(systemCtx('test'), publicationId);

  async function draft(title = '关于开展建筑施工安全检查的通知') {
    return t.services.publications.createDraft(await ctxOf('clerk'), {
      columnId: noticesId,
      unitId: '',
      title,
      createdOn: '2026-02-27',
      theme: '城乡建设',
      genre: 'notice',
      bodyHtml: '<p>原正文</p>',
    });
  }

  async function publish(id: number) {
    const s = t.services.publications;
    let p = await s.submit(await ctxOf('clerk'), id, {
      version: (await s.get(systemCtx('t'), id)).publication.version,
      checklist: [...CHECKLIST_KEYS],
    });
    p = await s.approve(await ctxOf('head'), p.id, { version: p.version });
    return s.publish(await ctxOf('head'), p.id, { version: p.version });
  }

  /** Posts a multipart form as `who`, with the CSRF token of the attachments page first unless told otherwise. */
  async function postFile(
    who: string,
    url: string,
    file: { filename: string; data: Buffer; type?: string },
    opts: { csrf?: string | null; fileFirst?: boolean; fields?: Record<string, string>; publicationId?: number } = {},
  ): Promise<LightMyRequestResponse> {
    const a = agent(who);
    let token = opts.csrf;
    if (token === undefined) {
      const pid = opts.publicationId ?? Number(/\/publications\/(\d+)\//.exec(url)?.[1]);
      token = csrfFrom((await a.get(`${HREF}/${pid}/attachments`)).body);
    }
    const fields: Part[] = [
      ...(token === null ? [] : [{ name: '_csrf', value: token }]),
      ...Object.entries(opts.fields ?? {}).map(([name, value]) => ({ name, value })),
    ];
    const filePart: Part = { name: 'file', file };
    const body = multipart(opts.fileFirst ? [filePart, ...fields] : [...fields, filePart]);
    const res = await t.app.inject({
      method: 'POST',
      url,
      headers: { cookie: cookieHeader(a.jar), 'content-type': body.contentType },
      payload: body.payload,
    });
    a.jar = mergeCookies(a.jar, res);
    return res;
  }
  const upload = (who: string, publicationId: number, file: { filename: string; data: Buffer; type?: string }) =>
    postFile(who, `${HREF}/${publicationId}/attachments`, file);

  before(async () => {
    t = await buildTestApp({ config: { uploadMaxBytes: MAX } });
    const sys = systemCtx('test');
    const s = t.services;
    const organ = await s.organs.create(sys, {
      code: 'gxt',
      name: '广西测试厅',
      kind: 'department',
      creditCode: '11450000MB1234567X',
    });
    organId = organ.id;
    const other = await s.organs.create(sys, { code: 'othr', name: '另一机关', kind: 'department' });
    for (const [name, roles] of [
      ['clerk', ['office_staff']],
      ['head', ['office_head']],
    ] as const) {
      ids[name] = (await userWithRoles(s, organ.id, name, [...roles])).id;
    }
    ids.stranger = (await userWithRoles(s, other.id, 'stranger', ['office_head'])).id;
    await s.publications.ensureStandardColumns(sys, organ.id);
    noticesId = (await s.publications.columns(sys, organ.id)).find((c) => c.code === 'notices')?.id as number;
    for (const name of ['clerk', 'head', 'stranger']) {
      const a = new Agent(t.app);
      await a.login(name);
      agents[name] = a;
    }
  });
  after(() => t.close());

  it('takes a PDF and a .docx, sniffed from content, with their text for search', async () => {
    const p = await draft();
    const page = await agent('clerk').get(`${HREF}/${p.id}/attachments`);
    assert.equal(page.statusCode, 200);
    assert.ok(page.body.includes('enctype="multipart/form-data"'));
    assert.ok(page.body.indexOf('name="_csrf"') < page.body.indexOf('type="file"'), 'the token comes before the file');

    // the browser's type is wrong on purpose: only the content counts
    const pdf = await upload('clerk', p.id, {
      filename: '检查方案.pdf',
      data: tinyPdf('Safety inspection plan 2026'),
      type: 'text/html',
    });
    assert.equal(pdf.statusCode, 303, pdf.body);
    assert.equal(pdf.headers.location, `${HREF}/${p.id}/attachments?ok=saved`);
    const docx = await upload('clerk', p.id, { filename: '通知.docx', data: await tinyDocx() });
    assert.equal(docx.statusCode, 303, docx.body);

    const list = await rows(p.id);
    assert.deepEqual(
      list.map((a) => [a.original_name, a.media_type]),
      [
        ['检查方案.pdf', 'application/pdf'],
        ['通知.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
      ],
    );
    const text = await t.services.attachments.textOf(p.id);
    assert.match(text, /Safety inspection plan 2026/, 'the PDF text is extracted');
    assert.match(text, /各市住房城乡建设局/, 'the .docx text is extracted');
    assert.match(text, /检查方案\.pdf/, 'names are searchable too');
    for (const a of list) {
      assert.match(a.stored_name, /^[0-9a-f]{32}$/);
      assert.ok(existsSync(join(t.config.uploadDir, a.stored_name.slice(0, 2), a.stored_name)), 'the file is in place');
      assert.match(a.sha256, /^[0-9a-f]{64}$/);
    }
    assert.deepEqual(filesUnder(join(t.config.uploadDir, 'tmp')), [], 'no temporary file is left');

    const item = await agent('clerk').get(`${HREF}/${p.id}`);
    assert.match(item.body, /检查方案\.pdf<\/a><\/th><td>PDF，\d+ 字节<\/td>/, 'the staff item page lists them');
    assert.ok(item.body.includes(`action="${HREF}/${p.id}/attachments" enctype="multipart/form-data"`), 'and offers the upload');
    assert.ok(item.body.includes(`action="${HREF}/${p.id}/import-docx" enctype="multipart/form-data"`));
    const events = await t.services.publications.history(systemCtx('t'), p.id);
    assert.ok(
      events.some((e) => e.note === '添加附件：检查方案.pdf'),
      'the history records the upload',
    );
    const audit = await t.db.db
      .selectFrom('audit_log')
      .select(['action', 'after_json'])
      .where('action', '=', 'attachment.upload')
      .execute();
    assert.equal(audit.length, 2);
    assert.match(String(audit[0]?.after_json), /检查方案\.pdf/);
  });

  it('refuses a renamed executable, SVG, HTML, ZIP, an empty and an oversized file, leaving nothing behind', async () => {
    const p = await draft('拒绝测试');
    const before = filesUnder(t.config.uploadDir).length;
    const cases: Array<[string, Buffer, string]> = [
      ['通知.pdf', ELF, REFUSALS.executable],
      ['报告.docx', PE, REFUSALS.executable],
      ['脚本.txt', Buffer.from('#!/bin/sh\nrm -rf /\n'), REFUSALS.executable],
      ['图.svg', SVG, REFUSALS.markup],
      ['图.png', XML_SVG, REFUSALS.markup],
      ['页面.html', HTML, REFUSALS.markup],
      ['空.pdf', Buffer.alloc(0), REFUSALS.empty],
    ];
    for (const [filename, data, message] of cases) {
      const res = await upload('clerk', p.id, { filename, data, type: 'application/pdf' });
      assert.equal(res.statusCode, 422, filename);
      assert.ok(res.body.includes(message), `${filename}: ${message}`);
      assert.ok(res.body.includes('class="error-summary"'));
    }
    const none = await upload('clerk', p.id, { filename: '', data: Buffer.alloc(0) });
    assert.equal(none.statusCode, 422, 'the form sent without choosing a file');
    assert.ok(none.body.includes('请选择要上传的文件。'));
    assert.ok(none.body.includes('<a href="#f-file">'), 'the summary leads to the file field');
    const big = await upload('clerk', p.id, { filename: '大文件.txt', data: Buffer.alloc(MAX + 1, 'a') });
    assert.equal(big.statusCode, 422);
    assert.ok(big.body.includes('文件超过 256 KB 的上限，未上传。'), 'over the limit');
    const exact = await upload('clerk', p.id, { filename: '刚好.txt', data: Buffer.alloc(MAX, 'a') });
    assert.equal(exact.statusCode, 303, 'exactly the limit is accepted');

    const zipped = await t.services.attachments
      .upload(await ctxOf('clerk'), p.id, {
        filename: 'a.zip',
        stream: (await import('node:stream')).Readable.from([zipOf('a.txt')]),
      })
      .then(
        () => 'accepted',
        (e: Error) => e.message,
      );
    assert.equal(zipped, REFUSALS.zip);

    const list = await rows(p.id);
    assert.deepEqual(
      list.map((a) => a.original_name),
      ['刚好.txt'],
      'no row for any refused file',
    );
    assert.equal(filesUnder(t.config.uploadDir).length, before + 1, 'no file left for refused uploads');
    assert.deepEqual(filesUnder(join(t.config.uploadDir, 'tmp')), []);
  });

  it('keeps names as metadata only: no path, control or direction characters', async () => {
    const p = await draft('名称测试');
    const names: Array<[string, string]> = [
      ['../../etc/passwd', 'passwd'],
      ['..\\..\\windows\\system.ini', 'system.ini'],
      ['a\u0000b\u0007c.txt', 'abc.txt'],
      ['invoice\u202Etxt.exe', 'invoicetxt.exe'],
      ['.hidden', 'hidden'],
      [`${'长'.repeat(300)}.txt`, `${'长'.repeat(116)}.txt`],
    ];
    for (const [raw] of names) {
      const r = await t.services.attachments.upload(await ctxOf('clerk'), p.id, {
        filename: raw,
        stream: (await import('node:stream')).Readable.from([Buffer.from('正文内容')]),
      });
      assert.match(r.stored_name, /^[0-9a-f]{32}$/);
    }
    // and through the form, where the browser's name arrives in the multipart header
    const viaForm = await upload('clerk', p.id, { filename: '../../etc/shadow', data: Buffer.from('文本') });
    assert.equal(viaForm.statusCode, 303);
    const list = await rows(p.id);
    assert.deepEqual(
      list.map((a) => a.original_name),
      [...names.map(([, clean]) => clean), 'shadow'],
    );
    for (const a of list) assert.equal(a.media_type, 'text/plain');
    const files = filesUnder(t.config.uploadDir);
    assert.ok(
      files.every((f) => f.startsWith(t.config.uploadDir) && /[0-9a-f]{32}$/.test(f)),
      'every stored file is under the upload directory by a generated name',
    );
    assert.ok(!existsSync(join(t.config.uploadDir, '..', 'etc')), 'nothing was written outside');
  });

  it('serves files with their sniffed type, a safe disposition and restrictive headers', async () => {
    const p = await draft('下载测试');
    await upload('clerk', p.id, { filename: '检查方案.pdf', data: tinyPdf('Download test') });
    await upload('clerk', p.id, { filename: '通知.docx', data: await tinyDocx() });
    await upload('clerk', p.id, { filename: '数据.csv', data: Buffer.from('名称,数量\n甲,1\n乙,2\n') });
    await upload('clerk', p.id, { filename: '图.png', data: PNG });
    const [pdf, docx, csv, png] = await rows(p.id);
    assert.ok(pdf && docx && csv && png);
    assert.equal(csv.media_type, 'text/csv');
    assert.equal(png.media_type, 'image/png');
    await publish(p.id);

    const res = await t.app.inject({ method: 'GET', url: `/attachments/${pdf.id}/${encodeURIComponent(pdf.original_name)}` });
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['content-type'], 'application/pdf');
    assert.equal(
      res.headers['content-disposition'],
      `inline; filename="____.pdf"; filename*=UTF-8''%E6%A3%80%E6%9F%A5%E6%96%B9%E6%A1%88.pdf`,
    );
    assert.equal(res.headers['x-content-type-options'], 'nosniff');
    assert.match(String(res.headers['content-security-policy']), /^default-src 'none'; frame-ancestors 'none'/);
    assert.equal(res.headers['content-length'], String(pdf.size));
    assert.equal(res.headers['set-cookie'], undefined, 'public downloads set no cookie');
    assert.match(String(res.headers['cache-control']), /^public, max-age=\d+$/);
    assert.ok(res.rawPayload.subarray(0, 5).equals(Buffer.from('%PDF-')));

    const d = await t.app.inject({ method: 'GET', url: `/attachments/${docx.id}/x` });
    assert.equal(d.statusCode, 200);
    assert.match(
      String(d.headers['content-disposition']),
      /^attachment; filename="__\.docx"; filename\*=UTF-8''%E9%80%9A%E7%9F%A5\.docx$/,
    );
    assert.match(String(d.headers['content-security-policy']), /sandbox/);
    const c = await t.app.inject({ method: 'GET', url: `/attachments/${csv.id}` });
    assert.equal(c.headers['content-type'], 'text/csv; charset=utf-8');
    assert.match(String(c.headers['content-disposition']), /^attachment;/);
    const i = await t.app.inject({ method: 'GET', url: `/attachments/${png.id}` });
    assert.equal(i.headers['content-type'], 'image/png');
    assert.match(String(i.headers['content-disposition']), /^inline;/);

    for (const bad of ['/attachments/0', '/attachments/abc', '/attachments/99999999', '/attachments/1e3']) {
      assert.equal((await t.app.inject({ method: 'GET', url: bad })).statusCode, 404, bad);
    }
  });

  it('shows draft files only to staff who may read the item', async () => {
    const p = await draft('草稿附件');
    await upload('clerk', p.id, { filename: '草稿.pdf', data: tinyPdf('Draft only') });
    const [a] = await rows(p.id);
    assert.ok(a);
    const anon = await t.app.inject({ method: 'GET', url: `/attachments/${a.id}/x.pdf` });
    assert.equal(anon.statusCode, 404, 'the public never sees a draft file');
    const byClerk = await agent('clerk').get(`/attachments/${a.id}/x.pdf`);
    assert.equal(byClerk.statusCode, 404, 'not through the public address either');
    const staff = await agent('head').get(`/staff/attachments/${a.id}/x.pdf`);
    assert.equal(staff.statusCode, 200, 'staff of the organ read it');
    assert.equal(staff.headers['cache-control'], 'no-store');
    const stranger = await agent('stranger').get(`/staff/attachments/${a.id}/x.pdf`);
    assert.ok([403, 404].includes(stranger.statusCode), 'staff of another organ do not');
    assert.ok(!stranger.rawPayload.includes(Buffer.from('%PDF')));
    const noSession = await t.app.inject({ method: 'GET', url: `/staff/attachments/${a.id}/x.pdf` });
    assert.equal(noSession.statusCode, 303, 'anonymous back-office requests go to sign-in');
    assert.equal((await t.services.attachments.publicList(p.id)).length, 0);

    // another organ's staff cannot upload to it or open its page
    assert.ok([403, 404].includes((await agent('stranger').get(`${HREF}/${p.id}/attachments`)).statusCode));
  });

  it('checks CSRF on multipart posts before reading the file', async () => {
    const p = await draft('CSRF 测试');
    const file = { filename: 'a.pdf', data: tinyPdf('csrf') };
    const url = `${HREF}/${p.id}/attachments`;
    const noToken = await postFile('clerk', url, file, { csrf: null });
    assert.equal(noToken.statusCode, 403);
    const wrong = await postFile('clerk', url, file, { csrf: 'not-the-token' });
    assert.equal(wrong.statusCode, 403);
    const fileFirst = await postFile('clerk', url, file, { fileFirst: true });
    assert.equal(fileFirst.statusCode, 403, 'a file before the token is not read');
    // another member of staff's token is not this session's
    const othersToken = csrfFrom((await agent('head').get(`${HREF}/${p.id}/attachments`)).body);
    assert.equal((await postFile('clerk', url, file, { csrf: othersToken })).statusCode, 403);
    const importNoToken = await postFile(
      'clerk',
      `${HREF}/${p.id}/import-docx`,
      { filename: 'a.docx', data: await tinyDocx() },
      { csrf: null, fields: { version: '1' } },
    );
    assert.equal(importNoToken.statusCode, 403);
    // a multipart post to a form route that does not take files carries no readable token: refused
    const edit = await postFile('clerk', `${HREF}/${p.id}/edit`, file, { publicationId: p.id });
    assert.equal(edit.statusCode, 403);
    assert.deepEqual(await rows(p.id), [], 'nothing stored');
    assert.deepEqual(filesUnder(join(t.config.uploadDir, 'tmp')), []);
    // the header works for scripts
    const token = csrfFrom((await agent('clerk').get(`${HREF}/${p.id}/attachments`)).body);
    const body = multipart([{ name: 'file', file }]);
    const viaHeader = await t.app.inject({
      method: 'POST',
      url,
      headers: { cookie: cookieHeader(agent('clerk').jar), 'content-type': body.contentType, 'x-csrf-token': token },
      payload: body.payload,
    });
    assert.equal(viaHeader.statusCode, 303);
  });

  it('escapes file names on the staff and public pages', async () => {
    const p = await draft('转义测试');
    const evil = '<img src=x onerror=alert(1)><script>x.pdf';
    const res = await upload('clerk', p.id, { filename: evil, data: tinyPdf('Escape') });
    assert.equal(res.statusCode, 303);
    const [a] = await rows(p.id);
    assert.equal(a?.original_name, evil, 'kept as written, as metadata');
    for (const url of [`${HREF}/${p.id}`, `${HREF}/${p.id}/attachments`]) {
      const page = await agent('clerk').get(url);
      assert.ok(!page.body.includes('<script>x'), url);
      assert.ok(!page.body.includes('<img src=x'), url);
      assert.ok(page.body.includes('&lt;img src=x onerror=alert(1)>&lt;script>x.pdf'), url);
    }
    await publish(p.id);
    const pub = await t.app.inject({ method: 'GET', url: `/items/${p.id}` });
    assert.equal(pub.statusCode, 200);
    assert.ok(!pub.body.includes('<script>x') && !pub.body.includes('<img src=x'));
    assert.ok(pub.body.includes('&lt;img src=x onerror=alert(1)>&lt;script>x.pdf<span class="hint">（PDF，'));
    assert.ok(pub.body.includes(`href="/attachments/${a?.id}/${encodeURIComponent(evil)}"`));
    assert.ok(pub.body.includes('<h2 id="attachments">附件</h2>'));
  });

  it('imports a .docx as the body, keeps it attached and shows the warnings', async () => {
    const p = await draft('导入测试');
    const page = await agent('clerk').get(`${HREF}/${p.id}/attachments`);
    const version = /name="version" value="(\d+)"/.exec(page.body)?.[1];
    assert.equal(version, String(p.version));
    const res = await postFile(
      'clerk',
      `${HREF}/${p.id}/import-docx`,
      { filename: '通知正文.docx', data: await tinyDocx() },
      { fields: { version: String(version) } },
    );
    assert.equal(res.statusCode, 200, res.body);
    assert.ok(res.body.includes('已将「通知正文.docx」的内容导入为正文'));
    assert.ok(res.body.includes('转换提示'), 'mammoth warnings are shown');
    assert.ok(res.body.includes('未识别的段落样式「Unmapped Custom Style」'));
    assert.ok(res.body.includes('Word 文件中的 1 张图片没有导入正文'), 'images are named, not silently lost');

    const after = (await t.services.publications.get(systemCtx('t'), p.id)).publication;
    assert.equal(after.version, p.version + 1);
    assert.match(after.body_html, /<h2>关于开展建筑施工安全检查的通知<\/h2>/, 'Word headings one level down');
    assert.match(after.body_html, /<strong>请认真落实。<\/strong>/);
    assert.ok(!after.body_html.includes('原正文'));
    assert.ok(!after.body_html.includes('<img'), 'no empty image is left in the body');
    assert.deepEqual(
      (await rows(p.id)).map((a) => a.original_name),
      ['通知正文.docx'],
    );
    const events = await t.services.publications.history(systemCtx('t'), p.id);
    assert.ok(events.some((e) => e.note === '从 Word 导入正文：通知正文.docx'));

    // a stale version is refused and leaves nothing
    const stale = await postFile(
      'clerk',
      `${HREF}/${p.id}/import-docx`,
      { filename: '旧.docx', data: await tinyDocx() },
      { fields: { version: String(p.version) } },
    );
    assert.equal(stale.statusCode, 409);
    // a PDF is not a Word file
    const notDocx = await postFile(
      'clerk',
      `${HREF}/${p.id}/import-docx`,
      { filename: '伪装.docx', data: tinyPdf('x') },
      { fields: { version: String(after.version) } },
    );
    assert.equal(notDocx.statusCode, 422);
    assert.ok(notDocx.body.includes('只能从 .docx 格式的 Word 文件导入正文'));
    assert.equal((await rows(p.id)).length, 1);
    assert.equal(
      filesUnder(t.config.uploadDir).filter((f) => !f.includes(`${join(t.config.uploadDir, 'tmp')}`)).length,
      new Set((await t.db.db.selectFrom('attachments').select('stored_name').execute()).map((r) => r.stored_name)).size,
      'one file per stored name, none orphaned',
    );
  });

  it('removes attachments of drafts (audited) and carries them to a new edition', async () => {
    const p = await draft('版本测试');
    await upload('clerk', p.id, { filename: '保留.pdf', data: tinyPdf('Keep') });
    await upload('clerk', p.id, { filename: '删除.pdf', data: tinyPdf('Remove') });
    const [keep, gone] = await rows(p.id);
    assert.ok(keep && gone);
    const goneFile = join(t.config.uploadDir, gone.stored_name.slice(0, 2), gone.stored_name);
    const removed = await agent('clerk').submit(
      `${HREF}/${p.id}/attachments`,
      `${HREF}/${p.id}/attachments/${gone.id}/remove`,
      {},
    );
    assert.equal(removed.statusCode, 303);
    assert.deepEqual(
      (await rows(p.id)).map((a) => a.id),
      [keep.id],
    );
    assert.ok(!existsSync(goneFile), 'an unused file is deleted');
    const audit = await t.db.db
      .selectFrom('audit_log')
      .select(['before_json'])
      .where('action', '=', 'attachment.remove')
      .execute();
    assert.equal(audit.length, 1);
    assert.match(String(audit[0]?.before_json), /删除\.pdf/);
    // without the token: refused
    assert.equal((await agent('clerk').post(`${HREF}/${p.id}/attachments/${keep.id}/remove`, {})).statusCode, 403);

    const published = await publish(p.id);
    // published: no more changes to its files
    const late = await upload('clerk', p.id, { filename: '迟到.pdf', data: tinyPdf('Late') });
    assert.equal(late.statusCode, 409);
    assert.equal((await rows(p.id)).length, 1);

    const next = await t.services.publications.revise(await ctxOf('clerk'), published.id, { version: published.version });
    const carried = await rows(next.id);
    assert.deepEqual(
      carried.map((a) => [a.original_name, a.stored_name]),
      [[keep.original_name, keep.stored_name]],
      'the new edition has the same files',
    );
    assert.notEqual(carried[0]?.id, keep.id);
    assert.match(await t.services.attachments.textOf(next.id), /Keep/);
    // removing it from the new draft keeps the file the published edition still uses
    await t.services.attachments.remove(await ctxOf('clerk'), carried[0]?.id as number);
    const pub = await t.app.inject({ method: 'GET', url: `/attachments/${keep.id}/x.pdf` });
    assert.equal(pub.statusCode, 200, 'the published edition still serves it');
    assert.ok(pub.rawPayload.subarray(0, 5).equals(Buffer.from('%PDF-')));
    const item = await t.app.inject({ method: 'GET', url: `/items/${p.id}` });
    assert.ok(item.body.includes(`href="/attachments/${keep.id}/`));

    // withdrawn: its files are no longer public
    const head = await ctxOf('head');
    const cur = (await t.services.publications.get(systemCtx('t'), p.id)).publication;
    await t.services.publications.withdraw(head, p.id, { version: cur.version, reason: '内容有误' });
    assert.equal((await t.app.inject({ method: 'GET', url: `/attachments/${keep.id}/x.pdf` })).statusCode, 404);
    const withdrawnPage = await t.app.inject({ method: 'GET', url: `/items/${p.id}` });
    assert.equal(withdrawnPage.statusCode, 200);
    assert.ok(!withdrawnPage.body.includes('/attachments/'), 'the withdrawn page lists no files');
    assert.equal(organId > 0, true);
  });

  it('gongkai attachments verify finds missing, altered and unnamed files', async () => {
    const p = await draft('核对测试');
    await upload('clerk', p.id, { filename: '甲.txt', data: Buffer.from('甲的内容') });
    await upload('clerk', p.id, { filename: '乙.txt', data: Buffer.from('乙的内容') });
    const run = () =>
      spawnSync(process.execPath, [join(import.meta.dirname, '../../bin/gongkai.js'), 'attachments', 'verify'], {
        env: {
          ...process.env,
          DATABASE_URL: t.db.url,
          GONGKAI_SECRET: t.config.secret,
          GONGKAI_UPLOAD_DIR: t.config.uploadDir,
        },
        encoding: 'utf8',
      });
    const ok = run();
    assert.equal(ok.status, 0, ok.stderr);
    assert.match(ok.stdout, /^附件文件完整：共 \d+ 个\n$/);

    const [a, b] = await rows(p.id);
    assert.ok(a && b);
    const pathOf = (n: string) => join(t.config.uploadDir, n.slice(0, 2), n);
    writeFileSync(pathOf(a.stored_name), '被改过的内容');
    rmSync(pathOf(b.stored_name));
    mkdirSync(join(t.config.uploadDir, 'ff'), { recursive: true });
    writeFileSync(join(t.config.uploadDir, 'ff', 'ff00000000000000000000000000000f'), 'orphan');
    const r = await t.services.attachments.verifyFiles();
    assert.deepEqual(r.missing, [b.stored_name]);
    assert.deepEqual(r.altered, [a.stored_name]);
    assert.deepEqual(r.unnamed, [join('ff', 'ff00000000000000000000000000000f')]);
    const bad = run();
    assert.equal(bad.status, 1);
    assert.match(bad.stdout, new RegExp(`缺失：${b.stored_name}`));
    assert.match(bad.stdout, new RegExp(`校验和不符：${a.stored_name}`));
    assert.match(bad.stderr, /附件文件有问题：缺失 1 个，校验和不符 1 个/);
    // leave the store consistent for the other tests
    await t.services.attachments.remove(await ctxOf('clerk'), a.id);
    await t.services.attachments.remove(await ctxOf('clerk'), b.id);
    rmSync(join(t.config.uploadDir, 'ff'), { recursive: true });
  });
});

/** A stored (uncompressed) ZIP with one text entry: a plain archive, not OFD. */
function zipOf(name: string): Buffer {
  const data = Buffer.from('hello');
  const crc = crc32(data);
  const nameBuf = Buffer.from(name);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt32LE(crc, 14);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(data.length, 22);
  local.writeUInt16LE(nameBuf.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt32LE(crc, 16);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(data.length, 24);
  central.writeUInt16LE(nameBuf.length, 28);
  const cdOffset = local.length + nameBuf.length + data.length;
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(1, 8);
  eocd.writeUInt16LE(1, 10);
  eocd.writeUInt32LE(central.length + nameBuf.length, 12);
  eocd.writeUInt32LE(cdOffset, 16);
  return Buffer.concat([local, nameBuf, data, central, nameBuf, eocd]);
}

function crc32(buf: Buffer): number {
  let c = ~0;
  for (const b of buf) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
  }
  return ~c >>> 0;
}
