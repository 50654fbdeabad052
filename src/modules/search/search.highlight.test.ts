// Snippets of long bodies: the first match is looked for in growing prefixes (1,024 and 16,384
// characters, cut after a space or punctuation, then the whole text), and the matches of the first
// prefix holding one make the snippet. Each look starts a little before the previous one ended
// instead of at the start: the snippets are the same as when every look starts at the start.
// Run: node --import tsx --test src/modules/search/search.highlight.test.ts
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { escapeHtml, highlight, matchSpans } from './search.index.js';
import { queryPhrases } from './search.normalise.js';

/** The snippet when every look starts at the start (120 characters from 30 before the first match). */
function reference(text: string, q: string): string {
  const cut = (limit: number) => {
    if (limit >= text.length) return text.length;
    for (let i = limit; i > limit - 200 && i > 0; i--) if (/[\s\p{P}]/u.test(text[i - 1]!)) return i;
    return limit;
  };
  let spans: [number, number][] = [];
  for (const limit of [1024, 16384, Number.POSITIVE_INFINITY]) {
    const end = cut(limit);
    spans = matchSpans(text.slice(0, end), queryPhrases(q));
    if (spans.length > 0 || end >= text.length) break;
  }
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
    for (const at of [10, 900, 1000, 1010, 1020, 1030, 5000, 16300, 16370, 16380, 16390, 16400, 20000]) {
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
    for (const at of [1020, 1022, 1024, 1025, 16380, 16383, 16384, 16385]) {
      cases.push([`${filler(at - 1)}。台风${filler(2000)}`, '台风']);
      cases.push([`${filler(at - 1)} GB50016${filler(2000)}`, 'gb50016']);
    }
    for (const [text, q] of cases) {
      assert.equal(highlight(text, queryPhrases(q), true), reference(text, q), `${q} at ${text.indexOf(q.slice(0, 1))}`);
    }
  });
});
