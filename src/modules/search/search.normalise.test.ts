// Tests for the pure normaliser and tokeniser.
// Run: node --import tsx --test src/modules/search/search.normalise.test.ts
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { matchSpans } from './search.index.js';
import {
  locatedTokens,
  MAX_PHRASE_TOKENS,
  normalise,
  normaliseAligned,
  normaliseMapped,
  type Phrase,
  queryPhrases,
  queryTokens,
  tokens,
} from './search.normalise.js';

describe('normalise', () => {
  it('folds full-width letters, digits and spaces to half-width (NFKC) and lower-cases', () => {
    assert.equal(normalise('ＧＢ５００１６－２０１４　Ｔｅｓｔ'), 'gb50016-2014 test');
    assert.equal(normalise('ABC Def'), 'abc def');
  });

  it('turns traditional characters into simplified ones', () => {
    assert.equal(normalise('住房公積金'), '住房公积金');
    assert.equal(normalise('臺灣南寧'), '台湾南宁');
    assert.equal(normalise('桂建辦〔２０１７〕１２號'), '桂建办〔2017〕12号');
  });

  it('leaves simplified text as it is', () => {
    const s = '南宁市住房公积金管理中心关于2017年度保障性安居工程的通知。';
    assert.equal(normalise(s), s);
  });

  it('drops zero-width and soft-hyphen characters, maps compatibility ideographs', () => {
    assert.equal(normalise('南\u200B宁\u00AD市\uFEFF'), '南宁市');
    assert.equal(normalise('\uF900'), '岂'); // CJK compatibility ideograph 豈 → 豈 → 岂
  });

  it('keeps a map back to the original text', () => {
    const src = 'Ａ住房公積金\u200B的𠀀';
    const m = normaliseMapped(src);
    assert.equal(m.text, 'a住房公积金的𠀀');
    assert.equal(m.text, normalise(src));
    assert.equal(src.slice(m.from[1]!, m.to[5]!), '住房公積金');
    assert.equal(src.slice(m.from[6]!, m.to[6]!), '的');
    assert.equal(src.slice(m.from[7]!, m.to[8]!), '𠀀');
  });

  it('is idempotent, so a traditional query and simplified text meet (麼 → 么 → 幺 both ways)', () => {
    for (let c = 0x80; c < 0x10000; c++) {
      if (c >= 0xd800 && c <= 0xdfff) continue;
      const once = normalise(String.fromCharCode(c));
      assert.equal(normalise(once), once, String.fromCharCode(c));
    }
    assert.equal(normalise('什麼'), normalise('什么'));
  });

  it('keeps offsets when every character keeps its length', () => {
    assert.equal(normaliseAligned('，住房公積金ＡＢ'), ',住房公积金ab');
    assert.equal(normaliseAligned('㈱公司'), undefined);
    assert.equal(normaliseAligned('南\u200B宁'), undefined);
  });

  it('normaliseMapped and normalise agree on any text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), (s) => {
        assert.equal(normaliseMapped(s).text, normalise(s));
      }),
    );
  });
});

describe('tokens', () => {
  it('gives overlapping bigrams of a CJK run, then its last character', () => {
    assert.deepEqual(tokens('南宁市'), ['南宁', '宁市', '市']);
    assert.deepEqual(tokens('防城港市'), ['防城', '城港', '港市', '市']);
  });

  it('gives a one-character run as that character', () => {
    assert.deepEqual(tokens('市'), ['市']);
    assert.deepEqual(tokens('甲，乙'), ['甲', '乙']);
  });

  it('keeps Latin and digit words whole, lower-cased, between CJK runs', () => {
    assert.deepEqual(tokens('桂建办〔2017〕12号'), ['桂建', '建办', '办', '2017', '12', '号']);
    assert.deepEqual(tokens('执行GB50016标准'), ['执行', '行', 'gb50016', '标准', '准']);
    assert.deepEqual(tokens('Hello, World!'), ['hello', 'world']);
  });

  it('tokenises traditional and full-width input like its simplified, half-width form', () => {
    assert.deepEqual(tokens('住房公積金２０１７'), tokens('住房公积金2017'));
  });

  it('ignores punctuation and spaces', () => {
    assert.deepEqual(tokens('，。、；：“”《》（）  '), []);
  });
});

describe('query tokens', () => {
  it('matches 2-, 3- and 4-character queries as phrases of bigrams', () => {
    assert.deepEqual(queryTokens('南宁'), { tokens: ['南宁'], prefix: false });
    assert.deepEqual(queryTokens('防城港'), { tokens: ['防城', '城港'], prefix: false });
    assert.deepEqual(queryTokens('住房公积'), { tokens: ['住房', '房公', '公积'], prefix: false });
  });

  it('matches a one-character query as a prefix', () => {
    assert.deepEqual(queryTokens('港'), { tokens: ['港'], prefix: true });
    assert.deepEqual(queryTokens('12号'), { tokens: ['12', '号'], prefix: true });
  });

  it('keeps the last character of a run that a word follows', () => {
    assert.deepEqual(queryTokens('年度2017'), { tokens: ['年度', '度', '2017'], prefix: false });
  });

  it('normalises the query like the text', () => {
    assert.deepEqual(queryTokens('住房公積金'), queryTokens('住房公积金'));
    assert.deepEqual(queryTokens('ＧＢ５００１６'), { tokens: ['gb50016'], prefix: false });
  });

  it('splits on spaces into terms that must all match, without duplicates', () => {
    assert.deepEqual(queryPhrases(' 南宁　防城港 南宁 '), [
      { tokens: ['南宁'], prefix: false },
      { tokens: ['防城', '城港'], prefix: false },
    ]);
    assert.deepEqual(queryPhrases('，。'), []);
  });

  it('caps the phrase length', () => {
    assert.equal(queryTokens('文'.repeat(200)).tokens.length, MAX_PHRASE_TOKENS);
  });
});

describe('phrase matching (the same rule both databases apply)', () => {
  const found = (text: string, q: string) => matchSpans(text, queryPhrases(q)).length > 0;

  it('finds place names inside longer words', () => {
    assert.ok(found('广西壮族自治区南宁市人民政府', '南宁'));
    assert.ok(found('防城港市住房和城乡建设局', '防城港'));
    assert.ok(found('防城港市住房和城乡建设局', '港'));
    assert.ok(found('防城港市住房和城乡建设局', '局'));
  });

  it('does not match across punctuation inside a word or across words', () => {
    assert.ok(!found('南宁，市', '南宁市'));
    assert.ok(!found('20171', '2017'));
    assert.ok(!found('南宁', '宁南'));
  });

  // Every substring of a text (not cutting a Latin word) is found; whatever is found is in the text
  // once separators are ignored.
  const piece = fc.constantFrom(
    '南',
    '宁',
    '市',
    '防',
    '城',
    '港',
    '公',
    '積',
    '积',
    '金',
    '，',
    '。',
    ' ',
    ' 2017 ',
    ' gb ',
    '〔',
    '〕',
  );
  it('finds every substring (recall 1) and only real matches', () => {
    fc.assert(
      fc.property(fc.array(piece, { minLength: 1, maxLength: 30 }), fc.nat(), fc.nat(), (parts, a, b) => {
        const i = a % parts.length;
        const j = i + 1 + (b % (parts.length - i));
        const text = parts.join('');
        const q = parts.slice(i, j).join('');
        if (queryPhrases(q).length === 0) return;
        assert.ok(found(text, q), `${q} in ${text}`);
      }),
      { numRuns: 2000 },
    );
    const strip = (s: string) => normalise(s).replace(/[^\p{L}\p{N}]/gu, '');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), fc.array(piece, { minLength: 1, maxLength: 5 }), (parts, qs) => {
        const text = parts.join('');
        const q = qs.join('');
        const phrase = queryTokens(q);
        if (phrase.tokens.length === 0 || matchSpans(text, [phrase]).length === 0) return;
        assert.ok(strip(text).includes(strip(q)), `${q} in ${text}`);
      }),
      { numRuns: 2000 },
    );
  });

  // matchSpans starts tokenising at the run holding the first occurrence of a phrase's first token:
  // the same spans as tokenising the whole text, including after words that end with that token
  // (xgb), astral characters and combining marks
  it('finds the same spans as tokenising the whole text', () => {
    const spansOf = (text: string, phrases: Phrase[]) => {
      const m = normaliseMapped(text);
      const { tokens: t } = locatedTokens(m.text);
      const out: [number, number][] = [];
      for (const p of phrases) {
        const n = p.tokens.length;
        for (let i = 0; i + n <= t.length; i++) {
          let ok = true;
          for (let k = 0; k < n && ok; k++) {
            const want = p.tokens[k]!;
            const got = t[i + k]!.token;
            ok = got === want || (p.prefix && k === n - 1 && got.length > want.length && got.startsWith(want));
          }
          if (!ok) continue;
          const end = p.prefix ? t[i + n - 1]!.start + p.tokens[n - 1]!.length : t[i + n - 1]!.end;
          out.push([m.from[t[i]!.start]!, m.to[end - 1]!]);
        }
      }
      out.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
      const merged: [number, number][] = [];
      for (const x of out) {
        const top = merged[merged.length - 1];
        if (top && x[0] <= top[1]) top[1] = Math.max(top[1], x[1]);
        else merged.push([x[0], x[1]]);
      }
      return merged;
    };
    const part = fc.constantFrom(
      '南',
      '宁',
      '灾',
      '災',
      '后',
      '𠀀',
      '，',
      ' ',
      'gb',
      'xgb',
      'gb5',
      '50016',
      'é',
      'e\u0301',
      '2017',
    );
    fc.assert(
      fc.property(
        fc.array(part, { maxLength: 40 }),
        fc.array(fc.array(part, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 2 }),
        (parts, qs) => {
          const text = parts.join('');
          const phrases = queryPhrases(qs.map((q) => q.join('')).join(' '));
          assert.deepEqual(matchSpans(text, phrases), spansOf(text, phrases), `${qs} in ${text}`);
        },
      ),
      { numRuns: 3000 },
    );
  });
});
