// What a file is and what text it holds, from its bytes alone: OOXML, OFD, old Office (CFB) versus
// installers, text versus markup, and extraction caps (ZIP bombs, long texts). Database-free.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { deflateRawSync } from 'node:zlib';
import { extractText } from '../../src/modules/attachments/attachments.extract.js';
import { cleanName, contentDisposition } from '../../src/modules/attachments/attachments.names.js';
import { REFUSALS, sniff } from '../../src/modules/attachments/attachments.sniff.js';
import { describe as describeKind } from '../../src/modules/attachments/attachments.types.js';

/** A ZIP archive of the entries given, deflated unless told otherwise. */
function zip(entries: Array<[string, string | Buffer]>, opts: { store?: boolean } = {}): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of entries) {
    const data = Buffer.isBuffer(content) ? content : Buffer.from(content, 'utf8');
    const packed = opts.store ? data : deflateRawSync(data);
    const nameBuf = Buffer.from(name, 'utf8');
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(opts.store ? 0 : 8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBuf.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(opts.store ? 0 : 8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBuf.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBuf, packed);
    centrals.push(central, nameBuf);
    offset += local.length + nameBuf.length + packed.length;
  }
  const cd = Buffer.concat(centrals);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(entries.length, 8);
  eocd.writeUInt16LE(entries.length, 10);
  eocd.writeUInt32LE(cd.length, 12);
  eocd.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, eocd]);
}

function crc32(buf: Buffer): number {
  let c = ~0;
  for (const b of buf) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
  }
  return ~c >>> 0;
}

const contentTypes = (main: string) =>
  `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
  `<Default Extension="xml" ContentType="application/xml"/><Override PartName="/main.xml" ContentType="${main}"/></Types>`;

const XLSX_MAIN = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml';
const PPTX_MAIN = 'application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml';

/** A Compound File (the container of .doc/.xls/.ppt and of .msi) whose directory names these streams. */
function cfb(streams: string[]): Buffer {
  const header = Buffer.alloc(512);
  Buffer.from('d0cf11e0a1b11ae1', 'hex').copy(header, 0);
  header.writeUInt16LE(0x3e, 0x18);
  header.writeUInt16LE(3, 0x1a);
  header.writeUInt16LE(0xfffe, 0x1c);
  header.writeUInt16LE(9, 0x1e);
  header.writeUInt16LE(6, 0x20);
  header.writeUInt32LE(1, 0x2c);
  header.writeUInt32LE(0, 0x30);
  header.writeUInt32LE(0x1000, 0x38);
  header.writeUInt32LE(0xfffffffe, 0x3c);
  header.writeUInt32LE(0xfffffffe, 0x44);
  for (let i = 0; i < 109; i++) header.writeUInt32LE(i === 0 ? 1 : 0xffffffff, 0x4c + i * 4);
  const dir = Buffer.alloc(512);
  ['Root Entry', ...streams].slice(0, 4).forEach((name, i) => {
    const e = i * 128;
    dir.write(name, e, 'utf16le');
    dir.writeUInt16LE((name.length + 1) * 2, e + 0x40);
    dir.writeUInt8(i === 0 ? 5 : 2, e + 0x42);
  });
  const fat = Buffer.alloc(512, 0xff);
  fat.writeUInt32LE(0xfffffffe, 0);
  fat.writeUInt32LE(0xfffffffd, 4);
  return Buffer.concat([header, dir, fat]);
}

describe('attachments: what a file is', () => {
  it('accepts OOXML spreadsheets and presentations and reads their text', async () => {
    const xlsx = zip([
      ['[Content_Types].xml', contentTypes(XLSX_MAIN)],
      ['xl/workbook.xml', '<workbook/>'],
      ['xl/sharedStrings.xml', '<sst><si><t>财政预算</t></si><si><t xml:space="preserve">公开 &amp; 透明</t></si></sst>'],
      ['xl/worksheets/sheet1.xml', '<worksheet><c t="inlineStr"><is><t>行内文字</t></is></c></worksheet>'],
    ]);
    const sx = await sniff(xlsx);
    assert.deepEqual(sx, { ok: true, kind: 'xlsx', mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
    const tx = await extractText(xlsx, 'xlsx');
    assert.match(tx ?? '', /财政预算 公开 & 透明/);
    assert.match(tx ?? '', /行内文字/);

    const pptx = zip([
      ['[Content_Types].xml', contentTypes(PPTX_MAIN)],
      ['ppt/presentation.xml', '<p:presentation/>'],
      ['ppt/slides/slide10.xml', '<p:sld><a:t>第十页</a:t></p:sld>'],
      ['ppt/slides/slide2.xml', '<p:sld><a:t>第二页</a:t><a:t>&#x4E2D;文</a:t></p:sld>'],
    ]);
    assert.equal(((await sniff(pptx)) as { kind: string }).kind, 'pptx');
    assert.equal(await extractText(pptx, 'pptx'), '第二页 中文\n第十页', 'slides in order');
  });

  it('accepts OFD (a ZIP with OFD.xml) and refuses any other ZIP and macro-enabled files', async () => {
    const ofd = zip([
      ['OFD.xml', '<ofd:OFD xmlns:ofd="http://www.ofdspec.org/2016"/>'],
      ['Doc_0/Pages/Page_0/Content.xml', '<ofd:Page><ofd:TextCode X="0" Y="0">国务院办公厅通知</ofd:TextCode></ofd:Page>'],
    ]);
    assert.deepEqual(await sniff(ofd), { ok: true, kind: 'ofd', mime: 'application/ofd' });
    assert.equal(await extractText(ofd, 'ofd'), '国务院办公厅通知');
    assert.deepEqual(
      await sniff(
        zip([
          ['readme.txt', 'hi'],
          ['run.exe', 'MZ'],
        ]),
      ),
      { ok: false, reason: REFUSALS.zip },
    );
    const docm = zip([
      ['[Content_Types].xml', contentTypes('application/vnd.ms-word.document.macroEnabled.main+xml')],
      ['word/document.xml', '<w:document/>'],
    ]);
    const r = await sniff(docm);
    assert.equal(r.ok, false);
  });

  it('tells old Office files from other compound files such as installers', async () => {
    assert.equal(((await sniff(cfb(['WordDocument', '1Table']))) as { kind: string }).kind, 'doc');
    assert.equal(((await sniff(cfb(['Workbook']))) as { kind: string }).kind, 'xls');
    assert.equal(((await sniff(cfb(['PowerPoint Document']))) as { kind: string }).kind, 'ppt');
    const msi = await sniff(cfb(['\u4840\u3f3f\u4577', 'SummaryInformation']));
    assert.equal(msi.ok, false, 'an installer-like compound file is refused');
    assert.equal(await extractText(cfb(['WordDocument']), 'doc'), null, 'no text from old binary formats');
  });

  it('takes UTF-8 text and CSV, refuses binaries, other encodings, markup and scripts', async () => {
    assert.equal(((await sniff(Buffer.from('\uFEFF第一行\n第二行\n'))) as { kind: string }).kind, 'txt');
    assert.equal(((await sniff(Buffer.from('项目,金额\n"办公, 用品",100\n差旅,200\n'))) as { kind: string }).kind, 'csv');
    assert.equal((await sniff(Buffer.from('通知', 'utf16le'))).ok, false, 'UTF-16 without a known signature is refused');
    assert.equal((await sniff(Buffer.from([0xb9, 0xab, 0xbf, 0xaa]))).ok, false, 'GBK bytes are not valid UTF-8');
    assert.equal((await sniff(Buffer.from('a\u0000b'))).ok, false);
    assert.deepEqual(await sniff(Buffer.from('  <html><body>x</body></html>')), { ok: false, reason: REFUSALS.markup });
    assert.deepEqual(await sniff(Buffer.from('说明\n<script>alert(1)</script>')), { ok: false, reason: REFUSALS.markup });
    assert.deepEqual(await sniff(Buffer.from('#!/usr/bin/env python\n')), { ok: false, reason: REFUSALS.executable });
    assert.deepEqual(await sniff(Buffer.alloc(0)), { ok: false, reason: REFUSALS.empty });
  });

  it('caps extraction: ZIP bombs are not inflated, long texts are cut', async () => {
    const bomb = zip([
      ['[Content_Types].xml', contentTypes(XLSX_MAIN)],
      [
        'xl/sharedStrings.xml',
        Buffer.concat([Buffer.from('<sst><si><t>'), Buffer.alloc(40 * 1024 * 1024, 0x41), Buffer.from('</t></si></sst>')]),
      ],
    ]);
    assert.ok(bomb.length < 200 * 1024, 'small on disk');
    assert.equal(await extractText(bomb, 'xlsx'), null, 'too large once inflated: skipped');
    const long = await extractText(Buffer.from('字'.repeat(2000)), 'txt', { maxChars: 100 });
    assert.equal(long?.length, 100);
    assert.equal(await extractText(Buffer.from('%PDF-1.4 broken'), 'pdf'), null, 'a broken PDF gives no text, no error');
  });

  it('cleans names and writes RFC 5987 dispositions', () => {
    assert.equal(cleanName('C:\\Users\\张三\\桌面\\通知.pdf'), '通知.pdf');
    assert.equal(cleanName('\u202E\u200Bfdp.exe'), 'fdp.exe');
    assert.equal(cleanName('   '), '附件');
    assert.equal(cleanName('..'), '附件');
    assert.equal(
      contentDisposition('2026年(第1期) "预算".pdf', false),
      `attachment; filename="2026_(_1_) ____.pdf"; filename*=UTF-8''2026%E5%B9%B4%28%E7%AC%AC1%E6%9C%9F%29%20%22%E9%A2%84%E7%AE%97%22.pdf`,
    );
    assert.equal(describeKind('application/pdf', 1.2 * 1024 * 1024), 'PDF，1.2 MB');
    assert.equal(describeKind('image/png', 2048), 'PNG 图片，2 KB');
    assert.equal(describeKind('text/plain', 12), '文本，12 字节');
  });
});
