// Tests for the PostgreSQL literals of the search index (pure): which form a query takes, and the
// trigram and unigram lexemes a text gives.
// Run: node --import tsx --test src/modules/search/search.grams.test.ts
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { form, termRows, titleForm, tokenRows, trigramLiteral, tsqueryLiteral, unigramLiteral } from './search.grams.js';
import { normalise, normalisedTokens, queryPhrases } from './search.normalise.js';

const toks = (s: string) => normalisedTokens(normalise(s));
const one = (q: string) => queryPhrases(q)[0]!;

describe('search grams (PostgreSQL literals)', () => {
  it('asks one character for its unigram, a run of 2 to 5 for its term, 6 or more for trigrams, the rest for bigrams', () => {
    assert.equal(form(one('港')), 'uni');
    assert.equal(tsqueryLiteral(one('港')), "'~港'");
    assert.equal(form(one('南宁')), 'term');
    assert.equal(tsqueryLiteral(one('南宁')), "'南宁'");
    assert.equal(form(one('南宁市')), 'term');
    assert.equal(tsqueryLiteral(one('南宁市')), "'南宁市'");
    assert.equal(form(one('住房公积')), 'term');
    assert.equal(tsqueryLiteral(one('住房公积')), "'住房公积'");
    assert.equal(tsqueryLiteral(one('住房公积金')), "'住房公积金'");
    assert.equal(form(one('双随机一公开')), 'tri');
    assert.equal(tsqueryLiteral(one('双随机一公开')), "'双随机' <-> '随机一' <-> '机一公' <-> '一公开'");
    // titles hold no terms: there a term is its bigram or the phrase of its trigrams
    assert.equal(titleForm(one('南宁')), 'bi');
    assert.equal(titleForm(one('南宁市')), 'tri');
    assert.equal(tsqueryLiteral(one('住房公积金'), titleForm(one('住房公积金'))), "'住房公' <-> '房公积' <-> '公积金'");
    assert.equal(tsqueryLiteral(one('𠀀𠀁𠀂𠀃')), "'𠀀𠀁𠀂𠀃'");
    // words, runs broken by punctuation or digits, and a prefix after a word stay bigram phrases
    for (const q of ['12号', '南宁，市区', '年度2017', 'abc市', 'gb50016', '南宁a市']) assert.equal(form(one(q)), 'bi', q);
    assert.equal(tsqueryLiteral(one('abc市')), "'abc' <-> '市':*");
    // characters outside the Basic Multilingual Plane count as one character
    assert.equal(form(one('𠀀')), 'uni');
    assert.equal(tsqueryLiteral(one('𠀀𠀁𠀂')), "'𠀀𠀁𠀂'");
  });

  it('gives trigrams within a run only, at the position of their first bigram', () => {
    // 南宁市，市区: tokens 南宁 宁市 市 市区 区 (positions 1–5)
    assert.equal(trigramLiteral(toks('南宁市，市区')), "'南宁市':1");
    assert.equal(trigramLiteral(toks('住房公积金')), "'住房公':1 '房公积':2 '公积金':3");
    // a repeated trigram keeps every position; a range cuts trigrams whose second bigram is outside
    assert.equal(trigramLiteral(toks('南宁市南宁市')), "'南宁市':1,4 '宁市南':2 '市南宁':3");
    assert.equal(trigramLiteral(toks('住房公积金'), 0, 3, 10), "'住房公':10 '房公积':11");
    assert.equal(trigramLiteral(toks('gb50016 南宁')), '');
  });

  it('gives each CJK character once as a unigram, without position', () => {
    assert.equal(unigramLiteral(toks('南宁市，市区'), toks('abc 南')), "'~南' '~宁' '~市' '~区'");
    assert.equal(unigramLiteral(toks('gb50016')), '');
  });

  it('gives each run of 2 to 5 characters once, within runs, split among rows with each term in one', () => {
    assert.deepEqual(termRows([toks('住房公积金'), toks('南宁，住房')], 2017), [
      {
        part: 1,
        tsv: "'住房' '住房公' '住房公积' '住房公积金' '房公' '房公积' '房公积金' '公积' '公积金' '积金' '南宁' '#2017'",
      },
    ]);
    assert.deepEqual(termRows([toks('gb50016 a')], 2017), []);
    const rows = termRows([toks('甲乙丙丁'), toks('甲乙丙丁戊')], 2020, 4);
    assert.deepEqual(
      rows.map((r) => r.tsv),
      ["'甲乙' '甲乙丙' '甲乙丙丁' '乙丙' '#2020'", "'乙丙丁' '丙丁' '甲乙丙丁戊' '乙丙丁戊' '#2020'", "'丙丁戊' '丁戊' '#2020'"],
    );
  });

  it('builds a document: title with all three kinds, segments, trigram rows where there are trigrams', () => {
    const r = tokenRows(toks('南宁市'), toks('住房'), 2017);
    assert.deepEqual(r.terms, [{ part: 1, tsv: "'南宁' '南宁市' '宁市' '住房' '#2017'" }]);
    assert.equal(r.title, "'南宁':1 '宁市':2 '市':3 '南宁市':1 '~南' '~宁' '~市' '#2017'");
    assert.equal(r.chars, "'~南' '~宁' '~市' '~住' '~房' '#2017'");
    assert.deepEqual(r.segments, [{ part: 1, tsv: "'南宁':1 '宁市':2 '市':3 '住房':5 '房':6 '#2017'" }]);
    assert.deepEqual(r.grams, [{ part: 1, tsv: "'南宁市':1 '#2017'" }]);
    // a long body: overlapping segments, and grams rows only for the segments with trigrams
    const long = tokenRows([], toks(`${'南宁市'.repeat(800)}${' abc'.repeat(3000)}`), 2020);
    assert.equal(long.segments.length, 3);
    assert.deepEqual(
      long.grams.map((g) => g.part),
      [1, 2],
    );
  });
});
