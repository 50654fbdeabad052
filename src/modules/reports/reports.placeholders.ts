// The annual report's text placeholders (PURE): `{{figure.name}}` in a section's text stands for a
// named figure (reports.types ReportFigures) and is replaced by it when the report is built, so
// an edited text keeps its figures live and can never disagree with the records. A sentence that
// states a figure no register holds (null or absent) is left out entirely: never shown as a blank
// or as 0 (issue 5, "omitted, not faked"). Numbers are written as reports write them: integers
// plain, percentages with one decimal, amounts in 万元 (and yuan) with up to two decimals.
import type { ReportFigures, ReportSection } from './reports.types.js';

/** A well-formed placeholder: `{{name}}`, the name dotted words of letters, digits, `_` or `-`. */
const PLACEHOLDER = /\{\{\s*([A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*)\s*\}\}/g;
/** Anything that looks like a placeholder, well-formed or not (for validation). */
const BRACES = /\{\{([^{}]*)\}\}/g;
/** Sentence ends: Chinese and Western full stops, semicolons, marks; line ends are boundaries too. */
const SENTENCE = /[^。；;！!？?\n]*(?:[。；;！!？?]+[”’」』）)]*|\n|$)/g;
/** A sub-heading at the start of a paragraph: （一）…, (一)…, 一、…, 1.… */
const SUBHEADING = /^\s*(?:[（(][一二三四五六七八九十]+[）)]|[一二三四五六七八九十]+、)/;

/** The figure names a text refers to, in order of appearance, each once. */
export function placeholdersIn(text: string): string[] {
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1] as string))];
}

/** How a figure is written: by its name's ending. `_share`/`_percent` → one decimal; `_yuan`
 * (incl. `_wan_yuan`) → up to two decimals; other figures → integers (or up to two decimals). */
export function formatFigure(name: string, value: number): string {
  if (/(?:_share|_percent|_rate)$/.test(name)) return value.toFixed(1);
  const rounded = Math.round(value * 100) / 100;
  if (Number.isInteger(rounded)) return String(rounded);
  return rounded.toFixed(2).replace(/0+$/, '').replace(/\.$/, '');
}

/** Splits a text into sentences, each keeping its end mark (and the line end, when it ends a line). */
export function sentencesOf(text: string): string[] {
  return (text.match(SENTENCE) ?? []).filter((s) => s.length > 0);
}

const END_MARK = /[。！!？?]+[”’」』）)]*\s*$/;
const SEMICOLON_END = /[；;]\s*$/;

/**
 * Resolves one paragraph: replaces the placeholders; drops every sentence with a missing figure;
 * a semicolon left dangling before a dropped sentence takes that sentence's end mark; a paragraph
 * that opens with a sub-heading and loses every other sentence is dropped whole.
 */
function resolveParagraph(paragraph: string, figures: ReportFigures): string {
  const kept: string[] = [];
  let dropped = 0;
  let rest = 0;
  const parts = sentencesOf(paragraph);
  parts.forEach((sentence, i) => {
    const names = placeholdersIn(sentence);
    const missing = names.some((n) => figures[n] === null || figures[n] === undefined);
    if (sentence.trim() && (i > 0 || !SUBHEADING.test(sentence))) rest++;
    if (missing) {
      dropped++;
      const last = kept.length - 1;
      const end = sentence.match(END_MARK)?.[0];
      if (last >= 0 && end && SEMICOLON_END.test(kept[last] as string)) {
        kept[last] = (kept[last] as string).replace(SEMICOLON_END, end.trim());
      }
      return;
    }
    kept.push(sentence.replace(PLACEHOLDER, (_m, n: string) => formatFigure(n, figures[n] as number)));
  });
  const headed = parts.length > 1 && SUBHEADING.test(parts[0] as string);
  if (headed && dropped > 0 && dropped === rest) return '';
  // a line whose sentences all went leaves no empty line behind
  return kept
    .join('')
    .replace(/\n[ \t]*(?=\n)/g, '')
    .replace(/^\n+|\n+$/g, '');
}

/** The text with every placeholder replaced and every sentence stating a missing figure left out;
 * paragraphs left empty go, and the blank lines between paragraphs stay single. */
export function resolveText(text: string, figures: ReportFigures): string {
  const paragraphs = text.split(/\n[ \t]*\n/);
  const kept = paragraphs.map((p) => resolveParagraph(p, figures)).filter((p) => p.trim().length > 0);
  return (kept.length < paragraphs.length ? renumber(paragraphs, kept) : kept).join('\n\n');
}

const CN_NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二', '十三', '十四', '十五'];
const NUMBERED = /^(\s*[（(])([一二三四五六七八九十]+)([）)])/;

/** When paragraphs went, sub-headings （一）（二）… numbered in order in the text are numbered
 * again in order, so that no gap shows; numbering staff wrote otherwise is left as it is. */
function renumber(original: readonly string[], kept: string[]): string[] {
  const numbers = original.flatMap((p) => p.match(NUMBERED)?.[2] ?? []);
  if (numbers.length === 0 || numbers.some((n, i) => n !== CN_NUMERALS[i])) return kept;
  let i = 0;
  return kept.map((p) =>
    p.replace(NUMBERED, (_m, open: string, _n: string, close: string) => `${open}${CN_NUMERALS[i++]}${close}`),
  );
}

/** Sections with resolved text (what the renderers receive). */
export function resolveSections(sections: readonly ReportSection[], figures: ReportFigures): ReportSection[] {
  return sections.map((s) => ({ ...s, text: resolveText(s.text, figures) }));
}

/** Edit distance, for suggesting the name meant by a typo. */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0] as number;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j] as number;
      row[j] = Math.min(cur + 1, (row[j - 1] as number) + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length] as number;
}

function nearest(name: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestD = Math.max(3, Math.floor(name.length / 4)) + 1;
  for (const k of known) {
    const d = distance(name, k);
    if (d < bestD) {
      best = k;
      bestD = d;
    }
  }
  return best;
}

/**
 * Checks the placeholders of edited sections against the figure names the report knows; returns
 * one Chinese message per problem (empty when all is well), naming the section and the
 * placeholder, with the name probably meant, so that a typo is never saved silently.
 */
export function validateSections(sections: readonly ReportSection[], knownKeys: Iterable<string>): string[] {
  const known = [...new Set(knownKeys)];
  const knownSet = new Set(known);
  const errors: string[] = [];
  for (const s of sections) {
    const where = s.heading ? `“${s.heading}”` : '开头部分';
    for (const m of s.text.matchAll(BRACES)) {
      const inner = (m[1] as string).trim();
      if (!/^[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*$/.test(inner)) {
        errors.push(`${where}中的占位符“${m[0]}”格式不正确：应为 {{数据名称}}，名称由字母、数字、下划线和点组成。`);
        continue;
      }
      if (knownSet.has(inner)) continue;
      const guess = nearest(inner, known);
      errors.push(
        `${where}中的占位符“{{${inner}}}”不是本报告已知的数据名称${guess ? `，是否应为“{{${guess}}}”` : ''}？请改正后再保存。`,
      );
    }
    const unclosed = s.text.replace(BRACES, '').match(/\{\{|\}\}/);
    if (unclosed) errors.push(`${where}中有未配对的“${unclosed[0]}”：占位符应写成 {{数据名称}}。`);
  }
  return errors;
}
