// Disk full while uploading an attachment (issue 6), on a real full file system: the upload
// directory is a 1 MiB tmpfs mounted for the test (needs root or CAP_SYS_ADMIN, as CI has),
// filled up but for a little room. The upload is refused with a clear Chinese message (507), no
// half-written file is left behind and no row names one; once there is room again, the same
// upload is stored whole and referenced.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { storedPath } from '../../src/modules/attachments/attachments.receive.js';
import { systemCtx } from '../../src/platform/context.js';
import { Agent, buildTestApp, cookieHeader, csrfFrom, mergeCookies, type TestApp } from '../support/app.js';
import { type Publishing, publishingOrgan } from '../support/publishing.js';

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

/** A PDF of about `size` bytes. */
const pdf = (size: number) =>
  Buffer.concat([Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n', 'latin1'), Buffer.alloc(size, 0x20), Buffer.from('\n%%EOF\n')]);

function multipart(csrf: string, filename: string, data: Buffer) {
  const boundary = '----gongkaiDiskFull';
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${csrf}\r\n`),
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/pdf\r\n\r\n`,
    ),
    data,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, contentType: `multipart/form-data; boundary=${boundary}` };
}

describe('faults: the disk fills up during an upload', () => {
  const mountpoint = mkdtempSync(join(tmpdir(), 'gk-full-'));
  let t: TestApp;
  let p: Publishing;

  before(async () => {
    const m = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=1m,mode=0700', 'tmpfs', mountpoint], { encoding: 'utf8' });
    assert.equal(m.status, 0, `this test mounts a 1 MiB tmpfs and needs root (CAP_SYS_ADMIN): ${m.stderr}`);
    t = await buildTestApp({ config: { uploadDir: join(mountpoint, 'uploads') } });
    p = await publishingOrgan(t);
  });
  after(async () => {
    await t?.close();
    spawnSync('umount', [mountpoint]);
    rmdirSync(mountpoint);
  });

  it('refuses the upload with a clear message and keeps no partial file; stores it whole once there is room', async () => {
    const a = new Agent(t.app);
    await a.login('gxt-author');
    const d = await p.draft({ title: '关于公布年度预算的通知' });
    const upload = async (data: Buffer) => {
      const page = await a.get(`/staff/publications/${d.id}/attachments`);
      const body = multipart(csrfFrom(page.body), '2026年预算.pdf', data);
      const res = await t.app.inject({
        method: 'POST',
        url: `/staff/publications/${d.id}/attachments`,
        headers: { cookie: cookieHeader(a.jar), 'content-type': body.contentType },
        payload: body.payload,
      });
      a.jar = mergeCookies(a.jar, res);
      return res;
    };
    // the file system full but for about 200 KB (the upload directory's first use creates it)
    writeFileSync(join(mountpoint, 'first'), pdf(1000));
    const filler = join(mountpoint, 'filler');
    writeFileSync(filler, Buffer.alloc(1024 * 1024 - 200 * 1024 - 8192));
    rmSync(join(mountpoint, 'first'));
    const file = pdf(400 * 1024);

    const full = await upload(file);
    assert.equal(full.statusCode, 507, full.body.slice(0, 300));
    assert.match(full.body, /服务器存储空间已满，文件未保存。请联系系统管理员清理空间后重新上传。/);
    assert.match(full.body, /lang="zh-CN"/);
    assert.deepEqual(await t.services.attachments.list(systemCtx('test'), d.id), [], 'no row names a file');
    assert.deepEqual(
      filesUnder(mountpoint).filter((f) => f !== filler),
      [],
      'no half-written file is left (the partial upload is removed)',
    );

    rmSync(filler);
    const ok = await upload(file);
    assert.equal(ok.statusCode, 303, ok.body.slice(0, 300));
    const [row] = await t.services.attachments.list(systemCtx('test'), d.id);
    assert.ok(row);
    const stored = readFileSync(storedPath(t.config.uploadDir, row.stored_name));
    assert.equal(stored.length, file.length);
    assert.equal(createHash('sha256').update(stored).digest('hex'), row.sha256);
    assert.equal(row.sha256, createHash('sha256').update(file).digest('hex'), 'the whole file, as sent');
  });
});
