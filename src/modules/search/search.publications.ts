// Publications in the search index. The index follows the catalogue:
// - after every commit that changes publications, `sync(ids)` brings those documents up to date
//   (published → indexed; superseded, withdrawn or anything else → removed at once);
// - `reconcile()` finds what a crash between commit and indexing left behind (published but not
//   indexed or indexed before its last change; indexed but no longer published) and syncs it.
//   It runs at start and every minute (src/jobs.ts), so the index is eventually exact even when a
//   server dies between the commit and the after-commit hook;
// - `reindex()` rebuilds the whole index (`gongkai search reindex`), in batches, oldest first.
// Related items (keyword overlap) are stored per item when it is synced (ADR 0014): its own list,
// the lists of the items it now names (so a new item shows up under its neighbours) and the lists
// that named it (so a withdrawn item leaves them); the public item page reads the stored list.
// Attachments' text is added to the body by `extraText` when the attachments module provides it.
import { sql } from 'kysely';
import type { Db, Executor } from '../../platform/db/connect.js';
import type { Deps } from '../../platform/deps.js';
import type { SearchDocument, SearchIndex } from './search.index.js';
import { keywordsOf } from './search.keywords.js';

export const PUBLICATION_KIND = 'publication';
const REINDEX_BATCH = 500;
/** Body text indexed per document: long enough for any real notice, bounded for the index. */
const MAX_BODY_CHARS = 200_000;
/** Keywords kept per item for related items: the author's 主题词 first, then jieba's. */
const MAX_KEYWORDS = 8;
const MAX_KEYWORD_CHARS = 64;
/** Keyword rows per INSERT statement in a reindex. */
const KEYWORD_ROWS = 1000;

export interface PublicationSearchDeps {
  index: SearchIndex;
  /** Plain text of a publication's attachments ('' when none). */
  extraText?: (publicationId: number) => Promise<string>;
}

export const itemUrl = (id: number) => `/items/${id}`;

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/** Plain text of sanitised body HTML: tags dropped (block ends become line breaks), entities decoded. */
export function htmlToText(html: string): string {
  return html
    .replace(/<(script|style)\b[\s\S]*?<\/\1\s*>/gi, ' ')
    .replace(/<\/(p|div|h[1-6]|li|tr|table|blockquote|pre)\s*>|<br\s*\/?>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, e: string) => {
      if (e[0] === '#') {
        const n = e[1] === 'x' || e[1] === 'X' ? Number.parseInt(e.slice(2), 16) : Number(e.slice(1));
        return Number.isFinite(n) && n > 0 && n <= 0x10ffff ? String.fromCodePoint(n) : ' ';
      }
      return ENTITIES[e.toLowerCase()] ?? whole;
    })
    .replace(/[ \t\u00a0]+/g, ' ')
    .replace(/\s*\n\s*/g, '\n')
    .trim();
}

interface Row {
  id: number;
  organ_id: number;
  state: string;
  title: string;
  summary: string | null;
  doc_number: string | null;
  keywords: string;
  body_html: string;
  published_on: string | null;
  genre: string;
  column_code: string;
}

function authorKeywords(json: string): string[] {
  try {
    const k = JSON.parse(json) as unknown;
    return Array.isArray(k) ? k.map((x) => String(x).trim()).filter(Boolean) : [];
  } catch {
    return [];
  }
}

/** The item's keywords with weights: the author's 主题词 weigh 1, jieba's from 0.9 down. */
export function weightedKeywords(title: string, bodyText: string, authors: readonly string[]): Array<[string, number]> {
  const out = new Map<string, number>();
  for (const k of authors) if (k.length <= MAX_KEYWORD_CHARS && !out.has(k)) out.set(k, 1);
  let w = 0.9;
  for (const k of keywordsOf(title, bodyText, MAX_KEYWORDS)) {
    if (out.size >= MAX_KEYWORDS) break;
    if (out.has(k) || k.length > MAX_KEYWORD_CHARS) continue;
    out.set(k, Math.round(w * 100) / 100);
    w = Math.max(0.3, w - 0.1);
  }
  return [...out].slice(0, MAX_KEYWORDS);
}

/** Related items kept per item. */
export const RELATED_KEPT = 5;

/**
 * The score of two items: the products of the weights of the keywords they share, summed. Weights
 * are hundredths (1, 0.9 … 0.3), so the score is computed as an exact integer (hundredths squared)
 * on both databases and in `storeAllRelated`: no float rounding can rank two items differently.
 */
const PAIR_SCORE = sql<number>`SUM(CAST(ROUND(mine.weight * 100) AS INTEGER) * CAST(ROUND(other.weight * 100) AS INTEGER))`;

/**
 * Published items sharing the most keywords with this one (weights multiplied and summed),
 * newest first among equals; the item itself is left out.
 */
export async function relatedByKeywords(db: Executor, publicationId: number, limit = RELATED_KEPT): Promise<number[]> {
  const rows = await db
    .selectFrom('publication_keywords as mine')
    .innerJoin('publication_keywords as other', 'other.keyword', 'mine.keyword')
    .innerJoin('publications as p', 'p.id', 'other.publication_id')
    .select(['other.publication_id as id', PAIR_SCORE.as('score')])
    .select((eb) => eb.fn.max('p.published_on').as('on'))
    .where('mine.publication_id', '=', publicationId)
    .where('other.publication_id', '<>', publicationId)
    .where('p.state', '=', 'published')
    .groupBy('other.publication_id')
    .orderBy('score', 'desc')
    .orderBy('on', 'desc')
    .orderBy('other.publication_id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => Number(r.id));
}

/**
 * The related lists of many items at once, for items that have none stored (a reindex, which
 * empties the table first; migration 0018): the same ranking as `relatedByKeywords` — score, then
 * the newest publication, then the highest id — computed here from the keyword table read once.
 * The self-join in SQL cost ~10 µs per pair of items sharing a keyword (5.9 s for the demo's
 * 1,510 items on SQLite, most of a reindex); summed in typed arrays it takes milliseconds.
 */
export async function storeAllRelated(db: Executor, ids: readonly number[]): Promise<void> {
  if (ids.length === 0) return;
  const rows = (
    await sql<{ pid: number | string; keyword: string; weight: number | string; state: string; on: string | null }>`
      SELECT k.publication_id AS pid, k.keyword, k.weight, p.state, CAST(p.published_on AS TEXT) AS ${sql.ref('on')}
      FROM publication_keywords k JOIN publications p ON p.id = k.publication_id`.execute(db)
  ).rows;
  // published items get a dense index; each keyword a posting list of (item index, weight)
  const slot = new Map<number, number>();
  const pubId: number[] = [];
  const pubOn: string[] = [];
  const postings = new Map<string, number[]>();
  const mine = new Map<number, Array<[string, number]>>();
  for (const r of rows) {
    const id = Number(r.pid);
    const w = Math.round(Number(r.weight) * 100);
    const list = mine.get(id) ?? [];
    if (list.length === 0) mine.set(id, list);
    list.push([r.keyword, w]);
    if (r.state !== 'published') continue;
    let i = slot.get(id);
    if (i === undefined) {
      i = pubId.length;
      slot.set(id, i);
      pubId.push(id);
      pubOn.push(r.on ?? '');
    }
    const p = postings.get(r.keyword) ?? [];
    if (p.length === 0) postings.set(r.keyword, p);
    p.push(i, w);
  }
  const score = new Float64Array(pubId.length);
  const touched: number[] = [];
  const better = (a: number, b: number) =>
    (score[a] as number) - (score[b] as number) ||
    ((pubOn[a] as string) < (pubOn[b] as string) ? -1 : (pubOn[a] as string) > (pubOn[b] as string) ? 1 : 0) ||
    (pubId[a] as number) - (pubId[b] as number);
  const out: Array<{ publication_id: number; rank: number; related_id: number }> = [];
  for (const id of ids) {
    const self = slot.get(id);
    for (const [keyword, w] of mine.get(id) ?? []) {
      const p = postings.get(keyword) as number[];
      for (let k = 0; k < p.length; k += 2) {
        const j = p[k] as number;
        if (j === self) continue;
        if (score[j] === 0) touched.push(j);
        score[j] = (score[j] as number) + w * (p[k + 1] as number);
      }
    }
    // the best RELATED_KEPT of the touched items, without sorting them all
    const best: number[] = [];
    for (const j of touched) {
      if (best.length === RELATED_KEPT && better(j, best[RELATED_KEPT - 1] as number) <= 0) continue;
      let at = best.length === RELATED_KEPT ? RELATED_KEPT - 1 : best.length;
      while (at > 0 && better(j, best[at - 1] as number) > 0) {
        best[at] = best[at - 1] as number;
        at--;
      }
      best[at] = j;
      best.length = Math.min(best.length, RELATED_KEPT);
    }
    for (const [rank, j] of best.entries()) out.push({ publication_id: id, rank, related_id: pubId[j] as number });
    for (const j of touched) score[j] = 0;
    touched.length = 0;
  }
  for (let i = 0; i < out.length; i += RELATED_ROWS) {
    await db
      .insertInto('publication_related')
      .values(out.slice(i, i + RELATED_ROWS))
      .execute();
  }
}

/** Rows per INSERT statement of storeAllRelated (three parameters each). */
const RELATED_ROWS = 500;

/** Computes and stores the related list of each item (an empty list for one not published). */
export async function storeRelated(db: Db, ids: Iterable<number>): Promise<void> {
  // a list is replaced whole: in a transaction of its own, or in the caller's (a migration's)
  const atomically = (fn: (tx: Executor) => Promise<void>) => (db.isTransaction ? fn(db) : db.transaction().execute(fn));
  for (const id of ids) {
    const best = await relatedByKeywords(db, id, RELATED_KEPT);
    await atomically(async (tx) => {
      await tx.deleteFrom('publication_related').where('publication_id', '=', id).execute();
      if (best.length) {
        await tx
          .insertInto('publication_related')
          .values(best.map((related_id, rank) => ({ publication_id: id, rank, related_id })))
          .execute();
      }
    });
  }
}

async function writeKeywords(db: Executor, id: number, kws: ReadonlyArray<[string, number]>): Promise<void> {
  await db.deleteFrom('publication_keywords').where('publication_id', '=', id).execute();
  if (kws.length) {
    await db
      .insertInto('publication_keywords')
      .values(kws.map(([keyword, weight]) => ({ publication_id: id, keyword, weight })))
      .execute();
  }
}

export function createPublicationSearch(deps: Deps, ext: PublicationSearchDeps) {
  const { db } = deps;

  const rows = (ids: readonly number[]) =>
    db
      .selectFrom('publications as p')
      .innerJoin('catalogue_columns as c', 'c.id', 'p.column_id')
      .select([
        'p.id',
        'p.organ_id',
        'p.state',
        'p.title',
        'p.summary',
        'p.doc_number',
        'p.keywords',
        'p.body_html',
        'p.published_on',
        'p.genre',
        'c.code as column_code',
      ])
      .where('p.id', 'in', [...ids])
      .execute() as Promise<Row[]>;

  async function documentOf(r: Row): Promise<SearchDocument> {
    const id = Number(r.id);
    const keywords = authorKeywords(r.keywords);
    const extra = ext.extraText ? await ext.extraText(id) : '';
    const body = [r.doc_number, r.summary, keywords.join(' '), htmlToText(r.body_html), extra]
      .filter((s): s is string => Boolean(s?.trim()))
      .join('\n')
      .slice(0, MAX_BODY_CHARS);
    return {
      kind: PUBLICATION_KIND,
      id: String(id),
      organId: Number(r.organ_id),
      title: r.title,
      body,
      url: itemUrl(id),
      column: r.column_code,
      publishedOn: r.published_on as string,
      genre: r.genre,
    };
  }

  const keywordsFor = (r: Row) => weightedKeywords(r.title, htmlToText(r.body_html), authorKeywords(r.keywords));

  const indexable = (r: Row) => r.state === 'published' && r.published_on !== null;

  async function sync(ids: readonly number[]): Promise<void> {
    const unique = [...new Set(ids.map(Number))];
    if (unique.length === 0) return;
    const found = new Map((await rows(unique)).map((r) => [Number(r.id), r]));
    const indexed: number[] = [];
    for (const id of unique) {
      const r = found.get(id);
      if (r && indexable(r)) {
        await ext.index.upsert(await documentOf(r));
        await writeKeywords(db, id, keywordsFor(r));
        indexed.push(id);
      } else {
        await ext.index.remove(PUBLICATION_KIND, String(id));
        await db.deleteFrom('publication_keywords').where('publication_id', '=', id).execute();
        await db.deleteFrom('publication_related').where('publication_id', '=', id).execute();
      }
    }
    await relink(unique, indexed);
  }

  /** Related lists after `synced` changed: their own, their new neighbours', and those that named them. */
  async function relink(synced: readonly number[], indexed: readonly number[]): Promise<void> {
    await storeRelated(db, indexed);
    const others = new Set<number>();
    const named = await db
      .selectFrom('publication_related')
      .select(['publication_id', 'related_id'])
      .where((eb) => eb.or([eb('publication_id', 'in', [...indexed, -1]), eb('related_id', 'in', [...synced])]))
      .execute();
    for (const r of named) {
      others.add(Number(indexed.includes(Number(r.publication_id)) ? r.related_id : r.publication_id));
    }
    for (const id of synced) others.delete(id);
    await storeRelated(db, others);
  }

  /** Ids whose index entry disagrees with the catalogue. */
  async function stale(limit: number): Promise<number[]> {
    const missing = await db
      .selectFrom('publications as p')
      .leftJoin('search_documents as d', (j) =>
        j.on('d.kind', '=', PUBLICATION_KIND).on('d.doc_id', '=', sql<string>`CAST(p.id AS TEXT)`),
      )
      .select('p.id')
      .where('p.state', '=', 'published')
      .where((eb) => eb.or([eb('d.id', 'is', null), eb('d.indexed_at', '<', eb.ref('p.updated_at'))]))
      .limit(limit)
      .execute();
    // SQLite: the publication by its integer key (a match on CAST(p.id AS TEXT) compared every
    // document with every publication: 3.5 minutes at 21,510 items, on the event loop, every minute)
    const byKey =
      deps.dialect === 'sqlite' ? sql<boolean>`p.id = CAST(d.doc_id AS INTEGER)` : sql<boolean>`CAST(p.id AS TEXT) = d.doc_id`;
    const gone = await db
      .selectFrom('search_documents as d')
      .leftJoin('publications as p', (j) => j.on(byKey).on('p.state', '=', 'published'))
      .select('d.doc_id')
      .where('d.kind', '=', PUBLICATION_KIND)
      .where('p.id', 'is', null)
      .limit(limit)
      .execute();
    return [...missing.map((r) => Number(r.id)), ...gone.map((r) => Number(r.doc_id))];
  }

  return {
    sync,

    /** Suggested 主题词 for a draft (the author decides). */
    suggestKeywords(title: string, bodyHtml: string, n = 5): string[] {
      return keywordsOf(title, htmlToText(bodyHtml), n);
    },

    /** Published items sharing the most keywords with this one, computed now (best first). */
    related: (publicationId: number, limit = RELATED_KEPT) => relatedByKeywords(db, publicationId, limit),

    /** Brings stale entries up to date; returns how many were synced. */
    async reconcile(limit = 1000): Promise<number> {
      const ids = await stale(limit);
      await sync(ids);
      return ids.length;
    },

    /** Rebuilds the index from the catalogue, oldest first; `progress(done, total)` after each batch. */
    async reindex(progress?: (done: number, total: number) => void): Promise<{ documents: number }> {
      const total = Number(
        (
          await db
            .selectFrom('publications')
            .select((eb) => eb.fn.countAll().as('n'))
            .where('state', '=', 'published')
            .executeTakeFirstOrThrow()
        ).n,
      );
      await ext.index.clear();
      await db.deleteFrom('publication_related').execute();
      await db.deleteFrom('publication_keywords').execute();
      let done = 0;
      let after: { on: string; id: number } | undefined;
      progress?.(0, total);
      for (;;) {
        let q = db
          .selectFrom('publications')
          .select(['id', 'published_on'])
          .where('state', '=', 'published')
          .where('published_on', 'is not', null);
        if (after) {
          const a = after;
          q = q.where((eb) =>
            eb.or([eb('published_on', '>', a.on), eb.and([eb('published_on', '=', a.on), eb('id', '>', a.id)])]),
          );
        }
        const page = await q.orderBy('published_on').orderBy('id').limit(REINDEX_BATCH).execute();
        if (page.length === 0) break;
        const full = await rows(page.map((p) => Number(p.id)));
        full.sort((a, b) => String(a.published_on).localeCompare(String(b.published_on)) || Number(a.id) - Number(b.id));
        const docs: SearchDocument[] = [];
        for (const r of full) if (indexable(r)) docs.push(await documentOf(r));
        await ext.index.upsertMany(docs);
        // the keywords were all deleted above: one multi-row insert per page, not a statement per item
        const kws = full
          .filter(indexable)
          .flatMap((r) => keywordsFor(r).map(([keyword, weight]) => ({ publication_id: Number(r.id), keyword, weight })));
        for (let i = 0; i < kws.length; i += KEYWORD_ROWS) {
          await db
            .insertInto('publication_keywords')
            .values(kws.slice(i, i + KEYWORD_ROWS))
            .execute();
        }
        done += page.length;
        const last = page[page.length - 1] as { id: number; published_on: string | null };
        after = { on: String(last.published_on), id: Number(last.id) };
        progress?.(done, Math.max(total, done));
      }
      await ext.index.optimize();
      // related lists once every item has its keywords
      const ids = await db.selectFrom('publications').select('id').where('state', '=', 'published').orderBy('id').execute();
      await storeAllRelated(
        db,
        ids.map((r) => Number(r.id)),
      );
      return { documents: done };
    },
  };
}

export type PublicationSearch = ReturnType<typeof createPublicationSearch>;
