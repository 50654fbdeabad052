// Snippets of long bodies: the first match is looked for in prefixes growing fourfold (512 to 32,768
// characters, cut after a space or punctuation, then the whole text), each look starting a little
// before the previous one ended, and the snippet's matches are then found around it. The snippets
// are those of the whole text: 120 characters from 30 before its first match, with every match of
// the whole text inside them marked.
// Run: node --import tsx --test src/modules/search/search.highlight.test.ts
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { escapeHtml, highlight, matchSpans, SNIPPET_BEFORE, SNIPPET_CHARS, snippetOfPart } from './search.index.js';
import { plainForWindows, queryPhrases } from './search.normalise.js';

/** The snippet of the whole text (120 characters from 30 before its first match, every match in them marked). */
function reference(text: string, q: string): string {
  const spans = matchSpans(text, queryPhrases(q));
  let from = spans.length ? Math.max(0, spans[0]![0] - 30) : 0;
  let to = Math.min(text.length, from + 120);
  if (to - from < 120) from = Math.max(0, to - 120);
  if (from > 0 && /[\uDC00-\uDFFF]/.test(text[from]!)) from++;
  if (to < text.length && /[\uDC00-\uDFFF]/.test(text[to]!)) to++;
  const piece = (a: number, b: number) => escapeHtml(text.slice(a, b).replace(/\s+/g, ' '));
  let out = from > 0 ? '…' : '';
  let at = from;
  for (const [s, e] of spans) {
    if (e <= from || s >= to) continue;
    out += `${piece(at, Math.max(s, from))}<mark>${piece(Math.max(s, from), Math.min(e, to))}</mark>`;
    at = Math.min(e, to);
  }
  return `${out}${piece(at, to)}${to < text.length ? '…' : ''}`;
}

const filler = (n: number) => '各单位要加强信息报送，及时总结经验做法。'.repeat(Math.ceil(n / 20)).slice(0, n);

describe('snippets of long bodies', () => {
  it('find the first match before, across and after the places where a look ends', () => {
    const cases: [string, string][] = [];
    for (const at of [10, 400, 500, 510, 520, 900, 2000, 2040, 2050, 5000, 8180, 8200, 16300, 32760, 32780, 40000]) {
      for (const [q, put] of [
        ['台风', '台风灾后恢复'],
        ['台风', '颱風來襲'],
        ['gb 50016', 'GB 50016'],
        ['gb 50016', 'GB，50016'],
        ['南', '南宁'],
      ] as const) {
        cases.push([`${filler(at)}${put}${filler(300)}${put}${filler(2000)}`, q]);
      }
    }
    // a match just after where a look ends
    for (const at of [510, 512, 513, 2046, 2048, 2049, 8190, 8192, 8193, 32766, 32768, 32769]) {
      cases.push([`${filler(at - 1)}。台风${filler(2000)}`, '台风']);
      cases.push([`${filler(at - 1)} GB50016${filler(2000)}`, 'gb50016']);
    }
    for (const [text, q] of cases) {
      assert.equal(highlight(text, queryPhrases(q), true), reference(text, q), `${q} at ${text.indexOf(q.slice(0, 1))}`);
    }
  });
});

describe('snippets of one character from a part of a plain body (PostgreSQL, docs/adr/0021)', () => {
  // what PostgreSQL sends: the window, SNIPPET_CHARS characters from SNIPPET_BEFORE before the first
  // occurrence (strpos, 1-based; 0 when there is none), but from no later than SNIPPET_CHARS before the
  // end: greatest(0, least(strpos - 1 - SNIPPET_BEFORE, length - SNIPPET_CHARS))
  const part = (body: string, c: string) => {
    const strpos = body.indexOf(c) + 1;
    const base = Math.max(0, Math.min(strpos - 1 - SNIPPET_BEFORE, body.length - SNIPPET_CHARS));
    return snippetOfPart(body.slice(base, base + SNIPPET_CHARS), base, body.length, queryPhrases(c));
  };
  const pieces = [
    '灾',
    '害',
    '南',
    '宁',
    '，',
    '。',
    ' ',
    '\n',
    '台风',
    '灾灾',
    'GB 50016',
    '（二）',
    '<b>',
    '&',
    '各单位要加强信息报送',
    'ab',
    'Ｘ3',
    '１２',
  ];

  it('are the snippets of the whole body, wherever the character first occurs', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...pieces), { maxLength: 400 }),
        fc.constantFrom('灾', '南', '害', '宁'),
        (words, c) => {
          const body = words.join('');
          fc.pre(plainForWindows(body));
          assert.equal(part(body, c), highlight(body, queryPhrases(c), true));
        },
      ),
      { numRuns: 2000 },
    );
    // long bodies: occurrences near the start, the middle, the end, none; and bodies ending 1 to 130
    // characters after the first occurrence (the window then ends with the body)
    for (const at of [0, 5, 29, 30, 31, 89, 90, 91, 119, 120, 121, 150, 199, 200, 201, 239, 240, 241, 5000, 39990, -1]) {
      const body = at < 0 ? filler(40000) : `${filler(at)}灾${filler(300)}灾${filler(40000 - at)}`;
      assert.equal(part(body, '灾'), highlight(body, queryPhrases('灾'), true), String(at));
      for (const after of [1, 3, 30, 89, 90, 91, 92, 119, 120, 121, 130]) {
        const short = body.slice(0, at + after);
        assert.equal(part(short, '灾'), highlight(short, queryPhrases('灾'), true), `${at}, ending ${after} after`);
      }
    }
  });

  it('are not used for bodies whose characters normalisation changes, or with surrogate pairs', () => {
    assert.equal(plainForWindows('各单位，及时总结。GB 50016'), true);
    // a traditional 災 before the first 灾: strpos would miss the first match
    assert.equal(plainForWindows('颱風災後，灾害'), false);
    assert.equal(plainForWindows('𠀀字'), false);
    assert.equal(plainForWindows('ﬁ'), false);
  });
});
