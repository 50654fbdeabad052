// Upload attacks through the back-office forms (attachments, Word import, files released with a
// reply): oversized, ZIP bomb, renamed executables, SVG with script, path tricks in names. Each is
// refused with a Chinese message or neutralised, and nothing half-written is left or referenced.
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Agent, buildTestApp, cookieHeader, csrfFrom, type TestApp } from '../support/app.js';
import { type Publishing, publishingOrgan } from '../support/publishing.js';
import { docxBomb, docxOf, ELF, PE } from './support/files.js';
import { multipartBody } from './support/probe.js';

const MAX = 1024 * 1024;

function filesUnder(dir: string): string[] {
  try {
    return readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((d) => d.isFile())
      .map((d) => join(d.parentPath, d.name));
  } catch {
    return [];
  }
}

describe('security: upload attacks', () => {
  let t: TestApp;
  let pub: Publishing;
  let clerk: Agent;
  before(async () => {
    t = await buildTestApp({ config: { uploadMaxBytes: MAX } });
    pub = await publishingOrgan(t, 'upl', '上传测试厅');
    clerk = new Agent(t.app);
    await clerk.login('upl-author');
  });
  after(() => t.close());

  async function send(url: string, name: string, data: Buffer<ArrayBufferLike>, fields: Record<string, string> = {}) {
    const page = await clerk.get(url.replace(/\/import-docx$/, '/attachments'));
    const body = multipartBody({ _csrf: csrfFrom(page.body), ...fields }, { name, data });
    return t.app.inject({
      method: 'POST',
      url,
      headers: { cookie: cookieHeader(clerk.jar), 'content-type': body.contentType },
      payload: body.payload,
    });
  }
  const rows = (id: number) =>
    t.db.db
      .selectFrom('attachments')
      .select(['original_name', 'stored_name', 'media_type'])
      .where('publication_id', '=', id)
      .execute();

  it('refuses each hostile file with a Chinese message, keeps no row and no file', async () => {
    const p = await pub.draft({ title: '上传攻击' });
    const url = `/staff/publications/${p.id}/attachments`;
    const before = filesUnder(t.config.uploadDir).length;
    const cases: Array<[string, string, Buffer, RegExp]> = [
      ['oversized', '大文件.pdf', Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(MAX + 10, 0x20)]), /超过 .* 的上限/],
      ['ELF named .pdf', '通知.pdf', ELF, /可执行程序/],
      ['PE named .pdf', '通知.pdf', PE, /可执行程序/],
      ['PE named .docx', '报告.docx', PE, /可执行程序/],
      [
        'SVG with script',
        '图.svg',
        Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
        /SVG/,
      ],
      ['SVG named .png', '图.png', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'), /SVG/],
      ['HTML named .txt', '说明.txt', Buffer.from('<html><script>alert(1)</script></html>'), /SVG、HTML/],
      ['shell script', 'run.txt', Buffer.from('#!/bin/sh\nrm -rf /\n'), /可执行程序或脚本/],
      ['empty', '空.pdf', Buffer.alloc(0), /空的/],
    ];
    for (const [what, name, data, message] of cases) {
      const res = await send(url, name, data);
      assert.ok([413, 422].includes(res.statusCode), `${what}: ${res.statusCode}`);
      assert.match(res.body, message, what);
    }
    assert.deepEqual(await rows(p.id), []);
    assert.equal(filesUnder(t.config.uploadDir).length, before, 'no file left behind');
  });

  it('a ZIP bomb (.docx that inflates to 200 MB) is refused for import and never inflated for search', async () => {
    const p = await pub.draft({ title: '压缩炸弹' });
    const bomb = docxBomb(200);
    assert.ok(bomb.length < MAX, `the bomb is small on disk (${bomb.length} bytes)`);
    const before = filesUnder(t.config.uploadDir).length;
    const started = Date.now();
    const imported = await send(`/staff/publications/${p.id}/import-docx`, '炸弹.docx', bomb, { version: String(p.version) });
    assert.equal(imported.statusCode, 422);
    assert.match(imported.body, /解压后/);
    assert.equal(filesUnder(t.config.uploadDir).length, before);
    // as an attachment it is kept (a file is a file) but its text is not inflated for the index
    const attached = await send(`/staff/publications/${p.id}/attachments`, '炸弹.docx', bomb);
    assert.equal(attached.statusCode, 303);
    assert.doesNotMatch(await t.services.attachments.textOf(p.id), /AAAA/, 'the bomb’s text was not inflated');
    assert.ok(Date.now() - started < 15_000, `took ${Date.now() - started} ms`);
    // an honest .docx still imports
    const fine = await send(`/staff/publications/${p.id}/import-docx`, '正文.docx', docxOf('正文第一段'), {
      version: String(
        (await t.db.db.selectFrom('publications').select('version').where('id', '=', p.id).executeTakeFirstOrThrow()).version,
      ),
    });
    assert.equal(fine.statusCode, 200, fine.body.slice(0, 300));
    const body = await t.db.db.selectFrom('publications').select('body_html').where('id', '=', p.id).executeTakeFirstOrThrow();
    assert.match(String(body.body_html), /正文第一段/);
  });

  it('path tricks in names stay metadata: no traversal, no NUL, no reserved device names', async () => {
    const p = await pub.draft({ title: '文件名' });
    const url = `/staff/publications/${p.id}/attachments`;
    for (const name of [
      '../../etc/passwd',
      '..\\..\\boot.ini',
      'a\u0000.txt',
      'CON',
      'nul.txt',
      'COM1.txt',
      'LPT1',
      'x/../../y.txt',
    ]) {
      const res = await send(url, name, Buffer.from('文本内容'));
      assert.equal(res.statusCode, 303, name);
    }
    const list = await rows(p.id);
    assert.equal(list.length, 8);
    for (const a of list) {
      assert.match(a.stored_name, /^[0-9a-f]{32}$/, 'stored under a random name');
      assert.doesNotMatch(a.original_name, /[/\\\0]|\.\./, a.original_name);
      assert.doesNotMatch(
        a.original_name,
        /^(con|prn|aux|nul|com\d|lpt\d)(\.|$)/i,
        `reserved device name kept: ${a.original_name}`,
      );
    }
    for (const f of filesUnder(t.config.uploadDir)) assert.ok(f.startsWith(t.config.uploadDir), f);
  });
});
