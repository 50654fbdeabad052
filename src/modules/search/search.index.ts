// The search index: one port, two implementations chosen by dialect (design.md "Chinese search").
//
// Text is normalised and tokenised here (search.normalise.ts: CJK bigrams plus words) and stored as
// space-separated tokens: in a contentless FTS5 table on SQLite, in tsvectors with GIN indexes on
// PostgreSQL. A query is a phrase of its tokens per space-separated term, all terms required; both
// databases match exactly the same documents, and return them in the same order. PostgreSQL also
// indexes trigrams and one lexeme per character (search.grams.ts, docs/adr/0012), which answer
// queries of three or more characters and of one character with the same matches.
//
// Order. A document's id is its sort key (day of publication × 2^21 + a serial), so "newest first"
// is "highest id first". FTS5 iterates its doclists in rowid order and stops after one page.
// PostgreSQL counts from the GIN index year by year, newest first (stopping at the cap), and cuts
// the page from what the count found when its complete years hold it; otherwise (a phrase so dense
// that one year exceeds the cap) it walks the documents newest first, finding a page within a few
// rows. One character and two-character terms are counted from their documents per year
// (search_char_years, docs/adr/0021, docs/adr/0022). Relevance is "title matches first, then body
// matches, newest first within each" (docs/adr/0011). On PostgreSQL all of it, and the page's rows, is one prepared statement on a pool of its
// own (docs/adr/0015). The count stops at 1,000 ("1000+").
import { CompiledQuery, type Kysely, type RawBuilder, sql } from 'kysely';
import { type DialectName, sidePool } from '../../platform/db/dialect.js';
import type { Database } from '../../schema.js';
import type { IsoDate } from '../calendar/calendar.days.js';
import { countedLexeme, form, titleForm, tokenRows, tsqueryLiteral, unigramOf } from './search.grams.js';
import {
  isCjk,
  type Mapped,
  normalise,
  normaliseAligned,
  normalisedTokens,
  normaliseMapped,
  type Phrase,
  plainForWindows,
  queryPhrases,
  runStart,
  scan,
} from './search.normalise.js';

export interface SearchDocument {
  kind: string;
  id: string;
  organId: number;
  title: string;
  /** Plain text (attachments' text included by the caller). */
  body: string;
  url: string;
  column?: string | null;
  publishedOn: IsoDate;
  genre?: string | null;
}

export interface SearchQuery {
  q: string;
  organId?: number;
  column?: string;
  year?: number;
  genre?: string;
  order?: 'newest' | 'relevance';
  limit: number;
  offset?: number;
}

export interface SearchHit {
  kind: string;
  id: string;
  /** Plain text (escape it when rendering). */
  title: string;
  /** HTML: the escaped title with matches in <mark> (made when read: the JSON API has no use for it). */
  readonly titleHtml: string;
  url: string;
  /** HTML: an escaped window of the body around the first match, matches in <mark>. */
  snippet: string;
  organId: number;
  publishedOn: IsoDate;
}

export interface SearchResult {
  /** Number of matches, at most COUNT_CAP. */
  total: number;
  /** True when there are more than COUNT_CAP matches ("1000+"). */
  capped: boolean;
  items: SearchHit[];
  /**
   * The value of SearchIndexOptions.stamp, read in the search's own statement (PostgreSQL) or just
   * before it (SQLite); absent when none was given or nothing was searched.
   */
  stamp?: number;
}

export interface SearchIndexOptions {
  /**
   * A scalar subquery read along with each search: the content stamp (ADR 0014), so that a request
   * gets the memo as of it without a round trip of its own.
   */
  stamp?: RawBuilder<unknown>;
}

export interface SearchIndex {
  /** Adds or replaces a document (kind + id). */
  upsert(doc: SearchDocument): Promise<void>;
  /** Adds or replaces many documents in one transaction (reindexing). */
  upsertMany(docs: readonly SearchDocument[]): Promise<void>;
  /** Removes a document at once; unknown documents are ignored. */
  remove(kind: string, id: string): Promise<void>;
  /** Empties the index (before a full reindex). */
  clear(): Promise<void>;
  /** After bulk loading: merges FTS5 segments (SQLite) or refreshes planner statistics (PostgreSQL). */
  optimize(): Promise<void>;
  search(query: SearchQuery): Promise<SearchResult>;
}

export const COUNT_CAP = 1000;
export const MAX_LIMIT = 100;
/** Title tokens indexed (on both databases alike). */
export const MAX_TITLE_TOKENS = 2048;
const DAY_SHIFT = 2 ** 21;
/** Documents per batch in upsertMany, and rows per INSERT statement. */
const BATCH = 500;
const ROWS_PER_INSERT = 50;
/**
 * When a query matches over COUNT_CAP documents, PostgreSQL finds a page ending before this rank by
 * walking the documents newest first (a frequent phrase turns up within a few rows), a deeper page
 * from the GIN index. (With fewer matches, the capped count has fetched them all already.)
 */
const WALK_LIMIT = 200;
/** PostgreSQL, relevance order, many matches: the newest titles looked at for the page's title matches. */
const TITLE_WALK = 256;
/**
 * PostgreSQL, one character, relevance order: the newest titles walked for the page's title matches
 * when those of the years concerned lead to expect them within half as many (else year by year from
 * the GIN index). Measured at 100,000 documents: walking ~560 titles for 20 of 港 (one title in 20)
 * took 0.5 ms, reading its years' title matches from the GIN index and sorting them 1.35 ms.
 */
const UNI_TITLE_WALK = 1024;
/**
 * PostgreSQL, one character: the newest matches are found by walking the documents newest first when
 * at least one document in WALK_DENSITY holds it in the years concerned, else year by year from the
 * GIN index (docs/adr/0021).
 */
const WALK_DENSITY = 5;
/** PostgreSQL: the index's tables. */
const SEARCH_TABLES = [
  'search_documents',
  'search_titles',
  'search_segments',
  'search_grams',
  'search_terms',
  'search_chars',
  'search_char_years',
] as const;
/** PostgreSQL: the advisory lock of the index's writers (two-key form: apart from the audit chain's). */
const WRITE_LOCK = [0x676b, 22] as const;
/**
 * A snippet is SNIPPET_CHARS characters of the body from SNIPPET_BEFORE before its first match, or
 * fewer before it near the body's end so as to stay that long (`highlight`). For one character in a
 * plain body that window is computed where the body is (PostgreSQL: `strpos`, then `substr` of the
 * window alone; see `partOf`).
 */
export const SNIPPET_CHARS = 120;
export const SNIPPET_BEFORE = 30;
/** The columns of a page's documents. */
const ROW = ['id', 'kind', 'doc_id', 'title', 'body', 'url', 'organ_id', 'published_on', 'plain_length'] as const;

type Db = Kysely<Database>;
type Tier = 'all' | 'title' | 'body';

interface Filters {
  organId?: number;
  column?: string;
  genre?: string;
  /** id range [lo, hi) from the year */
  lo?: number;
  hi?: number;
  year?: number;
}

/** Ids of matching documents, in any order, with every match whose id is at least `from` among them. */
interface Found {
  ids: number[];
  from: number;
}

/** A capped count (COUNT_CAP + 1 matches at most) and, when asked, title matches. */
interface Counted {
  all: Found;
  /** All title matches when the count is within COUNT_CAP, otherwise the newest `titles` of them. */
  titles?: Found;
}

/** A page's documents, as stored. */
interface Row {
  id: number | string;
  kind: string;
  doc_id: string;
  title: string;
  body: string;
  url: string;
  organ_id: number | string;
  published_on: string;
  /** When `body` is a part of the body (snippetOfPart): where it starts, and the body's length. */
  body_from?: number | string | null;
  body_len?: number | string | null;
  /** The body's length when it is plain (plainForWindows), else null. */
  plain_length?: number | string | null;
}

/** The capped count (up to COUNT_CAP + 1), the page's ids in order, and their rows (any order). */
interface Answer {
  count: number;
  ids: number[];
  rows: Row[];
  stamp?: number | string | null;
}

/** What a search asks of a backend. */
interface Ask {
  phrases: Phrase[];
  f: Filters;
  relevance: boolean;
  limit: number;
  offset: number;
  /** SearchIndexOptions.stamp */
  stamp?: RawBuilder<unknown>;
}

interface Backend {
  /** Taken first in every transaction that writes the index (PostgreSQL: writers one at a time). */
  lock(db: Db): Promise<void>;
  writeTokens(db: Db, docs: readonly { id: number; p: Prepared }[]): Promise<void>;
  deleteTokens(db: Db, id: number): Promise<void>;
  clear(db: Db): Promise<void>;
  optimize(db: Db): Promise<void>;
  answer(db: Db, ask: Ask): Promise<Answer>;
}

export function createSearchIndex(db: Db, dialect: DialectName, opts: SearchIndexOptions = {}): SearchIndex {
  return new Index(db, dialect === 'sqlite' ? new Fts5Backend() : new PostgresBackend(), opts.stamp);
}

// --- sort keys -----------------------------------------------------------------------------------

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function dayNumber(date: IsoDate): number {
  const m = ISO_DATE.exec(date);
  const t = m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : Number.NaN;
  if (!m || Number.isNaN(t) || new Date(t).toISOString().slice(0, 10) !== date) {
    throw new Error(`发布日期格式应为 YYYY-MM-DD：${date}`);
  }
  return Math.round(t / 86_400_000);
}

// --- the index -----------------------------------------------------------------------------------

class Index implements SearchIndex {
  constructor(
    private readonly db: Db,
    private readonly backend: Backend,
    private readonly stamp?: RawBuilder<unknown>,
  ) {}

  /** A write: in the caller's transaction or one of its own, the backend's lock taken first. */
  private inTx<T>(fn: (db: Db) => Promise<T>): Promise<T> {
    const locked = async (tx: Db) => {
      await this.backend.lock(tx);
      return fn(tx);
    };
    return this.db.isTransaction ? locked(this.db) : this.db.transaction().execute(locked);
  }

  async upsert(doc: SearchDocument): Promise<void> {
    const prepared = prepare(doc);
    await this.inTx((tx) => this.write(tx, prepared));
  }

  async upsertMany(docs: readonly SearchDocument[]): Promise<void> {
    // oldest first: ids then grow, which both B-trees and FTS5 (it flushes its pending terms when a
    // rowid goes down) take much faster than random order; a full reindex should feed dates in order
    const last = new Map<string, Prepared>();
    for (const d of docs) last.set(`${d.kind}\u0000${d.id}`, prepare(d));
    const prepared = [...last.values()].sort((a, b) => a.day - b.day);
    await this.inTx(async (tx) => {
      for (let i = 0; i < prepared.length; i += BATCH) await this.writeBatch(tx, prepared.slice(i, i + BATCH));
    });
  }

  /** New documents in a few statements; documents already indexed one by one. */
  private async writeBatch(tx: Db, batch: Prepared[]): Promise<void> {
    const existing = new Set<string>();
    const rows = await tx
      .selectFrom('search_documents')
      .select(['kind', 'doc_id'])
      .where(
        'doc_id',
        'in',
        batch.map((p) => p.doc.id),
      )
      .execute();
    for (const r of rows) existing.add(`${r.kind}\u0000${r.doc_id}`);
    const fresh = batch.filter((p) => !existing.has(`${p.doc.kind}\u0000${p.doc.id}`));
    for (const p of batch) if (existing.has(`${p.doc.kind}\u0000${p.doc.id}`)) await this.write(tx, p);
    if (fresh.length === 0) return;
    // the highest id of each day concerned
    const base = fresh[0]!.day * DAY_SHIFT;
    const top = (fresh[fresh.length - 1]!.day + 1) * DAY_SHIFT;
    const maxima = await sql<{ day: string | number; m: string | number }>`SELECT CAST((id - ${base}) / ${DAY_SHIFT} AS INTEGER)
      AS day, max(id) AS m FROM search_documents WHERE id >= ${base} AND id < ${top} GROUP BY 1`.execute(tx);
    const next = new Map<number, number>();
    for (const r of maxima.rows) next.set(fresh[0]!.day + Number(r.day), Number(r.m) + 1);
    const placed: { id: number; p: Prepared }[] = [];
    for (const p of fresh) {
      const id = next.get(p.day) ?? p.day * DAY_SHIFT;
      if (id >= (p.day + 1) * DAY_SHIFT) throw new Error(`同一天发布的文档过多：${p.doc.publishedOn}`);
      next.set(p.day, id + 1);
      placed.push({ id, p });
    }
    const now = new Date().toISOString();
    const inserted = new Set<number>();
    for (let i = 0; i < placed.length; i += ROWS_PER_INSERT) {
      const chunk = placed.slice(i, i + ROWS_PER_INSERT);
      const ids = await tx
        .insertInto('search_documents')
        .values(chunk.map(({ id, p }) => ({ id, ...documentRow(p, now) })))
        .onConflict((oc) => oc.doNothing())
        .returning('id')
        .execute();
      for (const r of ids) inserted.add(Number(r.id));
    }
    const ok = placed.filter((x) => inserted.has(x.id));
    for (let i = 0; i < ok.length; i += ROWS_PER_INSERT) await this.backend.writeTokens(tx, ok.slice(i, i + ROWS_PER_INSERT));
    // taken meanwhile by a concurrent writer: one by one, looking again
    for (const x of placed) if (!inserted.has(x.id)) await this.write(tx, x.p);
  }

  private async write(tx: Db, p: Prepared): Promise<void> {
    const d = p.doc;
    const row = documentRow(p, new Date().toISOString());
    for (let attempt = 0; attempt < 10; attempt++) {
      const old = await tx
        .selectFrom('search_documents')
        .select(['id', 'published_on'])
        .where('kind', '=', d.kind)
        .where('doc_id', '=', d.id)
        .executeTakeFirst();
      if (old && old.published_on === d.publishedOn) {
        // same day: keep the id (and so the order within the day)
        const id = Number(old.id);
        await tx.updateTable('search_documents').set(row).where('id', '=', id).execute();
        await this.backend.deleteTokens(tx, id);
        await this.backend.writeTokens(tx, [{ id, p }]);
        return;
      }
      if (old) {
        await this.backend.deleteTokens(tx, Number(old.id));
        await tx.deleteFrom('search_documents').where('id', '=', Number(old.id)).execute();
      }
      const lo = p.day * DAY_SHIFT;
      const max = await tx
        .selectFrom('search_documents')
        .select((e) => e.fn.max('id').as('m'))
        .where('id', '>=', lo)
        .where('id', '<', lo + DAY_SHIFT)
        .executeTakeFirst();
      const id = max?.m == null ? lo : Number(max.m) + 1;
      if (id >= lo + DAY_SHIFT) throw new Error(`同一天发布的文档过多：${d.publishedOn}`);
      // a concurrent writer may take the id (or the document) first: then look again
      const inserted = await tx
        .insertInto('search_documents')
        .values({ id, ...row })
        .onConflict((oc) => oc.doNothing())
        .returning('id')
        .executeTakeFirst();
      if (!inserted) continue;
      await this.backend.writeTokens(tx, [{ id, p }]);
      return;
    }
    throw new Error(`索引写入冲突：${d.kind}/${d.id}`);
  }

  async remove(kind: string, id: string): Promise<void> {
    await this.inTx(async (tx) => {
      const old = await tx
        .selectFrom('search_documents')
        .select('id')
        .where('kind', '=', kind)
        .where('doc_id', '=', id)
        .executeTakeFirst();
      if (!old) return;
      await this.backend.deleteTokens(tx, Number(old.id));
      await tx.deleteFrom('search_documents').where('id', '=', Number(old.id)).execute();
    });
  }

  async clear(): Promise<void> {
    await this.inTx(async (tx) => {
      await this.backend.clear(tx);
      await tx.deleteFrom('search_documents').execute();
    });
  }

  optimize(): Promise<void> {
    return this.backend.optimize(this.db);
  }

  async search(query: SearchQuery): Promise<SearchResult> {
    const phrases = queryPhrases(query.q ?? '');
    const limit = Math.max(0, Math.min(MAX_LIMIT, Math.floor(query.limit)));
    const offset = Math.max(0, Math.floor(query.offset ?? 0));
    if (phrases.length === 0) return { total: 0, capped: false, items: [] };
    const f: Filters = {};
    if (query.organId != null) f.organId = query.organId;
    if (query.column != null) f.column = query.column;
    if (query.genre != null) f.genre = query.genre;
    if (query.year != null) {
      const y = query.year;
      if (!Number.isInteger(y) || y < 1 || y > 9998) throw new RangeError(`年份无效：${y}`);
      f.lo = dayNumber(`${String(y).padStart(4, '0')}-01-01`) * DAY_SHIFT;
      f.hi = dayNumber(`${String(y + 1).padStart(4, '0')}-01-01`) * DAY_SHIFT;
      f.year = y;
    }
    const relevance = query.order === 'relevance' && limit > 0;
    const ask: Ask = { phrases, f, relevance, limit, offset };
    if (this.stamp) ask.stamp = this.stamp;
    const { count, ids, rows, stamp } = await this.backend.answer(this.db, ask);
    const byId = new Map(rows.map((r) => [Number(r.id), r]));
    // one CJK character: the snippet of a plain body from its part around the first occurrence, as
    // PostgreSQL sends it (snippetOfPart gives highlight's snippet of the whole body)
    const c = oneCharacter(phrases);
    const items: SearchHit[] = [];
    for (const id of ids) {
      const r = byId.get(id);
      if (!r) continue;
      items.push({
        kind: r.kind,
        id: r.doc_id,
        title: r.title,
        get titleHtml() {
          return highlight(r.title, phrases, false);
        },
        url: r.url,
        snippet:
          r.body_from != null
            ? snippetOfPart(r.body, Number(r.body_from), Number(r.body_len), phrases)
            : c && r.plain_length != null
              ? snippetOfPart(...partOf(r.body, c), r.body.length, phrases)
              : highlight(r.body, phrases, true),
        organId: Number(r.organ_id),
        publishedOn: r.published_on,
      });
    }
    const out: SearchResult = { total: Math.min(count, COUNT_CAP), capped: count > COUNT_CAP, items };
    if (stamp != null) out.stamp = Number(stamp);
    return out;
  }
}

interface Prepared {
  doc: SearchDocument;
  day: number;
  /** plainForWindows(body) */
  plain: boolean;
  title: string[];
  body: string[];
}

const LIMITS = { kind: 32, id: 64, url: 500, column: 64, genre: 32 } as const;

function prepare(doc: SearchDocument): Prepared {
  if (!doc.kind || !doc.id) throw new Error('索引文档须有 kind 与 id');
  // the column widths, checked here so both databases refuse alike
  for (const [field, max] of Object.entries(LIMITS)) {
    const v = doc[field as keyof typeof LIMITS];
    if (v != null && v.length > max) throw new Error(`索引文档的 ${field} 超过 ${max} 个字符`);
  }
  return { doc, day: dayNumber(doc.publishedOn), plain: plainForWindows(doc.body), ...tokensOf(doc.title, doc.body) };
}

/** The tokens a document is indexed under, from its title and body as stored in `search_documents`. */
function tokensOf(title: string, body: string): { title: string[]; body: string[] } {
  return { title: normalisedTokens(normalise(title)).slice(0, MAX_TITLE_TOKENS), body: normalisedTokens(normalise(body)) };
}

/**
 * SQLite: writes the tokens of every stored document into an FTS5 table again, from
 * `search_documents` (a new `search_fts` table, migration 0019; the table of titles, 0021). Returns
 * the number of documents.
 */
export async function rewriteFtsTokens(db: Kysely<unknown>, table: FtsTable = 'search_fts', batch = 1000): Promise<number> {
  let after = -1;
  let n = 0;
  for (;;) {
    const rows = (
      await sql<{ id: number; title: string; body: string }>`SELECT id, title, body FROM search_documents
        WHERE id > ${after} ORDER BY id LIMIT ${batch}`.execute(db)
    ).rows;
    if (rows.length === 0) return n;
    const docs = rows.map((r) => ({ id: Number(r.id), p: tokensOf(r.title, table === 'search_fts' ? r.body : '') }));
    await ftsInsert(db as Db, table, docs);
    n += rows.length;
    after = Number(rows[rows.length - 1]?.id);
  }
}

function documentRow(p: Prepared, now: string) {
  const d = p.doc;
  return {
    kind: d.kind,
    doc_id: d.id,
    organ_id: d.organId,
    column_code: d.column ?? null,
    genre: d.genre ?? null,
    published_on: d.publishedOn,
    title: d.title,
    body: d.body,
    plain_length: p.plain ? d.body.length : null,
    url: d.url,
    indexed_at: now,
  };
}

// --- SQLite: FTS5 --------------------------------------------------------------------------------

function ftsPhrase(p: Phrase): string {
  // tokens hold letters and digits only, so they need no escaping inside the quotes
  return `"${p.tokens.join(' ')}"${p.prefix ? ' *' : ''}`;
}

function ftsExpression(phrases: Phrase[], tier: Tier): string {
  const all = phrases.map(ftsPhrase).join(' AND ');
  if (tier === 'all') return all;
  if (tier === 'title') return `title : (${all})`;
  return `(${all}) NOT title : (${all})`;
}

/** SQLite's FTS5 tables: titles and bodies, and titles alone (migration 0021). */
type FtsTable = 'search_fts' | 'search_fts_titles';

/** Writes documents' tokens into one FTS5 table. */
async function ftsInsert(db: Db, table: FtsTable, docs: readonly { id: number; p: Pick<Prepared, 'title' | 'body'> }[]) {
  if (docs.length === 0) return;
  if (table === 'search_fts') {
    const values = docs.map(({ id, p }) => sql`(${id}, ${p.title.join(' ')}, ${p.body.join(' ')})`);
    await sql`INSERT INTO search_fts (rowid, title, body) VALUES ${sql.join(values)}`.execute(db);
  } else {
    const values = docs.map(({ id, p }) => sql`(${id}, ${p.title.join(' ')})`);
    await sql`INSERT INTO search_fts_titles (rowid, title) VALUES ${sql.join(values)}`.execute(db);
  }
}

class Fts5Backend implements Backend {
  async lock(): Promise<void> {
    // SQLite has one writer at a time
  }

  async writeTokens(db: Db, docs: readonly { id: number; p: Pick<Prepared, 'title' | 'body'> }[]): Promise<void> {
    await ftsInsert(db, 'search_fts', docs);
    await ftsInsert(db, 'search_fts_titles', docs);
  }

  async deleteTokens(db: Db, id: number): Promise<void> {
    await sql`DELETE FROM search_fts WHERE rowid = ${id}`.execute(db);
    await sql`DELETE FROM search_fts_titles WHERE rowid = ${id}`.execute(db);
  }

  async clear(db: Db): Promise<void> {
    await sql`DELETE FROM search_fts`.execute(db);
    await sql`DELETE FROM search_fts_titles`.execute(db);
  }

  async optimize(db: Db): Promise<void> {
    await sql`INSERT INTO search_fts (search_fts) VALUES ('optimize')`.execute(db);
    await sql`INSERT INTO search_fts_titles (search_fts_titles) VALUES ('optimize')`.execute(db);
    await sql`ANALYZE search_documents`.execute(db);
  }

  async answer(db: Db, { phrases, f, relevance, limit, offset, stamp }: Ask): Promise<Answer> {
    // the stamp first: what is read after it is at least as fresh
    const s = stamp ? (await sql<{ s: number | null }>`SELECT ${stamp} AS s`.execute(db)).rows[0]?.s : undefined;
    const { count, ids } = await this.choose(db, phrases, f, relevance, limit, offset);
    const rows = ids.length === 0 ? [] : await db.selectFrom('search_documents').select(ROW).where('id', 'in', ids).execute();
    return { count, ids, rows, stamp: s };
  }

  /** Up to COUNT_CAP + 1 matches: their number, and when that is all of them, the page itself. */
  private async choose(db: Db, phrases: Phrase[], f: Filters, relevance: boolean, limit: number, offset: number) {
    const newestFirst = (xs: number[]) => xs.sort((x, y) => y - x);
    const counted = await this.counted(db, phrases, f, relevance ? offset + limit : undefined);
    const all = counted.all;
    const count = all.ids.length;
    if (limit === 0 || count === 0) return { count, ids: [] };
    // the newest matches, when those found include every match down to the page's end; when they are
    // all the matches (`from` unbounded), a short or empty page too: asking the index for it again
    // would read every document holding the phrase's tokens for nothing (a rare phrase of common
    // bigrams, such as 海绵城市建, cost time in proportion to the corpus that way; PostgreSQL's
    // statement takes the same shortcut, `ok` below)
    const known = (x: Found, keep: (id: number) => boolean, skip: number, n: number) => {
      const xs = newestFirst(x.ids.filter((id) => id >= x.from && keep(id)));
      return xs.length >= skip + n || x.from === Number.NEGATIVE_INFINITY ? xs.slice(skip, skip + n) : undefined;
    };
    if (!relevance || !counted.titles) {
      const ids = known(all, () => true, offset, limit) ?? (await this.page(db, phrases, 'all', f, limit, offset));
      return { count, ids };
    }
    // relevance: title matches first, then the others, newest first in each
    if (count <= COUNT_CAP) {
      // all the matches are known, and so (among them) all the title matches
      const inTitle = new Set(counted.titles.ids);
      const sorted = newestFirst(all.ids);
      const ranked = [...sorted.filter((x) => inTitle.has(x)), ...sorted.filter((x) => !inTitle.has(x))];
      return { count, ids: ranked.slice(offset, offset + limit) };
    }
    // the newest title matches down to the page's end, or all of them when fewer, then the others
    const titles = counted.titles;
    const inTitle = new Set(titles.ids);
    const ids = newestFirst(titles.ids).slice(offset, offset + limit);
    if (ids.length === limit) return { count, ids };
    const skip = Math.max(0, offset - titles.ids.length);
    const rest =
      known(all, (id) => !inTitle.has(id), skip, limit - ids.length) ??
      (await this.page(db, phrases, 'body', f, limit - ids.length, skip));
    return { count, ids: ids.concat(rest) };
  }

  /**
   * The FROM and WHERE of the documents matching in a tier, and the rowid to select and sort by.
   * Title matches come from the table of titles alone: in search_fts, `title : (…)` reads the lists
   * of titles and bodies and checks each document's columns, every document holding the phrase when
   * few titles do (工作情况统计 at 100,000 documents: 17 ms for no title match; 0.1 ms in titles).
   */
  private from(phrases: Phrase[], tier: Tier, f: Filters): { from: RawBuilder<unknown>; rowid: RawBuilder<unknown> } {
    const table = sql.raw(tier === 'title' ? 'search_fts_titles' : 'search_fts');
    const rowid = sql`${table}.rowid`;
    const join = f.organId != null || f.column != null || f.genre != null;
    const conds: RawBuilder<unknown>[] = [sql`${table} MATCH ${ftsExpression(phrases, tier === 'title' ? 'all' : tier)}`];
    if (f.lo != null) conds.push(sql`${rowid} >= ${f.lo}`);
    if (f.hi != null) conds.push(sql`${rowid} < ${f.hi}`);
    if (f.organId != null) conds.push(sql`d.organ_id = ${f.organId}`);
    if (f.column != null) conds.push(sql`d.column_code = ${f.column}`);
    if (f.genre != null) conds.push(sql`d.genre = ${f.genre}`);
    return {
      from: sql`FROM ${table} ${join ? sql`JOIN search_documents d ON d.id = ${rowid}` : sql``} WHERE ${sql.join(conds, sql` AND `)}`,
      rowid,
    };
  }

  private async page(db: Db, phrases: Phrase[], tier: Tier, f: Filters, limit: number, offset: number): Promise<number[]> {
    // FTS5 walks its doclists in rowid order and stops after the page
    const { from, rowid } = this.from(phrases, tier, f);
    const r = await sql<{ id: number }>`SELECT ${rowid} AS id ${from}
      ORDER BY ${rowid} DESC LIMIT ${limit} OFFSET ${offset}`.execute(db);
    return r.rows.map((x) => Number(x.id));
  }

  private async counted(db: Db, phrases: Phrase[], f: Filters, titles?: number): Promise<Counted> {
    const all = await this.matches(db, phrases, 'all', f, COUNT_CAP + 1);
    if (titles == null) return { all };
    const many = all.ids.length > COUNT_CAP;
    return { all, titles: await this.matches(db, phrases, 'title', f, many ? titles : COUNT_CAP + 1, many) };
  }

  private async matches(db: Db, phrases: Phrase[], tier: Tier, f: Filters, cap: number, newest = false): Promise<Found> {
    if (newest) {
      const ids = await this.page(db, phrases, tier, f, cap, 0);
      return { ids, from: ids.length < cap ? Number.NEGATIVE_INFINITY : Math.min(...ids) };
    }
    const { from, rowid } = this.from(phrases, tier, f);
    const r = await sql<{ id: number }>`SELECT ${rowid} AS id ${from} LIMIT ${cap}`.execute(db);
    const ids = r.rows.map((x) => Number(x.id));
    // in rowid order, oldest first: when capped, the newest are unknown
    return { ids, from: ids.length < cap ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY };
  }
}

// --- PostgreSQL: tsvector + GIN ------------------------------------------------------------------

class PostgresBackend implements Backend {
  /**
   * The triggers of search_char_years (migration 0022) update rows shared by every document holding
   * a character: writers one at a time, so that none waits for a row another holds while holding one
   * it needs (a deadlock). Index writes are short, and run after the commits that cause them.
   */
  async lock(db: Db): Promise<void> {
    await sql`SELECT pg_advisory_xact_lock(${WRITE_LOCK[0]}, ${WRITE_LOCK[1]})`.execute(db);
  }

  async writeTokens(db: Db, docs: readonly { id: number; p: Prepared }[]): Promise<void> {
    const titles: { doc_id: number; tsv: RawBuilder<string> }[] = [];
    const rows: { doc_id: number; part: number; tsv: RawBuilder<string> }[] = [];
    const grams: { doc_id: number; part: number; tsv: RawBuilder<string> }[] = [];
    const chars: { doc_id: number; tsv: RawBuilder<string> }[] = [];
    const terms: { doc_id: number; part: number; terms: string }[] = [];
    const cast = (t: string) => sql<string>`cast(${t} as tsvector)`;
    for (const { id, p } of docs) {
      const r = tokenRows(p.title, p.body, Number(p.doc.publishedOn.slice(0, 4)));
      titles.push({ doc_id: id, tsv: cast(r.title) });
      chars.push({ doc_id: id, tsv: cast(r.chars) });
      for (const x of r.segments) rows.push({ doc_id: id, part: x.part, tsv: cast(x.tsv) });
      for (const x of r.grams) grams.push({ doc_id: id, part: x.part, tsv: cast(x.tsv) });
      // text, made a tsvector by the index only (migration 0020)
      for (const x of r.terms) terms.push({ doc_id: id, part: x.part, terms: x.tsv });
    }
    if (titles.length) {
      await db.insertInto('search_titles').values(titles).execute();
      await db.insertInto('search_chars').values(chars).execute();
    }
    for (const [table, xs] of [
      ['search_segments', rows],
      ['search_grams', grams],
    ] as const) {
      for (let i = 0; i < xs.length; i += 200) {
        await db
          .insertInto(table)
          .values(xs.slice(i, i + 200))
          .execute();
      }
    }
    for (let i = 0; i < terms.length; i += 200) {
      await db
        .insertInto('search_terms')
        .values(terms.slice(i, i + 200))
        .execute();
    }
  }

  async deleteTokens(db: Db, id: number): Promise<void> {
    await db.deleteFrom('search_titles').where('doc_id', '=', id).execute();
    await db.deleteFrom('search_segments').where('doc_id', '=', id).execute();
    await db.deleteFrom('search_grams').where('doc_id', '=', id).execute();
    await db.deleteFrom('search_terms').where('doc_id', '=', id).execute();
    await db.deleteFrom('search_chars').where('doc_id', '=', id).execute();
  }

  async clear(db: Db): Promise<void> {
    // the counts' triggers off while every row goes (they would add up every lexeme of the corpus)
    await sql`SELECT set_config('gongkai.search_char_years', 'off', true)`.execute(db);
    await db.deleteFrom('search_titles').execute();
    await db.deleteFrom('search_segments').execute();
    await db.deleteFrom('search_grams').execute();
    await db.deleteFrom('search_terms').execute();
    await db.deleteFrom('search_chars').execute();
    await db.deleteFrom('search_char_years').execute();
    await sql`SELECT set_config('gongkai.search_char_years', 'on', true)`.execute(db);
  }

  async optimize(db: Db): Promise<void> {
    // GIN indexes take insertions into a pending list that every search reads through (merged by
    // autovacuum, or at 4 MB): after a bulk load, merge it now (measured: title counts 5 → 2 ms)
    for (const i of ['search_titles_tsv', 'search_segments_tsv', 'search_grams_tsv', 'search_terms_tsv', 'search_chars_tsv'])
      await sql`SELECT gin_clean_pending_list(${i}::regclass)`.execute(db);
    // planner statistics, and outside a transaction (VACUUM cannot run in one) what autovacuum would
    // do soon after a bulk load: the counts' rows were updated by every statement of it (their dead
    // versions go), and the visibility map lets walks of the documents skip their heap pages
    const tables = sql.join(SEARCH_TABLES.map((t) => sql.table(t)));
    if (db.isTransaction) await sql`ANALYZE ${tables}`.execute(db);
    else await sql`VACUUM (ANALYZE) ${tables}`.execute(db);
  }

  /**
   * Without the search's own pool (inside the caller's transaction, or a Kysely instance not made by
   * `connect`): runs `fn` in a transaction with the planner settings of SETTINGS (its own, or the
   * caller's with the settings put back afterwards).
   */
  private async read<T>(db: Db, fn: (db: Db) => Promise<T>): Promise<T> {
    const set = (x: Db, seqscan: string, jit: string) =>
      sql<{ s: string; j: string }>`SELECT set_config('enable_seqscan', ${seqscan}, true) AS s,
        set_config('jit', ${jit}, true) AS j`.execute(x);
    if (!db.isTransaction) {
      // a transaction of its own, begun and set up in one round trip (simple protocol, no parameters)
      return db.connection().execute(async (conn) => {
        await sql.raw('BEGIN READ ONLY; SET LOCAL enable_seqscan = off; SET LOCAL jit = off').execute(conn);
        let out: T;
        try {
          out = await fn(conn);
        } catch (err) {
          await sql.raw('ROLLBACK').execute(conn);
          throw err;
        }
        // the answer is known: end the read-only transaction without waiting for the server's reply.
        // A connection runs its queries in order, so whoever takes it next runs after the COMMIT;
        // a failed COMMIT of a read-only transaction loses nothing (the pool drops a broken connection)
        sql
          .raw('COMMIT')
          .execute(conn)
          .catch(() => undefined);
        return out;
      });
    }
    // inside the caller's transaction: put the settings back afterwards
    const before = await sql<{ s: string; j: string }>`SELECT current_setting('enable_seqscan') AS s,
      current_setting('jit') AS j`.execute(db);
    await set(db, 'off', 'off');
    let failed = false;
    try {
      return await fn(db);
    } catch (err) {
      failed = true; // the transaction is aborted and will be rolled back, settings and all
      throw err;
    } finally {
      if (!failed) await set(db, before.rows[0]?.s ?? 'on', before.rows[0]?.j ?? 'on');
    }
  }

  /**
   * Rows `s` of search_titles (tier 'title') or search_segments, one per matching document: the
   * title matching every phrase; or the first segment of the document matching the driving phrase,
   * the document matching the others, the tier and the filters (all per-row subqueries, which
   * PostgreSQL cannot turn into joins that would compute every match first).
   */
  private driven(
    phrases: Phrase[],
    tier: Tier,
    f: Filters,
    year?: RawBuilder<unknown>,
    titled: RawBuilder<unknown> = sql`true`,
  ): RawBuilder<unknown> {
    const conds: RawBuilder<unknown>[] = [];
    const [driver, ...others] = [...phrases].sort((a, b) => b.tokens.length - a.tokens.length);
    const table = tier === 'title' ? sql.table('search_titles') : tokenTable(driver!);
    // with `year` (a tsquery): only the rows of that year, found as such in the GIN index
    const within = (q: RawBuilder<unknown>) => (year ? sql`(${q} && ${year})` : q);
    if (tier === 'title') {
      conds.push(sql`s.tsv @@ ${within(allQuery())}`);
    } else {
      const q = tsquery(driver!);
      conds.push(sql`${vector(driver!)} @@ ${within(q)}`);
      // the document's first matching part only (search_chars has one row per document, and a term
      // is in one row of its document)
      if (form(driver!) !== 'uni' && form(driver!) !== 'term') {
        conds.push(sql`(s.part = 1 OR NOT coalesce((SELECT bool_or(e.tsv @@ ${q}) FROM ${table} e
          WHERE e.doc_id = s.doc_id AND e.part < s.part), false))`);
      }
      for (const p of others) conds.push(docMatches(sql`s.doc_id`, p));
      // (`titled` false, computed once: no title holds the phrase, none is read)
      if (tier === 'body') conds.push(sql`NOT (${titled} AND ${titleMatches(sql`s.doc_id`)})`);
    }
    if (f.lo != null) conds.push(sql`s.doc_id >= ${f.lo}`);
    if (f.hi != null) conds.push(sql`s.doc_id < ${f.hi}`);
    const attrs = attributeFilters(f);
    if (attrs.length) {
      conds.push(
        sql`coalesce((SELECT true FROM search_documents d WHERE d.id = s.doc_id AND ${sql.join(attrs, sql` AND `)}), false)`,
      );
    }
    return sql`${table} s WHERE ${sql.join(conds, sql` AND `)}`;
  }

  /**
   * Ids `id` of a page of matches, newest first, when the capped count could not tell it (a phrase
   * so dense that one year holds over COUNT_CAP matches): an early page (`walk`) by walking the
   * documents newest first, a frequent phrase turning up within a few rows; a deeper one from the
   * GIN index, sorted. `gate` is a condition without columns: PostgreSQL evaluates it once, and reads
   * nothing when it is false. The walk starts below `n.top`, the end of the newest year with a match
   * (the capped count read the later years whole and found none): a phrase dense in an old year only
   * (2008年) would otherwise check every newer document first, at 100,000 documents 96,000 of them.
   */
  private pageIds(
    ask: Ask,
    tier: Tier,
    limit: RawBuilder<unknown>,
    offset: RawBuilder<unknown>,
    walk: boolean,
    gate: RawBuilder<unknown>,
    top: RawBuilder<unknown>,
  ) {
    const { phrases, f } = ask;
    if (walk) {
      // computed once (an InitPlan): an index condition of the walk
      const conds: RawBuilder<unknown>[] = [gate, sql`d.id < ${top}`, ...attributeFilters(f)];
      if (f.lo != null) conds.push(sql`d.id >= ${f.lo}`);
      if (f.hi != null) conds.push(sql`d.id < ${f.hi}`);
      if (tier === 'title') conds.push(titleMatches(sql`d.id`));
      else for (const p of phrases) conds.push(docMatches(sql`d.id`, p));
      if (tier === 'body') conds.push(sql`NOT ${titleMatches(sql`d.id`)}`);
      return sql`SELECT d.id FROM search_documents d WHERE ${sql.join(conds, sql` AND `)}
        ORDER BY d.id DESC LIMIT ${limit} OFFSET ${offset}`;
    }
    // `+ 0`: sorted, not walked along the primary key
    return sql`SELECT s.doc_id AS id FROM ${this.driven(phrases, tier, f)} AND ${gate}
      ORDER BY s.doc_id + 0 DESC LIMIT ${limit} OFFSET ${offset}`;
  }

  /**
   * The GIN index, year by year from the newest (see yearLexeme), stopping at `cap` rows; with
   * `newest`, each year's matches in order, so that the rows are the newest matches.
   */
  private matching(
    phrases: Phrase[],
    tier: Tier,
    f: Filters,
    cap: RawBuilder<unknown>,
    newest: boolean,
    counted?: Slot,
    gate: RawBuilder<unknown> = sql`true`,
    titled?: RawBuilder<unknown>,
  ): RawBuilder<unknown> {
    const range: RawBuilder<unknown>[] = [];
    if (f.lo != null) range.push(sql`id >= ${f.lo}`);
    if (f.hi != null) range.push(sql`id < ${f.hi}`);
    const where = range.length ? sql`WHERE ${sql.join(range, sql` AND `)}` : sql``;
    const yearOf = (x: RawBuilder<unknown>) =>
      sql`CAST(extract(year FROM DATE '1970-01-01' + CAST(floor(CAST(${x} AS numeric) / ${sql.lit(DAY_SHIFT)}) AS integer)) AS integer)`;
    const year = sql`CAST(quote_literal('#' || y.y) AS tsquery)`;
    // a character (`counted`, its unigram): only the years that hold it (search_char_years), else
    // every year from the newest document's to the oldest's
    const years = counted
      ? sql`(SELECT c.year FROM search_char_years c WHERE ${charYears(counted, tier === 'title' ? 't' : 'a', f)}
          ORDER BY c.year DESC) AS y(y)`
      : sql`generate_series(
        (SELECT ${yearOf(sql`max(id)`)} FROM search_documents ${where}),
        (SELECT ${yearOf(sql`min(id)`)} FROM search_documents ${where}), -1) AS y(y)`;
    // `+ 0`: sorted after the bitmap scan, not walked along the primary key
    return sql`SELECT m.id FROM ${years},
      LATERAL (SELECT s.doc_id AS id FROM ${this.driven(phrases, tier, f, year, titled)}
        ${newest ? sql`ORDER BY s.doc_id + 0 DESC LIMIT ${cap}` : sql``}) m
      WHERE ${gate} LIMIT ${cap}`;
  }

  /**
   * One statement answers a search (docs/adr/0015): the capped count `a` (year by year from the
   * newest, see `matching`); in relevance order the title matches `t` (all of them when the count is
   * within COUNT_CAP, else the newest offset + limit); the page `k` cut from what these found, when
   * they include every match down to its end (`Found` in ADR 0011: the years after that of the
   * oldest id counted were read to their end); otherwise (`ok` false) the page from `pageIds`; and
   * the page's rows. One character or a two-character term on an early page (`lex`, its lexeme in
   * search_char_years, docs/adr/0021 and 0022) counts from search_char_years instead, `a` then
   * holding only the newest matches the page can need; one character gets the parts of plain bodies
   * its snippets need. Its text depends only on the search's shape (shapeOf: the phrases' forms, the
   * filters given, the order, where the page ends), never on the query's words, filters' values,
   * limit or offset, which are parameters (Slot): it is built once per shape, each a prepared
   * statement.
   */
  private statement(ask: Ask): RawBuilder<Row & { n: string | number; k: number | null; gk_stamp: number | string | null }> {
    const { phrases, f, relevance, limit, offset } = ask;
    const walk = offset + limit <= WALK_LIMIT;
    const cap = sql.lit(COUNT_CAP);
    const gate = sql`NOT (SELECT ok FROM ok)`;
    // the first id of the year after that of `x`
    const nextYear = (x: RawBuilder<unknown>) => sql`CAST(make_date(CAST(extract(year FROM DATE '1970-01-01' +
      CAST(floor(CAST(${x} AS numeric) / ${sql.lit(DAY_SHIFT)}) AS integer)) AS integer) + 1, 1, 1) - DATE '1970-01-01' AS bigint)
      * ${sql.lit(DAY_SHIFT)}`;
    // one character or a two-character term, no filter but the year, an early page (docs/adr/0021,
    // docs/adr/0022): the count from search_char_years, and `a` the newest matches only, as many as
    // the page can need
    const counted =
      phrases.length === 1 && attributeFilters(f).length === 0 && offset + limit <= WALK_LIMIT
        ? countedLexeme(phrases[0]!)
        : undefined;
    const lex = counted?.lexeme;
    // one character: its titles are counted too (a two-character term's are not)
    const titleStats = counted?.titles === true;
    const oneChar = unigramOf(phrases[0]!) !== undefined && lex !== undefined;
    // the parameters (see Slot): the text depends on the shape of the search only
    const [pLimit, pOffset, pEnd] = [param('limit'), param('offset'), param('end')];
    const pLex = lex === undefined ? undefined : param('lex');
    // where `known` and `top` are (with `lex`, apart from the count: `a` is read only when needed)
    const nk = sql.table(lex ? 'na' : 'n');
    // computed once (an InitPlan), not per row
    const known = sql`a.id >= (SELECT known FROM ${nk})`;
    // (a page cut from `k` needs no `top`: with `lex`, `a` is then not read for it — a Limit's
    // parameters are computed even when its gated scan never runs)
    const top = lex
      ? sql`(SELECT CASE WHEN (SELECT ok FROM ok) THEN NULL ELSE (SELECT top FROM na) END)`
      : sql`(SELECT top FROM n)`;
    // in relevance order `a` holds body matches only (title matches are `t`)
    const tier: Tier = relevance ? 'body' : 'all';
    // relevance: whether any title holds the character (in the years asked); unknown for a term
    const titled = titleStats ? sql`(SELECT count(*) > 0 FROM st)` : sql`true`;
    const ctes = lex
      ? [
          ...(relevance && titleStats ? [sql`st AS MATERIALIZED (${charStats(pLex, 't', f)})`] : []),
          sql`s AS MATERIALIZED (${charStats(pLex, 'a', f)})`,
          // the years that hold the newest matches `a` needs: dense (a fifth of their documents or
          // more), `a` is found walking the documents newest first; else the GIN index, year by year
          sql`w AS MATERIALIZED (${dense('s', pEnd, param('dense'))})`,
          sql`a AS MATERIALIZED ((${this.matching(phrases, tier, f, sql`${pEnd}`, true, pLex, sql`NOT (SELECT walk FROM w)`, relevance ? titled : undefined)})
            UNION ALL (SELECT d.id FROM search_documents d WHERE ${sql.join(
              [
                sql`(SELECT walk FROM w)`,
                ...(f.lo != null ? [sql`d.id >= ${f.lo}`] : []),
                ...(f.hi != null ? [sql`d.id < ${f.hi}`] : []),
                docMatches(sql`d.id`, phrases[0]!),
                ...(relevance ? [sql`NOT (${titled} AND ${titleMatches(sql`d.id`)})`] : []),
              ],
              sql` AND `,
            )} ORDER BY d.id DESC LIMIT ${pEnd}))`,
          sql`n AS MATERIALIZED (SELECT (SELECT coalesce(sum(s.docs), 0) FROM s) AS c)`,
          // every match from the oldest in `a` on is in it
          sql`na AS MATERIALIZED (SELECT lo AS known, ${nextYear(sql`hi`)} AS top FROM (SELECT min(id) AS lo, max(id) AS hi FROM a) z)`,
        ]
      : [
          // `a` reads the years newest first, each to its end but the last: every match from `known`
          // on is in `a` (the year after that of the oldest id counted), and none is at `top` or above
          // (the year after that of the newest id counted; null when nothing matches, when the walk
          // does not run)
          sql`a AS MATERIALIZED (${this.matching(phrases, 'all', f, sql.lit(COUNT_CAP + 1), false)})`,
          sql`n AS MATERIALIZED (SELECT c, CASE WHEN c <= ${cap} THEN lo ELSE ${nextYear(sql`lo`)} END AS known,
        ${nextYear(sql`hi`)} AS top FROM (SELECT count(*) AS c, min(id) AS lo, max(id) AS hi FROM a) z)`,
        ];
    let fallback: RawBuilder<unknown>;
    if (!relevance) {
      ctes.push(sql`k AS MATERIALIZED (SELECT a.id, 1 AS k FROM a WHERE ${known}
        ORDER BY a.id DESC LIMIT ${pLimit} OFFSET ${pOffset})`);
      fallback = sql`SELECT x.id, 1 AS k FROM (${this.pageIds(ask, 'all', sql`${pLimit}`, sql`${pOffset}`, walk, gate, top)}) x`;
    } else {
      // relevance: title matches first, then the others, newest first in each
      const titleCap = sql`CASE WHEN (SELECT c FROM n) <= ${cap} THEN ${sql.lit(COUNT_CAP + 1)} ELSE ${pEnd} END`;
      const yearly = this.matching(phrases, 'title', f, titleCap, true, titleStats ? pLex : undefined);
      if (attributeFilters(f).length > 0 || offset + limit > TITLE_WALK) {
        ctes.push(sql`t AS MATERIALIZED (${yearly})`);
      } else {
        // many matches: the newest titles, TITLE_WALK of them at most, hold the page's title matches
        // when the query is frequent in titles too (a character, a common word); else year by year
        // (one character: UNI_TITLE_WALK of them, when the titles holding the page's are dense enough
        // for half as many to be expected to meet them)
        const walkTitles = titleStats ? UNI_TITLE_WALK : TITLE_WALK;
        if (titleStats) ctes.push(sql`wt AS MATERIALIZED (${dense('st', pEnd, sql.lit(UNI_TITLE_WALK / 2))})`);
        const range: RawBuilder<unknown>[] = [titleStats ? sql`(SELECT walk FROM wt)` : sql`(SELECT c FROM n) > ${cap}`];
        if (f.lo != null) range.push(sql`s.doc_id >= ${f.lo}`);
        if (f.hi != null) range.push(sql`s.doc_id < ${f.hi}`);
        ctes.push(sql`tw AS MATERIALIZED (SELECT w.doc_id AS id FROM (SELECT s.doc_id, s.tsv FROM search_titles s
          WHERE ${sql.join(range, sql` AND `)} ORDER BY s.doc_id DESC LIMIT ${sql.lit(walkTitles)}) w
          WHERE w.tsv @@ ${allQuery()} LIMIT ${pEnd})`);
        const walked = sql`(SELECT count(*) FROM tw) >= ${pEnd}`;
        ctes.push(sql`t AS MATERIALIZED (SELECT tw.id FROM tw WHERE ${walked}
          UNION ALL SELECT y.id FROM (${yearly}) y WHERE NOT ${walked})`);
      }
      // (with `lex`, `a` is not read when the title matches fill the page)
      const more = lex ? sql`(SELECT count(*) FROM t) < ${pEnd} AND ` : sql``;
      ctes.push(sql`k AS MATERIALIZED (SELECT r.id, r.k FROM (SELECT t.id, 0 AS k FROM t UNION ALL
        SELECT a.id, 1 AS k FROM a WHERE ${more}${known} AND a.id NOT IN (SELECT t.id FROM t)) r
        ORDER BY r.k, r.id DESC LIMIT ${pLimit} OFFSET ${pOffset})`);
      // not `ok`: fewer title matches than the page needs, so `t` holds them all; the rest walks
      const titles = sql`(SELECT count(*) FROM t)`;
      const rest = this.pageIds(
        ask,
        'body',
        sql`greatest(0, ${pLimit} - greatest(0, ${titles} - ${pOffset}))`,
        sql`greatest(0, ${pOffset} - ${titles})`,
        walk,
        gate,
        top,
      );
      fallback = sql`(SELECT t.id, 0 AS k FROM t WHERE ${gate} ORDER BY t.id DESC OFFSET ${pOffset})
        UNION ALL SELECT x.id, 1 AS k FROM (${rest}) x`;
    }
    // the page is cut from `k` when it is full, or when every match was found (a count within the cap;
    // with `lex`, `a` not full: then the count is within the cap and `t` complete too)
    const all = lex ? sql`(SELECT count(*) FROM a) < ${pEnd}` : sql`(SELECT c FROM n) <= ${cap}`;
    // (a full page first: then `all` is not evaluated, nor, with `lex`, `a` read for it)
    ctes.push(sql`ok AS MATERIALIZED (SELECT (SELECT count(*) FROM k) >= ${pLimit} OR ${all} AS ok)`);
    // one character: of a plain body (plainForWindows), only the part the snippet needs, around the
    // first occurrence (or the start), with where it starts and the body's length (`b` detoasts the
    // body once: OFFSET 0, not pulled up into each use)
    const body = oneChar
      ? sql`CASE WHEN d.plain_length IS NOT NULL THEN substr(b.body, b.base + 1, ${sql.lit(SNIPPET_CHARS)}) ELSE b.body END AS body,
        b.base AS body_from, d.plain_length AS body_len`
      : sql`d.body, d.plain_length`;
    const part = oneChar
      ? sql`CROSS JOIN LATERAL (SELECT x.body, CASE WHEN d.plain_length IS NOT NULL THEN greatest(0, least(strpos(x.body, ${param('first')})
          - 1 - ${sql.lit(SNIPPET_BEFORE)}, d.plain_length - ${sql.lit(SNIPPET_CHARS)})) END AS base FROM (SELECT d.body || '' AS body OFFSET 0) x) b`
      : sql``;
    return sql`WITH ${sql.join(ctes)},
      p AS (SELECT k.id, k.k FROM k WHERE (SELECT ok FROM ok) UNION ALL ${fallback})
      SELECT n.c AS n, ${ask.stamp ? sql`${ask.stamp} AS gk_stamp` : sql`NULL AS gk_stamp`}, x.* FROM n LEFT JOIN (SELECT p.k, d.* FROM p CROSS JOIN LATERAL (SELECT d.id, d.kind, d.doc_id,
        d.title, ${body}, d.url, d.organ_id, d.published_on FROM search_documents d ${part} WHERE d.id = p.id OFFSET 0) d) x ON true`;
  }

  /** Statements by shape (shapeOf). */
  private readonly shapes = new Map<string, Shaped>();

  /** The statement of the search's shape, built and compiled once (see Slot). */
  private shaped(db: Db, ask: Ask): Shaped {
    const key = shapeOf(ask);
    let s = this.shapes.get(key);
    if (!s) {
      building = new Map(ask.phrases.map((p, i) => [p, i]));
      let q: CompiledQuery;
      try {
        q = this.statement({ ...ask, f: filterSlots(ask.f) }).compile(db);
      } finally {
        building = undefined;
      }
      const slots = q.parameters.map((v) => {
        if (!(v instanceof Slot)) throw new Error('a parameter of the search statement is not a slot');
        return v.name;
      });
      const name = preparedName(q.sql);
      s = { text: q.sql, slots, ...(name ? { name } : {}) };
      if (this.shapes.size >= MAX_SHAPES) this.shapes.clear();
      this.shapes.set(key, s);
    }
    return s;
  }

  async answer(db: Db, ask: Ask): Promise<Answer> {
    const { text, slots, name } = this.shaped(db, ask);
    const values = slots.map((n) => slotValue(n, ask));
    // outside a transaction: one statement on a connection of the search's own pool, whose session
    // has SETTINGS; inside the caller's transaction: there, settings set and put back around it
    const pool = db.isTransaction ? undefined : sidePool(db, 'search', SETTINGS);
    let out: (Row & { n: string | number; k: number | null; gk_stamp: number | string | null })[];
    if (pool) {
      out = (await pool.query({ text, values, ...(name ? { name } : {}) })).rows;
    } else {
      const q = CompiledQuery.raw(text, values);
      out = await this.read(db, async (x) => (await x.executeQuery(q)).rows as typeof out);
    }
    // the rows of the page, by id (OFFSET 0: not a join that would read every document)
    const rows = out.filter((r) => r.id != null);
    rows.sort((x, y) => Number(x.k) - Number(y.k) || Number(y.id) - Number(x.id));
    return { count: Number(out[0]?.n ?? 0), ids: rows.map((r) => Number(r.id)), rows, stamp: out[0]?.gk_stamp };
  }
}

/**
 * PostgreSQL sessions of the search's own pool: the planner cannot see that `tsv @@ phrase` costs a
 * detoast and a position check per row, and would pick sequential scans; the statements are written
 * for the GIN index or an ordered walk. JIT off too: with seqscans off, some plans are estimated
 * costly enough to be compiled first (measured: 560 ms of JIT on a deep page of a frequent query).
 * A generic plan: the statements' texts are few and their plans do not depend on the words asked,
 * so each connection plans each of them once.
 */
const SETTINGS = { enable_seqscan: 'off', jit: 'off', plan_cache_mode: 'force_generic_plan' } as const;

/**
 * A parameter of the search statement, by name. The statement's text depends only on the search's
 * shape (`shapeOf`); every value that depends on its words, filters or page is a Slot, so that the
 * text is built and compiled once per shape (Kysely's building and compiling measured ~0.2 ms a
 * search through HTTP) and the values are found by name for each search (`slotValue`).
 */
class Slot {
  constructor(readonly name: string) {}
}

/** Set while a statement is built: each phrase's index in the search's phrases (for phraseParam). */
let building: Map<Phrase, number> | undefined;

function param(name: string): Slot {
  return new Slot(name);
}

/** The phrase's tsquery literal in its form (`q`) or its title form (`t`). */
function phraseParam(kind: 'q' | 't', p: Phrase): Slot {
  const i = building?.get(p);
  if (i === undefined) throw new Error('a phrase of the search statement is not one of the search');
  return param(`${kind}${i}`);
}

/** The value of a slot for a search. */
function slotValue(name: string, ask: Ask): unknown {
  const { phrases, f, limit, offset } = ask;
  switch (name) {
    case 'limit':
      return limit;
    case 'offset':
      return offset;
    case 'end':
      return offset + limit;
    case 'dense':
      return (offset + limit) * WALK_DENSITY;
    case 'lex':
      return countedLexeme(phrases[0]!)?.lexeme;
    case 'first':
      return phrases[0]!.tokens[0];
    case 'all':
      return phrases.map((p) => `(${tsqueryLiteral(p, titleForm(p))})`).join(' & ');
  }
  if ((FILTER_SLOTS as readonly string[]).includes(name)) return f[name as (typeof FILTER_SLOTS)[number]];
  const p = phrases[Number(name.slice(1))];
  if (p && name[0] === 'q') return tsqueryLiteral(p);
  if (p && name[0] === 't') return tsqueryLiteral(p, titleForm(p));
  throw new Error(`unknown parameter of the search statement: ${name}`);
}

/** The filters, each a parameter of its own name. */
const FILTER_SLOTS = ['organId', 'column', 'genre', 'lo', 'hi', 'year'] as const;

/** The filters given, each as its Slot (statement texts test which are given, and take their values as parameters). */
function filterSlots(f: Filters): Filters {
  const out: Record<string, Slot> = {};
  for (const k of FILTER_SLOTS) if (f[k] != null) out[k] = param(k);
  return out as unknown as Filters;
}

/**
 * What the statement's text depends on: each phrase's forms and length in tokens (the driving
 * phrase is the longest), which filters are given, the order, whether the page ends by WALK_LIMIT
 * or past TITLE_WALK, and whether the stamp is read. (The forms, filters, order and stamp decide
 * what the text asks; the rest only which of several ways to the same answer it takes.)
 */
function shapeOf(ask: Ask): string {
  const { phrases, f, relevance, limit, offset } = ask;
  const end = offset + limit;
  return JSON.stringify([
    phrases.map((p) => [form(p), titleForm(p), p.tokens.length]),
    FILTER_SLOTS.map((k) => f[k] != null),
    relevance,
    end <= WALK_LIMIT,
    end > TITLE_WALK,
    ask.stamp != null,
  ]);
}

/** A statement built for a shape. */
interface Shaped {
  text: string;
  /** The slots' names, in the order of the statement's parameters. */
  slots: string[];
  /** The prepared statement's name (preparedName), when there was room for one. */
  name?: string;
}
/** Shapes kept per backend at most (beyond, the cache starts again: texts are named once anyway). */
const MAX_SHAPES = 256;

/** Names of prepared statements by text: at most MAX_PREPARED (beyond, statements go unnamed). */
const prepared = new Map<string, string>();
const MAX_PREPARED = 64;
function preparedName(text: string): string | undefined {
  let name = prepared.get(text);
  if (name === undefined && prepared.size < MAX_PREPARED) {
    name = `gk_search_${prepared.size + 1}`;
    prepared.set(text, name);
  }
  return name;
}

function tsquery(p: Phrase): RawBuilder<unknown> {
  return sql`cast(${phraseParam('q', p)} as tsquery)`;
}

/** Every phrase of the search (the slot `all`), for one row of search_titles (which holds no terms). */
function allQuery(): RawBuilder<unknown> {
  return sql`cast(${param('all')} as tsquery)`;
}

/**
 * The document matches the phrase in its title or body (its segments hold both). A term is checked
 * there as the phrase of its bigram or trigrams: search_terms keeps text, made a tsvector by its
 * index alone (parsing it again for one document would cost more).
 */
function docMatches(id: RawBuilder<unknown>, p: Phrase): RawBuilder<unknown> {
  const f = titleForm(p);
  const q = sql`cast(${phraseParam('t', p)} as tsquery)`;
  return sql`coalesce((SELECT bool_or(e.tsv @@ ${q}) FROM ${sql.table(TOKEN_TABLES[f])} e WHERE e.doc_id = ${id}), false)`;
}

/** What a row `s` of the phrase's table is matched on: its tsvector, or search_terms' indexed expression. */
function vector(p: Phrase): RawBuilder<unknown> {
  return form(p) === 'term' ? sql`CAST(s.terms AS tsvector)` : sql`s.tsv`;
}

/**
 * Where a phrase's lexemes are: bigrams in search_segments, trigrams in search_grams, unigrams in
 * search_chars, terms in search_terms.
 */
function tokenTable(p: Phrase): RawBuilder<unknown> {
  return sql.table(TOKEN_TABLES[form(p)]);
}
const TOKEN_TABLES = { bi: 'search_segments', tri: 'search_grams', uni: 'search_chars', term: 'search_terms' } as const;

/** The document's title matches every phrase of the search. */
function titleMatches(id: RawBuilder<unknown>): RawBuilder<unknown> {
  return sql`coalesce((SELECT t.tsv @@ ${allQuery()} FROM search_titles t WHERE t.doc_id = ${id}), false)`;
}

/**
 * A character's documents in a tier by year (`year`, `docs`), with how many of them are in that year
 * or later (`upto`).
 */
function charStats(lexeme: Slot | undefined, tier: 'a' | 't', f: Filters): RawBuilder<unknown> {
  return sql`SELECT c.year, c.docs, sum(c.docs) OVER (ORDER BY c.year DESC) AS upto
    FROM search_char_years c WHERE ${charYears(lexeme, tier, f)}`;
}

/**
 * `walk`: in the years of `stats` (charStats) that hold the newest `need` of the character's
 * documents, walking `per` documents newest first is expected to meet `need` of them.
 */
function dense(stats: string, need: Slot, per: Slot | RawBuilder<unknown>): RawBuilder<unknown> {
  const t = sql.ref(stats);
  // (all the documents of those years: the year lexeme's row, for those years only)
  const total = sql`coalesce((SELECT y.docs FROM search_char_years y WHERE y.lexeme = '#' || ${t}.year AND y.tier = 'a'), 0)`;
  return sql`SELECT coalesce(sum(${t}.docs) * ${per} >= sum(${total}) * ${need}, false) AS walk
    FROM ${sql.table(stats)} WHERE ${t}.upto - ${t}.docs < ${need}`;
}

/** The rows `c` of search_char_years with documents holding a character in a tier, within the year asked. */
function charYears(lexeme: Slot | undefined, tier: 'a' | 't', f: Filters): RawBuilder<unknown> {
  const conds = [sql`c.lexeme = ${lexeme}`, sql`c.tier = ${sql.lit(tier)}`, sql`c.docs > 0`];
  if (f.year != null) conds.push(sql`c.year = ${f.year}`);
  return sql.join(conds, sql` AND `);
}

function attributeFilters(f: Filters): RawBuilder<unknown>[] {
  const out: RawBuilder<unknown>[] = [];
  if (f.organId != null) out.push(sql`d.organ_id = ${f.organId}`);
  if (f.column != null) out.push(sql`d.column_code = ${f.column}`);
  if (f.genre != null) out.push(sql`d.genre = ${f.genre}`);
  return out;
}

// --- highlighting --------------------------------------------------------------------------------

const ESC: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ESC[c]!);
}

/** Spans [start, end) of the original text matched by the phrases, sorted and merged. */
export function matchSpans(text: string, phrases: readonly Phrase[]): [number, number][] {
  // most text is already normal (simplified, no capitals or full-width forms): offsets then agree
  let norm = normaliseAligned(text);
  let map: Mapped | undefined;
  if (norm === undefined) {
    map = normaliseMapped(text);
    norm = map.text;
  }
  // every match starts with its phrase's first token: none before the first of these, found
  // quickly, and no match at all when none occurs (a title match's body, a look holding no match)
  let first = norm.length;
  for (const p of phrases) {
    const at = p.tokens.length > 0 ? norm.indexOf(p.tokens[0]!) : -1;
    if (at >= 0 && at < first) first = at;
  }
  if (first === norm.length) return [];
  const from = runStart(norm, first);
  // at most two tokens per character
  const starts = new Int32Array((norm.length - from) * 2);
  const tokenEnds = new Int32Array(starts.length);
  const ends = new Int32Array(starts.length);
  let count = 0;
  scan(
    norm,
    false,
    (start, tokenEnd, end) => {
      starts[count] = start;
      tokenEnds[count] = tokenEnd;
      ends[count++] = end;
    },
    from,
  );
  const spans: [number, number][] = [];
  for (const p of phrases) {
    const n = p.tokens.length;
    if (n === 0) continue;
    for (let i = 0; i + n <= count; i++) {
      let ok = true;
      for (let k = 0; k < n && ok; k++) {
        const want = p.tokens[k]!;
        const at = starts[i + k]!;
        const len = tokenEnds[i + k]! - at;
        ok = (len === want.length || (p.prefix && k === n - 1 && len > want.length)) && norm.startsWith(want, at);
      }
      if (!ok) continue;
      const start = starts[i]!;
      const end = p.prefix ? starts[i + n - 1]! + p.tokens[n - 1]!.length : ends[i + n - 1]!;
      spans.push(map ? [map.from[start]!, map.to[end - 1]!] : [start, end]);
    }
  }
  spans.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const merged: [number, number][] = [];
  for (const s of spans) {
    const top = merged[merged.length - 1];
    if (top && s[0] <= top[1]) top[1] = Math.max(top[1], s[1]);
    else merged.push([s[0], s[1]]);
  }
  return merged;
}

function cutAt(text: string, limit: number): number {
  if (limit >= text.length) return text.length;
  // end the searched prefix between words, so a word cut short cannot match
  for (let i = limit; i > limit - 200 && i > 0; i--) if (/[\s\p{P}]/u.test(text[i - 1]!)) return i;
  return limit;
}

/** More than the length in the original text of any match of the phrases (normalising may shrink it). */
function matchLength(phrases: readonly Phrase[]): number {
  let n = 16;
  for (const p of phrases) for (const t of p.tokens) n += 4 * t.length;
  return n;
}

/**
 * A position at or before `at` just after a space or a punctuation mark (where tokens start afresh,
 * as in the whole text), or 0.
 */
function restartAt(text: string, at: number): number {
  for (let i = Math.min(at, text.length); i > at - 200 && i > 0; i--) if (/[\s\p{P}]/u.test(text[i - 1]!)) return i;
  return 0;
}

const SNIPPET_LOOKS = [512, 2048, 8192, 32768, Number.POSITIVE_INFINITY];

function shifted(spans: [number, number][], by: number): [number, number][] {
  if (by > 0) {
    for (const x of spans) {
      x[0] += by;
      x[1] += by;
    }
  }
  return spans;
}

/** Escaped HTML of the text (or of a window of it) with the matches in <mark>. */
export function highlight(text: string, phrases: readonly Phrase[], window: boolean): string {
  let spans: [number, number][] = [];
  // find the first match cheaply in long texts: look in a prefix growing fourfold, each time from a
  // little before where the previous look ended (no match lies wholly before it), so that a match at
  // p costs a scan of about 4p characters, not of the whole text (measured: a 15,500-character body
  // with its first match at 1,414 took 1.0 ms to highlight with prefixes of 1,024 and 16,384)
  let looked = 0;
  let start = 0;
  let end = 0;
  for (const limit of window ? SNIPPET_LOOKS : [Number.POSITIVE_INFINITY]) {
    end = cutAt(text, limit);
    start = looked === 0 ? 0 : restartAt(text, looked - matchLength(phrases));
    spans = shifted(matchSpans(start > 0 || end < text.length ? text.slice(start, end) : text, phrases), start);
    if (spans.length > 0 || end >= text.length) break;
    looked = end;
  }
  let from = 0;
  let to = text.length;
  if (window) {
    from = spans.length ? Math.max(0, spans[0]![0] - SNIPPET_BEFORE) : 0;
    to = Math.min(text.length, from + SNIPPET_CHARS);
    if (to - from < SNIPPET_CHARS) from = Math.max(0, to - SNIPPET_CHARS);
    if (from > 0 && /[\uDC00-\uDFFF]/.test(text[from]!)) from++;
    if (to < text.length && /[\uDC00-\uDFFF]/.test(text[to]!)) to++;
    const m = matchLength(phrases);
    if (spans.length > 0 && ((start > 0 && start > from - m) || (end < text.length && end < to + m))) {
      // every match in the window, when the look that found the first did not cover it: from a
      // little before it (no match is longer than matchLength) to past its end, cut between words
      const a = restartAt(text, from - m);
      const b = cutAt(text, to + m + 200);
      spans = shifted(matchSpans(a > 0 || b < text.length ? text.slice(a, b) : text, phrases), a);
    }
  }
  return windowHtml(text, 0, text.length, spans, from, to);
}

/**
 * The snippet `highlight(body, phrases, true)` makes, from a part of the body that starts at `base`
 * (`total` the body's length) when the phrase is one CJK character, the body plain (plainForWindows),
 * and the part holds the snippet's window (`partOf`): every occurrence of a character is a match
 * wherever the text is cut, and none lies in the window before the first.
 */
export function snippetOfPart(part: string, base: number, total: number, phrases: readonly Phrase[]): string {
  const c = oneCharacter(phrases);
  const spans = shifted(c ? occurrences(part, c) : matchSpans(part, phrases), base);
  let from = spans.length ? Math.max(0, spans[0]![0] - SNIPPET_BEFORE) : 0;
  const to = Math.min(total, from + SNIPPET_CHARS);
  if (to - from < SNIPPET_CHARS) from = Math.max(0, to - SNIPPET_CHARS);
  return windowHtml(part, base, total, spans, from, to);
}

/** The query's one CJK character, when it is one. */
function oneCharacter(phrases: readonly Phrase[]): string | undefined {
  const c = phrases.length === 1 && phrases[0]!.tokens.length === 1 ? phrases[0]!.tokens[0]! : '';
  return c.length === 1 && isCjk(c.charCodeAt(0)) ? c : undefined;
}

/**
 * The part of a plain body PostgreSQL sends for a one-character snippet, and where it starts: the
 * snippet's window, from SNIPPET_BEFORE before the first occurrence (`strpos`), or from the start
 * when there is none, but starting no later than SNIPPET_CHARS before the body's end.
 */
function partOf(body: string, c: string): [string, number] {
  const base = Math.max(0, Math.min(body.indexOf(c) - SNIPPET_BEFORE, body.length - SNIPPET_CHARS));
  return [body.slice(base, base + SNIPPET_CHARS), base];
}

/**
 * matchSpans of one CJK character in a plain text (plainForWindows): every occurrence is a match
 * (each CJK character starts a token, and normalising leaves them as they are), neighbours merged;
 * measured in process, a page of 20 parts of 400 characters: 0.1–0.3 ms less than through the tokens.
 */
function occurrences(text: string, c: string): [number, number][] {
  const spans: [number, number][] = [];
  for (let i = text.indexOf(c); i >= 0; i = text.indexOf(c, i + 1)) {
    const top = spans[spans.length - 1];
    if (top && top[1] === i) top[1] = i + 1;
    else spans.push([i, i + 1]);
  }
  return spans;
}

/** The window [from, to) of a text of length `total`, of which `part` holds what starts at `base`, escaped, the spans marked. */
function windowHtml(part: string, base: number, total: number, spans: [number, number][], from: number, to: number): string {
  const piece = (a: number, b: number) => escapeHtml(part.slice(a - base, b - base).replace(/\s+/g, ' '));
  let out = from > 0 ? '…' : '';
  let at = from;
  for (const [s, e] of spans) {
    if (e <= from || s >= to) continue;
    const a = Math.max(s, from);
    const b = Math.min(e, to);
    out += `${piece(at, a)}<mark>${piece(a, b)}</mark>`;
    at = b;
  }
  out += piece(at, to);
  if (to < total) out += '…';
  return out;
}
