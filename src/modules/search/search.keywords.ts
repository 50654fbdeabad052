// Chinese words for people, not for matching: jieba (with the government and housing vocabulary of
// domain-dict.txt) picks the keywords of a text by TF-IDF. The index itself matches bigrams
// (search.normalise.ts), which finds every query; these words serve the suggested 主题词 and the
// related items of an item page. Loaded on first use (the dictionaries take ~100 ms).
import { readFileSync } from 'node:fs';
import { Jieba, TfIdf } from '@node-rs/jieba';
import { dict, idf } from '@node-rs/jieba/dict.js';

/** Words too common in government text to tell two documents apart. */
const STOP_WORDS = new Set([
  '关于',
  '通知',
  '工作',
  '有关',
  '事项',
  '进一步',
  '做好',
  '开展',
  '加强',
  '推进',
  '全面',
  '情况',
  '要求',
  '相关',
  '各市',
  '各级',
  '单位',
  '部门',
  '本厅',
  '我厅',
  '自治区',
  '年度',
  '现将',
  '如下',
  '特此',
  '印发',
  '实施',
  '落实',
]);

let loaded: { jieba: Jieba; tfidf: TfIdf } | undefined;

function load() {
  if (!loaded) {
    const jieba = Jieba.withDict(dict);
    jieba.loadDict(readFileSync(new URL('./domain-dict.txt', import.meta.url)));
    const tfidf = TfIdf.withDict(idf);
    // (the binding's stopWords option does not take a Set from JavaScript: stop words are dropped below)
    tfidf.setConfig({ minKeywordLength: 2, useHmm: false });
    loaded = { jieba, tfidf };
  }
  return loaded;
}

/** Words of a text in order (punctuation and spaces dropped). */
export function words(text: string): string[] {
  return load()
    .jieba.cut(text, false)
    .filter((w) => /[\p{L}\p{N}]/u.test(w));
}

/** Up to `n` keywords of a text, the most telling first; titles weigh more than bodies. */
export function keywordsOf(title: string, body: string, n = 5): string[] {
  const { jieba, tfidf } = load();
  // the title three times: a title word is worth more than a body word
  const text = `${title}\n${title}\n${title}\n${body.slice(0, 20_000)}`;
  return tfidf
    .extractKeywords(jieba, text, n + STOP_WORDS.size, [])
    .map((k) => k.keyword)
    .filter((k) => !STOP_WORDS.has(k) && /[\p{L}]/u.test(k) && !/^\d/.test(k))
    .slice(0, n);
}
