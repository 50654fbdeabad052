// PURE: text normalisation and tokenisation for Chinese full-text search (design.md "Chinese search").
//
// normalise: NFKC (which also folds full-width ASCII to half-width and compatibility ideographs to
// unified ones), traditional → simplified (opencc-js, Taiwan variants included), lower case, and
// default-ignorable characters (zero-width spaces, soft hyphens, variation selectors) removed.
// It works one character at a time (a base character with its combining marks), so that every
// character of the normalised text can be traced back to the original text for highlighting, and
// so that the index and the query are normalised identically whatever surrounds them.
//
// tokens: a run of CJK characters c1…cn becomes its overlapping bigrams c1c2 … c(n-1)cn followed by
// its last character cn alone (a one-character run is that character). Other letters and digits
// form words. The extra last character makes every character the first character of some token, so
// a one-character query is the prefix query `c*`, and a query such as 年度2017 (a run followed by a
// word) matches as an exact phrase. A query is matched as a phrase of its tokens: a substring of the
// normalised text (punctuation and spaces between tokens ignored) is a phrase of consecutive tokens.
import * as OpenCC from 'opencc-js';

/** Longest word kept (longer words are cut; PostgreSQL refuses lexemes over 2 KB). */
export const MAX_WORD_LENGTH = 64;
/** Longest phrase in tokens (PostgreSQL body segments overlap by this much). */
export const MAX_PHRASE_TOKENS = 64;
/** Longest query considered (characters). */
export const MAX_QUERY_LENGTH = 256;
/** At most this many space-separated terms in a query. */
export const MAX_QUERY_TERMS = 8;

let t2s: ((s: string) => string) | undefined;

// Character classes, computed once for the Basic Multilingual Plane (regexes are slow per character).
const CJK = 1;
const WORD = 2;
const MARK = 4; // combining marks, and Hangul medial/final jamo that compose: normalised with their base
const IGNORABLE = 8;
const CJK_RE = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u30FC\u3005\u3007]/u;
const WORD_RE = /[\p{L}\p{N}\p{M}]/u;
const MARK_RE = /[\p{M}\u1160-\u11FF]/u;
const IGNORABLE_RE = /\p{Default_Ignorable_Code_Point}/u;

function classify(ch: string): number {
  if (IGNORABLE_RE.test(ch)) return IGNORABLE;
  let c = 0;
  if (CJK_RE.test(ch)) c |= CJK;
  else if (WORD_RE.test(ch)) c |= WORD;
  if (MARK_RE.test(ch)) c |= MARK;
  return c;
}

let bmp: Uint8Array | undefined;
const astral = new Map<number, number>();

function table(): Uint8Array {
  if (bmp) return bmp;
  bmp = new Uint8Array(0x10000);
  for (let c = 0; c < 0x10000; c++) {
    if (c >= 0xd800 && c <= 0xdfff) continue;
    bmp[c] = classify(String.fromCharCode(c));
  }
  return bmp;
}

function classOf(cp: number): number {
  if (cp < 0x10000) return table()[cp]!;
  let c = astral.get(cp);
  if (c === undefined) {
    c = classify(String.fromCodePoint(cp));
    astral.set(cp, c);
  }
  return c;
}

const single: (string | undefined)[] = new Array(0x10000);
const cache = new Map<string, string>();
const CACHE_LIMIT = 100_000;

function convert(seg: string): string {
  if (!t2s) t2s = OpenCC.Converter({ from: 'tw', to: 'cn' }) as (s: string) => string;
  // to a fixed point, so that normalising is idempotent (opencc maps 麼 → 么 and 么 → 幺)
  let out = seg;
  for (let k = 0; k < 4; k++) {
    const next = t2s(out.normalize('NFKC')).toLowerCase().normalize('NFKC');
    if (next === out) break;
    out = next;
  }
  // NFKC may produce ignorable characters (rare); drop them
  let kept = '';
  for (const ch of out) if (!(classOf(ch.codePointAt(0)!) & IGNORABLE)) kept += ch;
  return kept;
}

/** The normalised form of one character (a code point with its combining marks). */
function normaliseChar(seg: string): string {
  if (seg.length === 1) {
    const c = seg.charCodeAt(0);
    let out = single[c];
    if (out === undefined) {
      out = classOf(c) & IGNORABLE ? '' : convert(seg);
      single[c] = out;
    }
    return out;
  }
  const hit = cache.get(seg);
  if (hit !== undefined) return hit;
  const out = classOf(seg.codePointAt(0)!) & IGNORABLE ? '' : convert(seg);
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(seg, out);
  return out;
}

/** A CJK character (Han, kana, Hangul): runs of them give bigrams. */
export function isCjk(cp: number): boolean {
  return (classOf(cp) & CJK) !== 0;
}

/** End of the character starting at i: the code point and the combining marks after it. */
function charEnd(text: string, i: number): number {
  const n = text.length;
  const c = text.charCodeAt(i);
  i += c >= 0xd800 && c <= 0xdbff && i + 1 < n ? 2 : 1;
  while (i < n) {
    const d = text.charCodeAt(i);
    if (d < 0x300) break;
    const cp = d >= 0xd800 && d <= 0xdbff ? text.codePointAt(i)! : d;
    if (!(classOf(cp) & MARK)) break;
    i += cp > 0xffff ? 2 : 1;
  }
  return i;
}

export interface Mapped {
  /** The normalised text. */
  text: string;
  /** For each UTF-16 unit of `text`, the offset in the original of the character it comes from. */
  from: Uint32Array;
  /** For each UTF-16 unit of `text`, the end offset in the original of that character. */
  to: Uint32Array;
}

/** Normalises text and keeps, for each normalised unit, where it came from in the original. */
export function normaliseMapped(text: string): Mapped {
  const n = text.length;
  const parts: string[] = [];
  let from = new Uint32Array(n + 8);
  let to = new Uint32Array(n + 8);
  let len = 0;
  let i = 0;
  while (i < n) {
    const start = i;
    const c = text.charCodeAt(i);
    let out: string;
    if (c < 0x80) {
      // ASCII (NFKC and opencc leave it alone)
      out = c >= 65 && c <= 90 ? String.fromCharCode(c + 32) : text[i]!;
      i++;
    } else {
      i = charEnd(text, i);
      out = normaliseChar(text.slice(start, i));
    }
    parts.push(out);
    if (len + out.length > from.length) {
      const f = new Uint32Array(from.length * 2 + out.length);
      f.set(from);
      from = f;
      const t = new Uint32Array(to.length * 2 + out.length);
      t.set(to);
      to = t;
    }
    for (let k = 0; k < out.length; k++, len++) {
      from[len] = start;
      to[len] = i;
    }
  }
  return { text: parts.join(''), from: from.subarray(0, len), to: to.subarray(0, len) };
}

/** NFKC, full-width → half-width, traditional → simplified, lower case. */
export function normalise(text: string): string {
  return normaliseText(text, false)!;
}

/**
 * The normalised text when every character keeps its length (the usual case: full-width
 * punctuation, traditional characters), so that offsets in it are offsets in the original;
 * otherwise undefined (use normaliseMapped).
 */
export function normaliseAligned(text: string): string | undefined {
  return normaliseText(text, true);
}

/**
 * Whether a one-character query's first match in the text can be found in the text as stored (as on
 * PostgreSQL by `strpos`, docs/adr/0021): its normalised form is aligned with it, every CJK character
 * in either is the same in both, and it holds no surrogate pair (so that offsets in characters are
 * offsets in UTF-16 units). Most Chinese text is: full-width punctuation changes, characters do not.
 */
export function plainForWindows(text: string): boolean {
  if (/[\uD800-\uDFFF]/.test(text)) return false;
  const norm = normaliseAligned(text);
  if (norm === undefined) return false;
  if (norm === text) return true;
  for (let i = 0; i < text.length; i++) {
    const a = text.charCodeAt(i);
    const b = norm.charCodeAt(i);
    if (a !== b && (isCjk(a) || isCjk(b))) return false;
  }
  return true;
}

/**
 * For each BMP character (not a surrogate): 1 when it normalises to itself and is not a combining
 * mark, 2 otherwise, 0 not yet known. Such a character, when no combining mark follows it, stays as
 * it is: normaliseText passes it without making a string of it (most of a Chinese text).
 */
const same = new Uint8Array(0x10000);

function staysAlone(text: string, i: number, c: number): boolean {
  let s = same[c]!;
  if (s === 0) {
    const ch = String.fromCharCode(c);
    s = !(classOf(c) & MARK) && normaliseChar(ch) === ch ? 1 : 2;
    same[c] = s;
  }
  if (s !== 1) return false;
  if (i + 1 >= text.length) return true;
  const d = text.charCodeAt(i + 1);
  // a surrogate pair may be an astral combining mark: the general path decides
  return d < 0x300 || ((d < 0xd800 || d > 0xdfff) && !(classOf(d) & MARK));
}

function normaliseText(text: string, aligned: boolean): string | undefined {
  const parts: string[] = [];
  const n = text.length;
  let i = 0;
  let kept = 0; // start of the pending run of characters that stay as they are
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c < 0x80) {
      if (c >= 65 && c <= 90) {
        parts.push(text.slice(kept, i), String.fromCharCode(c + 32));
        kept = i + 1;
      }
      i++;
      continue;
    }
    if ((c < 0xd800 || c > 0xdfff) && staysAlone(text, i, c)) {
      i++;
      continue;
    }
    const start = i;
    i = charEnd(text, i);
    const seg = i === start + 1 ? text[start]! : text.slice(start, i);
    const out = normaliseChar(seg);
    if (out !== seg) {
      if (aligned && out.length !== seg.length) return undefined;
      parts.push(text.slice(kept, start), out);
      kept = i;
    }
  }
  if (kept === 0) return text;
  parts.push(text.slice(kept));
  return parts.join('');
}

// --- tokens -------------------------------------------------------------------------------------

/** A token with its place in the normalised text. */
export interface Located {
  token: string;
  /** UTF-16 offsets in the normalised text. */
  start: number;
  end: number;
}

/**
 * Tokenises normalised text, calling `emit(start, tokenEnd, end)` for each token: the token is
 * `norm.slice(start, tokenEnd)` (a long word is cut) and covers `norm.slice(start, end)`. `query` changes the
 * last run: a run of two or more CJK characters at the end gives its bigrams only (the text may go
 * on), and a single CJK character at the end is the prefix to match. Returns that prefix flag.
 */
export function scan(
  norm: string,
  query: boolean,
  emit: (start: number, tokenEnd: number, end: number) => void,
  from = 0,
): boolean {
  const n = norm.length;
  let kind = 0; // of the current run: 0 (none), CJK or WORD
  let runStart = 0; // first unit of the current run
  let runLen = 0; // characters in the current run
  let last = 0; // start of the current run's latest character
  // the last character of the latest CJK run, emitted once we know whether another run follows
  let tail = -1;
  let tailEnd = 0;
  let tailAlone = false; // a one-character run
  const flush = (final: boolean) => {
    if (tail < 0) return;
    if (!query || !final || tailAlone) emit(tail, tailEnd, tailEnd);
    const p = query && final && tailAlone;
    tail = -1;
    return p;
  };
  const endRun = (end: number) => {
    if (kind === WORD) {
      emit(runStart, runLen > MAX_WORD_LENGTH ? wordCut(norm, runStart) : end, end);
    } else if (kind === CJK) {
      tail = last;
      tailEnd = end;
      tailAlone = runLen === 1;
    }
    kind = 0;
  };
  let i = from;
  while (i < n) {
    let cp = norm.charCodeAt(i);
    if (cp >= 0xd800 && cp <= 0xdbff) cp = norm.codePointAt(i)!;
    const w = cp > 0xffff ? 2 : 1;
    const cls =
      cp < 0x80 ? ((cp >= 48 && cp <= 57) || (cp >= 97 && cp <= 122) || (cp >= 65 && cp <= 90) ? WORD : 0) : classOf(cp);
    const k = cls & CJK ? CJK : cls & WORD ? WORD : 0;
    if (k !== kind) {
      if (kind !== 0) endRun(i);
      if (k !== 0) {
        flush(false);
        kind = k;
        runStart = i;
        runLen = 0;
      }
    } else if (k === CJK) {
      emit(last, i + w, i + w);
    }
    last = i;
    runLen++;
    i += w;
  }
  if (kind !== 0) endRun(n);
  return flush(true) ?? false;
}

/**
 * The start of the run (of CJK characters, or of a word) holding offset `at` of normalised text, or
 * `at` itself between runs: scanning from there (`scan`'s `from`) gives the whole text's tokens
 * from there on, since tokens never span two runs.
 */
export function runStart(norm: string, at: number): number {
  let i = at;
  while (i > 0) {
    let j = i - 1;
    let cp = norm.charCodeAt(j);
    if (cp >= 0xdc00 && cp <= 0xdfff && j > 0) {
      const hi = norm.charCodeAt(j - 1);
      if (hi >= 0xd800 && hi <= 0xdbff) cp = norm.codePointAt(--j)!;
    }
    const cls =
      cp < 0x80 ? ((cp >= 48 && cp <= 57) || (cp >= 97 && cp <= 122) || (cp >= 65 && cp <= 90) ? WORD : 0) : classOf(cp);
    if (!(cls & (CJK | WORD))) break;
    i = j;
  }
  return i;
}

function wordCut(norm: string, start: number): number {
  let i = start;
  for (let c = 0; c < MAX_WORD_LENGTH; c++) i += norm.charCodeAt(i) >= 0xd800 && norm.charCodeAt(i) <= 0xdbff ? 2 : 1;
  return i;
}

/** Tokens of already normalised text, with their places (see scan for `query`). */
export function locatedTokens(norm: string, query = false): { tokens: Located[]; prefix: boolean } {
  const tokens: Located[] = [];
  const prefix = scan(norm, query, (start, tokenEnd, end) => {
    tokens.push({ token: norm.slice(start, tokenEnd), start, end });
  });
  return { tokens, prefix };
}

/** Tokens of already normalised text. */
export function normalisedTokens(norm: string): string[] {
  const out: string[] = [];
  scan(norm, false, (start, tokenEnd) => {
    out.push(norm.slice(start, tokenEnd));
  });
  return out;
}

/** Index tokens of a text: normalised, CJK bigrams plus each run's last character, and words. */
export function tokens(text: string): string[] {
  return normalisedTokens(normalise(text));
}

/** A query phrase: consecutive tokens, the last one matched as a prefix when `prefix`. */
export interface Phrase {
  tokens: string[];
  prefix: boolean;
}

/** The tokens of a query matched as one phrase (a one-character query is a prefix). */
export function queryTokens(q: string): Phrase {
  const { tokens: t, prefix } = locatedTokens(normalise(q), true);
  const cut = t.length > MAX_PHRASE_TOKENS;
  return { tokens: t.slice(0, MAX_PHRASE_TOKENS).map((x) => x.token), prefix: prefix && !cut };
}

/** A query as phrases, one per space-separated term, all of which must match. */
export function queryPhrases(q: string): Phrase[] {
  const out: Phrase[] = [];
  const seen = new Set<string>();
  // split the raw query (normalising twice is not always a no-op: see convert)
  for (const term of q.slice(0, MAX_QUERY_LENGTH).split(/\s+/)) {
    const p = queryTokens(term);
    if (p.tokens.length === 0) continue;
    const key = `${p.tokens.join(' ')}${p.prefix ? '*' : ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(p);
    if (out.length === MAX_QUERY_TERMS) break;
  }
  return out;
}
