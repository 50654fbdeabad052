// Fuzzing the report checker (fast-check): on arbitrary or mutated input the parser, the table
// mapper, the text reader and the rules never throw anything but a Chinese ReportReadError, and
// finish in bounded time.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { parseHtml, ReportReadError } from '../../src/modules/reports/checker.parse.js';
import { checkReadReport } from '../../src/modules/reports/checker.rules.js';
import { checkReportFile } from '../../src/modules/reports/checker.run.js';
import { readTables } from '../../src/modules/reports/checker.tables.js';
import { readText } from '../../src/modules/reports/checker.text.js';

const FIXTURE = readFileSync(join(import.meta.dirname, '../fixtures/reports/consistent-2022.html'), 'utf8');
const CJK = /[\u4e00-\u9fff]/;
const BOUND_MS = 3000;

/** Runs the whole checker; returns 'ok' with findings, or 'refused' with a Chinese reason. */
async function outcome(bytes: Uint8Array): Promise<'ok' | 'refused'> {
  const started = performance.now();
  try {
    const r = await checkReportFile(bytes);
    assert.ok(Array.isArray(r.findings) && r.findings.length > 0);
    for (const f of r.findings) assert.ok(CJK.test(f.message), f.message);
    return 'ok';
  } catch (err) {
    assert.ok(err instanceof ReportReadError, `unexpected ${String(err)}`);
    assert.ok(CJK.test(err.message));
    return 'refused';
  } finally {
    assert.ok(performance.now() - started < BOUND_MS, 'bounded time');
  }
}

const pieces = fc.constantFrom(
  '<table>',
  '</table>',
  '<tr>',
  '</tr>',
  '<td rowspan="3">',
  '<td colspan="-1">',
  '<td colspan="1e9">',
  '<td rowspan="abc">',
  '</td>',
  '<th>',
  '<p>',
  '</p>',
  '<br>',
  '<script>',
  '<!--',
  '-->',
  '<![CDATA[',
  '&nbsp;',
  '&#xFFFF;',
  '一、本年新收政府信息公开申请数量',
  '（七）总计',
  '结果维持',
  '行政复议',
  '第二十条第（一）项',
  '自然人',
  '３１',
  '–',
  '占办结总数的',
  '%',
  '2022年',
  '五、存在的主要问题及改进情况',
  '未收取',
  '收取费用',
  '元',
);

describe('report checker fuzzing', () => {
  it('any string: parse → tables → text → rules never throws', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 400 }),
          fc.array(pieces, { maxLength: 80 }).map((a) => a.join('')),
        ),
        (s) => {
          const doc = parseHtml(s);
          const tables = readTables(doc.tables);
          const text = readText(doc.blocks, doc.title);
          const fs = checkReadReport({ title: doc.title, year: text.titleYear, tables, text });
          assert.ok(fs.length > 0);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('a real report mutated (slices cut, repeated, markup and figures injected): findings or a Chinese refusal, in bounded time', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            at: fc.nat({ max: FIXTURE.length }),
            len: fc.nat({ max: 3000 }),
            op: fc.constantFrom('cut', 'repeat', 'insert', 'digits'),
            piece: pieces,
          }),
          { minLength: 1, maxLength: 6 },
        ),
        async (mutations) => {
          let html = FIXTURE;
          for (const m of mutations) {
            const a = Math.min(m.at, html.length);
            const b = Math.min(html.length, a + m.len);
            if (m.op === 'cut') html = html.slice(0, a) + html.slice(b);
            else if (m.op === 'repeat') html = html.slice(0, b) + html.slice(a, b) + html.slice(b);
            else if (m.op === 'insert') html = html.slice(0, a) + m.piece + html.slice(a);
            else html = html.slice(0, a) + html.slice(a, b).replace(/\d/g, '９') + html.slice(b);
          }
          await outcome(Buffer.from(html));
        },
      ),
      { numRuns: 60 },
    );
  });

  it('arbitrary bytes (zip headers included): findings or a Chinese refusal', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.uint8Array({ maxLength: 600 }),
          fc.uint8Array({ maxLength: 600 }).map((b) => Buffer.concat([Buffer.from('PK\u0003\u0004word/'), b])),
          fc.uint8Array({ maxLength: 600 }).map((b) => Buffer.concat([Buffer.from('<html><table>'), b])),
        ),
        async (bytes) => {
          await outcome(bytes);
        },
      ),
      { numRuns: 150 },
    );
  });
});
