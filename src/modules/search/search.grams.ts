// PURE: the PostgreSQL tsvector and tsquery literals of the search index (search.index.ts; docs/adr/0012).
//
// The tokens (search.normalise.ts) are CJK bigrams, each CJK run's last character, and words; a query
// is a phrase of them. A GIN index keeps no positions, so every row it returns for a phrase of two or
// more tokens is checked again against the row's tsvector, and a one-character query is a prefix
// query (`c:*`), the union of every bigram starting with the character. Two more kinds of lexeme,
// in `search_titles` and in tables of their own (`search_grams`, `search_chars`), let most queries
// skip both:
// - trigrams, at the position of their first bigram: a query of n ≥ 3 CJK characters is the phrase of
//   its n − 2 trigrams (one lexeme, no check, for 3 characters; far fewer candidates for more);
// - unigrams `'~c'` (no position) for each CJK character: a one-character query is that one lexeme;
// - terms (no position, in `search_terms`, docs/adr/0018): each run of 2 to 5 CJK characters of a
//   document once, so that such a query is one lexeme, one row per document, no row checked again.
// All match exactly the documents the bigram phrase or the prefix query matches (see `form`).
import { isCjk, MAX_PHRASE_TOKENS, type Phrase } from './search.normalise.js';

/** Body tokens per PostgreSQL segment (a tsvector keeps 16,383 positions, 256 per lexeme). */
export const SEGMENT_TOKENS = 2048;

/**
 * How a phrase is asked of PostgreSQL: bigram tokens, trigrams, one unigram, or one term (a run of
 * TERM_LENGTHS characters, docs/adr/0018).
 */
export type Form = 'bi' | 'tri' | 'uni' | 'term';

/**
 * Lengths, in CJK characters, of the runs kept whole for each document, without positions, in
 * `search_terms` (docs/adr/0018): a query of such a run is one lexeme there, which the GIN index
 * answers exactly, one row per matching document, with no row to check and no segment to dedupe.
 */
export const TERM_LENGTHS: readonly number[] = [2, 3, 4, 5];

/** Lexemes per `search_terms` row at most (a tsvector holds 1 MB of lexemes); each is in one row of its document. */
export const TERM_PART = 16384;

export function lexeme(t: string): string {
  // tokens are letters, digits and marks only; escaping is for safety, and rarely needed
  return NEEDS_ESCAPE.test(t) ? `'${t.replace(/\\/g, '\\\\').replace(/'/g, "''")}'` : `'${t}'`;
}
const NEEDS_ESCAPE = /['\\]/;

/** Positions per lexeme, as PostgreSQL keeps them (256 at most, each at most 16,383). */
class Positions {
  private readonly pos = new Map<string, { list: string; n: number }>();
  add(lex: string, p: number): void {
    const q = Math.min(p, 16383);
    const e = this.pos.get(lex);
    if (!e) this.pos.set(lex, { list: String(q), n: 1 });
    else if (e.n < 256) {
      e.list += `,${q}`;
      e.n++;
    }
  }
  literal(): string {
    let out = '';
    for (const [t, e] of this.pos) out += `${out ? ' ' : ''}${lexeme(t)}:${e.list}`;
    return out;
  }
}

/** A tsvector literal of tokens[from, to) at positions first, first + 1, …; built here so no parser intervenes. */
export function tsvectorLiteral(tokens: readonly string[], from = 0, to = tokens.length, first = 1): string {
  const pos = new Positions();
  for (let i = from; i < to; i++) pos.add(tokens[i]!, i - from + first);
  return pos.literal();
}

/**
 * The lexeme of a document's year, without position, in each of its tsvectors (titles, segments,
 * grams): `#` never occurs in a token, so no query matches it by chance. A capped count asks the GIN
 * index year by year, newest first, for `phrase & '#year'`: GIN builds the whole bitmap of a
 * condition before returning any row, so for a frequent phrase one year's bitmap instead of the whole
 * corpus's (docs/performance.md). Migration 0008 adds the lexeme to rows indexed before it.
 */
export function yearLexeme(year: number): string {
  return `'#${year}'`;
}

/** The length in UTF-16 units of a token's first code point when it is a CJK character, else 0. */
function cjkFirst(t: string): number {
  const c = t.codePointAt(0);
  return c !== undefined && isCjk(c) ? (c > 0xffff ? 2 : 1) : 0;
}

/** A bigram: two CJK characters (words never hold one, a run's last character is alone). */
function bigram(t: string): boolean {
  const a = cjkFirst(t);
  if (a === 0 || a === t.length) return false;
  const b = cjkFirst(t.slice(a));
  return b > 0 && a + b === t.length;
}

/**
 * The trigram of tokens i and i + 1 when both are bigrams of one run (`ab`, `bc` → `abc`), else
 * undefined. Two bigrams in a row always come from one run (a run ends with its last character
 * alone), and within a run each starts with the previous one's second character.
 */
function trigram(tokens: readonly string[], i: number): string | undefined {
  const x = tokens[i];
  const y = tokens[i + 1];
  if (x === undefined || y === undefined || !bigram(x) || !bigram(y)) return undefined;
  const a = cjkFirst(x);
  return x.slice(a) === y.slice(0, cjkFirst(y)) ? x + y.slice(cjkFirst(y)) : undefined;
}

/** The unigram lexeme of a CJK character. */
function unigram(c: string): string {
  return `~${c}`;
}

/** The unigram lexeme (`~灾`) a one-character phrase is asked as, else undefined. */
export function unigramOf(p: Phrase): string | undefined {
  return form(p) === 'uni' ? unigram(p.tokens[0]!) : undefined;
}

/**
 * The lexeme under which `search_char_years` counts the documents of a phrase, by year: a character's
 * unigram (`~灾`, in titles and bodies, migration 0022; `titles` true: its titles are counted too), or
 * a two-character term (`台风`, its bigram; titles and bodies, migration 0024); else undefined.
 */
export function countedLexeme(p: Phrase): { lexeme: string; titles: boolean } | undefined {
  const f = form(p);
  if (f === 'uni') return { lexeme: unigram(p.tokens[0]!), titles: true };
  // (a term of two characters is one bigram token: exactly two CJK code points, see `bigram`)
  if (f === 'term' && p.tokens.length === 1) return { lexeme: p.tokens[0]!, titles: false };
  return undefined;
}

/** Trigrams of tokens[from, to) (both bigrams inside the range), at their first bigram's position. */
export function trigramLiteral(tokens: readonly string[], from = 0, to = tokens.length, first = 1): string {
  const pos = new Positions();
  for (let i = from; i + 1 < to; i++) {
    const t = trigram(tokens, i);
    if (t !== undefined) pos.add(t, i - from + first);
  }
  return pos.literal();
}

/** The unigrams (no positions) of every CJK token's first character, in any of the lists. */
export function unigramLiteral(...lists: readonly (readonly string[])[]): string {
  const seen = new Set<string>();
  for (const tokens of lists) {
    for (const t of tokens) {
      const a = cjkFirst(t);
      if (a > 0) seen.add(t.slice(0, a));
    }
  }
  let out = '';
  for (const c of seen) out += `${out ? ' ' : ''}${lexeme(unigram(c))}`;
  return out;
}

/** The CJK run whose bigrams the tokens are, one after another, or undefined. */
function runOf(t: readonly string[]): string | undefined {
  if (t.length === 0 || !bigram(t[0]!)) return undefined;
  let run = t[0]!;
  for (let i = 0; i + 1 < t.length; i++) {
    if (trigram(t, i) === undefined) return undefined;
    run += t[i + 1]!.slice(cjkFirst(t[i + 1]!));
  }
  return run;
}

/**
 * How to ask for a phrase. One CJK character as a prefix (`c:*`: some token starts with it, i.e. the
 * character occurs) is its unigram. A run of one of TERM_LENGTHS characters (its bigrams, one after
 * another) is that term. Other bigrams of one run, two or more of them (3+ characters), are the
 * phrase of their trigrams: the bigrams follow one another in the text exactly where the trigrams do
 * (at the same positions). Anything else (words, mixed runs) stays a phrase of its tokens.
 */
export function form(p: Phrase): Form {
  // (a prefix phrase ends with one character alone, never a run of bigrams)
  if (runOf(p.tokens) !== undefined && TERM_LENGTHS.includes(p.tokens.length + 1)) return 'term';
  return titleForm(p);
}

/**
 * The form of a phrase in a title's tsvector (search_titles), which holds bigrams, trigrams and
 * unigrams but no terms: a term is asked there as its bigram or the phrase of its trigrams.
 */
export function titleForm(p: Phrase): Exclude<Form, 'term'> {
  const t = p.tokens;
  if (p.prefix) return t.length === 1 && cjkFirst(t[0]!) === t[0]!.length ? 'uni' : 'bi';
  return t.length >= 2 && runOf(t) !== undefined ? 'tri' : 'bi';
}

/** A tsquery literal of the phrase in its form (bigrams: one after another, `<->`, the last maybe a prefix). */
export function tsqueryLiteral(p: Phrase, f: Form = form(p)): string {
  if (f === 'uni') return lexeme(unigram(p.tokens[0]!));
  if (f === 'term') return lexeme(runOf(p.tokens)!);
  if (f === 'tri') {
    const out: string[] = [];
    for (let i = 0; i + 1 < p.tokens.length; i++) out.push(lexeme(trigram(p.tokens, i)!));
    return out.join(' <-> ');
  }
  return p.tokens.map((t, i) => `${lexeme(t)}${p.prefix && i === p.tokens.length - 1 ? ':*' : ''}`).join(' <-> ');
}

/** The tsvector literals of one document on PostgreSQL (parts numbered from 1). */
export interface TokenRows {
  title: string;
  /** The unigrams of the title and the body. */
  chars: string;
  segments: { part: number; tsv: string }[];
  grams: { part: number; tsv: string }[];
  /** The terms of the title and the body, each once, TERM_PART to a row. */
  terms: { part: number; tsv: string }[];
}

/**
 * The rows of a document's terms: each run of TERM_LENGTHS characters in the token lists (bigrams of
 * one run, one after another), once, in the order first met, `perPart` to a row, each row with the
 * year lexeme. A term is in one row of its document, so a one-term query matches one row at most.
 */
export function termRows(
  lists: readonly (readonly string[])[],
  year: number,
  perPart = TERM_PART,
): { part: number; tsv: string }[] {
  const longest = Math.max(...TERM_LENGTHS);
  const seen = new Set<string>();
  for (const t of lists) {
    for (let i = 0; i < t.length; i++) {
      if (!bigram(t[i]!)) continue;
      let run = t[i]!;
      for (let n = 2; ; n++) {
        if (TERM_LENGTHS.includes(n)) seen.add(run);
        if (n === longest || trigram(t, i + n - 2) === undefined) break;
        run += t[i + n - 1]!.slice(cjkFirst(t[i + n - 1]!));
      }
    }
  }
  const out: { part: number; tsv: string }[] = [];
  let row: string[] = [];
  const flush = () => {
    out.push({ part: out.length + 1, tsv: [...row, yearLexeme(year)].join(' ') });
    row = [];
  };
  for (const x of seen) {
    row.push(lexeme(x));
    if (row.length === perPart) flush();
  }
  if (row.length > 0) flush();
  return out;
}

/**
 * A document's rows: its title (bigrams, trigrams, unigrams); segment 1, the title again and then
 * (one position apart, so no phrase spans them) the start of the body, so that most documents match
 * in one row; further segments overlapping by the longest phrase, so every phrase lies wholly inside
 * one; the same parts' trigrams (a part without any has no row: no trigram query can match it);
 * and the unigrams of the whole document. Each holds the year lexeme.
 */
export function tokenRows(title: readonly string[], body: readonly string[], year: number): TokenRows {
  const join = (...parts: string[]) => parts.filter((x) => x !== '').join(' ');
  const y = yearLexeme(year);
  const bi = tsvectorLiteral(title);
  const tri = trigramLiteral(title);
  const firstEnd = Math.min(body.length, SEGMENT_TOKENS);
  const at = title.length + 2;
  const out: TokenRows = {
    title: join(bi, tri, unigramLiteral(title), y),
    chars: join(unigramLiteral(title, body), y),
    segments: [{ part: 1, tsv: join(bi, tsvectorLiteral(body, 0, firstEnd, at), y) }],
    grams: [{ part: 1, tsv: join(tri, trigramLiteral(body, 0, firstEnd, at), y) }],
    terms: termRows([title, body], year),
  };
  const step = SEGMENT_TOKENS - MAX_PHRASE_TOKENS;
  for (let start = step, part = 2; start + MAX_PHRASE_TOKENS < body.length; start += step, part++) {
    const end = Math.min(body.length, start + SEGMENT_TOKENS);
    out.segments.push({ part, tsv: join(tsvectorLiteral(body, start, end), y) });
    const t = trigramLiteral(body, start, end);
    if (t !== '') out.grams.push({ part, tsv: join(t, y) });
  }
  return out;
}
