import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { readCsv } from './imports.csv.js';
import { checkAppealRows, checkRequestRows } from './imports.rows.js';

const TODAY = '2026-03-02';

/** What holds for any input: no exception, every line number inside the file, records in order. */
function wellBehaved(input: Uint8Array | string) {
  const f = readCsv(input);
  const max = Math.max(f.lines, 1);
  for (const r of f.records) assert.ok(r.line >= 1 && r.line <= max, `record line ${r.line} of ${max}`);
  for (const p of f.problems) {
    assert.ok(p.line >= 1 && p.line <= max, `problem line ${p.line} of ${max}`);
    assert.ok(p.reason.length > 0);
  }
  for (let i = 1; i < f.records.length; i++) assert.ok((f.records[i]?.line ?? 0) > (f.records[i - 1]?.line ?? 0));
  for (const checked of [checkRequestRows(f, TODAY), checkAppealRows(f, TODAY)]) {
    for (const p of checked.problems) assert.ok(Number.isInteger(p.line) && p.line >= 1 && p.line <= max && p.reason !== '');
    for (const r of checked.rows) assert.ok(r.line >= 2 && r.line <= max);
    // a line is either a good row or a problem, never both
    const bad = new Set(checked.problems.map((p) => p.line));
    for (const r of checked.rows) assert.ok(!bad.has(r.line));
  }
}

describe('import files: the CSV reader', () => {
  it('reads a UTF-8 file with a BOM, CRLF, blank lines and quoted fields, with the line each record starts on', () => {
    const f = readCsv(Buffer.from('\uFEFFa,b\r\n1,"x,y"\r\n\r\n"多\r\n行",2\r\n,,\r\n3,"say ""hi"""\r\n', 'utf8'));
    assert.deepEqual(f.records, [
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['1', 'x,y'] },
      { line: 4, fields: ['多\n行', '2'] },
      { line: 7, fields: ['3', 'say "hi"'] },
    ]);
    assert.deepEqual(f.problems, []);
  });

  it('names the lines with bytes that are not UTF-8, and the line a bad quote is on', () => {
    const f = readCsv(
      Buffer.concat([Buffer.from('a,b\n1,2\n'), Buffer.from([0x33, 0x2c, 0xb9, 0xe3, 0x0a]), Buffer.from('4,5\n6,"7\n8,9\n')]),
    );
    assert.deepEqual(
      f.records.map((r) => r.line),
      [1, 2, 4],
    );
    assert.deepEqual(
      f.problems.map((p) => [p.line, p.reason.slice(0, 8)]),
      [
        [3, '含有不是 UTF'],
        [5, '引号未闭合（从此'],
      ],
    );
    const g = readCsv('a,b\nx"y,1\n2,3\n');
    assert.deepEqual(
      g.problems.map((p) => p.line),
      [2],
    );
    assert.deepEqual(
      g.records.map((r) => r.line),
      [1, 3],
    );
  });

  it('fuzz: random bytes never crash or hang, and give line-numbered rows or errors', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 3000 }), (bytes) => wellBehaved(bytes)),
      { numRuns: 300 },
    );
  });

  it('fuzz: random lines of CSV-ish characters never crash or hang', () => {
    const piece = fc.constantFrom(
      'a',
      '中',
      ',',
      '"',
      '""',
      '\n',
      '\r\n',
      '\r',
      ' ',
      '\uFEFF',
      '2025-01-02',
      'natural_person',
      'reference',
      ',,',
      '\t',
      '\u0000',
    );
    const text = fc.array(piece, { maxLength: 400 }).map((a) => a.join(''));
    const header = fc.constantFrom(
      'reference,received_on,applicant_type,channel,closed_on,outcome\n',
      'reference,kind,filed_on,result,decided_on,request_reference\n',
      '',
    );
    fc.assert(
      fc.property(header, text, (h, t) => wellBehaved(h + t)),
      { numRuns: 500 },
    );
  });

  it('property: well-formed files give every record with the line it starts on', () => {
    const inner = fc.array(fc.constantFrom('a', '中', ',', '"', '\n', ' ', 'x'), { maxLength: 8 }).map((c) => `a${c.join('')}z`);
    const field = fc.oneof(
      inner.filter((s) => !/[,"\n]/.test(s)).map((s) => ({ text: s, value: s })),
      inner.map((s) => ({ text: `"${s.replaceAll('"', '""')}"`, value: s })),
    );
    const row = fc.array(field, { minLength: 1, maxLength: 5 });
    const file = fc.tuple(
      fc.array(fc.tuple(fc.nat({ max: 2 }), row), { minLength: 1, maxLength: 30 }),
      fc.constantFrom('\n', '\r\n'),
    );
    fc.assert(
      fc.property(file, ([rows, eol]) => {
        let text = '';
        let line = 1;
        const expected: Array<{ line: number; fields: string[] }> = [];
        for (const [blank, fields] of rows) {
          text += eol.repeat(blank);
          line += blank;
          expected.push({ line, fields: fields.map((f) => f.value) });
          const rec = fields.map((f) => f.text).join(',');
          text += rec + eol;
          line += rec.split('\n').length;
        }
        const f = readCsv(eol === '\r\n' ? text.replaceAll(/(?<!\r)\n/g, '\r\n') : text);
        assert.deepEqual(f.problems, []);
        assert.deepEqual(f.records, expected);
      }),
      { numRuns: 300 },
    );
  });
});
