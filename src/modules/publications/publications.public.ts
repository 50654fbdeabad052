// The catalogue as the public sees it (no actor, read-only): the column tree of an organ with
// counts, published items by column (sub-columns included), newest first, one item with its
// metadata, relations and editions, and the permanent URL of an index number (norms.md §7).
// Only published items are listed; superseded editions stay reachable and point forward;
// withdrawn items keep their page, without their body; drafts and items on their way never show.
import { chinaDate } from '../../platform/clock.js';
import type { Deps } from '../../platform/deps.js';
import type { ColumnKind } from './catalogue.columns.js';
import {
  type ItemPageData,
  OPENABLE,
  type PageAttachment,
  type PublicBriefRow,
  type PublicFilter,
  type PublicScope,
  publicRepo,
} from './publications.public.repository.js';

export type { PublicFilter, PublicScope };

import { type StampedMemo, type StampedView, UNMEMOISED } from '../../platform/db/stamped.js';
import { type ColumnRow, type PublicationRow, publicationsRepo as repo } from './publications.repository.js';
import type { Genre, LinkKind, Validity } from './publications.schemas.js';

export const PUBLIC_PAGE_SIZE = 20;
/** Bound on edition chains walked (a chain is acyclic by construction; this guards bad data). */
const MAX_HOPS = 100;

/** A line of a public list: enough to link to an item. */
export interface PublicBrief {
  id: number;
  title: string;
  indexNo: string | null;
  publishedOn: string | null;
  state: 'published' | 'superseded' | 'withdrawn';
  issuingOrgan: string;
  summary: string | null;
  /** Moment of publication (ISO), for feeds. */
  publishedAt: string | null;
}

export interface PublicColumn {
  id: number;
  organId: number;
  parentId: number | null;
  code: string;
  name: string;
  kind: ColumnKind;
  description: string | null;
  /** Days within which a new item is expected (the column's update expectation). */
  updateDays: number;
  /** Why the column is empty on purpose, when it is. */
  emptyReason: string | null;
  /** Published items in this column and all its sub-columns. */
  count: number;
  children: PublicColumn[];
}

export interface PublicList {
  items: PublicBrief[];
  total: number;
  page: number;
  pageSize: number;
  /** Number of pages (at least 1, also when there is nothing). */
  pages: number;
}

export interface PublicRelations {
  /** 相关解读: interpretations of this document (of any of its editions). */
  interpretations: PublicBrief[];
  /** 本文件解读的政策: the policy this interpretation explains. */
  interprets: PublicBrief[];
  /** 更正说明: clarifications correcting this item. */
  corrections: PublicBrief[];
  /** What this clarification corrects. */
  corrects: PublicBrief[];
  /** Documents this one replaces (失效) or repeals (废止). */
  replaces: PublicBrief[];
  repeals: PublicBrief[];
  /** Documents that replaced or repealed this one. */
  replacedBy: PublicBrief[];
  repealedBy: PublicBrief[];
}

/** An item as the public sees it: catalogue metadata, never the workflow's internals. */
export interface PublicItem {
  id: number;
  organId: number;
  state: 'published' | 'superseded' | 'withdrawn';
  edition: number;
  indexNo: string | null;
  title: string;
  summary: string | null;
  issuingOrgan: string;
  /** 成文日期, YYYY-MM-DD. */
  createdOn: string;
  docNumber: string | null;
  theme: string;
  genre: Genre;
  keywords: string[];
  validity: Validity;
  validityDate: string | null;
  /** 发布日期 in China, YYYY-MM-DD. */
  publishedOn: string;
  /** Date of withdrawal in China, for a withdrawn item. */
  withdrawnOn: string | null;
  /** Sanitised HTML as stored, its UTF-8 bytes; null for a withdrawn item. */
  bodyBytes: Buffer | null;
  /** The same as a string (decoded when first read: the item page sends the bytes). */
  readonly bodyHtml: string | null;
  column: { id: number; name: string };
  /** The column's ancestors, root first (for breadcrumbs). */
  columnPath: Array<{ id: number; name: string; code: string; parentId: number | null }>;
  relations: PublicRelations;
  /** For a superseded edition: the current one (the end of the chain of newer editions). */
  current: PublicBrief | null;
  /** The edition this one revised, if any. */
  previous: PublicBrief | null;
  /** Published items related to this one (for a published item), best first. */
  related: PublicBrief[];
}

type Link = { kind: LinkKind; brief: PublicBriefRow };

/** A column and its ancestors (root first), from an organ's column rows (an item's breadcrumbs). */
function pathIn(rows: readonly ColumnRow[], id: number) {
  const byId = new Map(rows.map((c) => [c.id, c]));
  const path: ColumnRow[] = [];
  for (let c = byId.get(id); c && path.length <= MAX_HOPS; c = c.parent_id === null ? undefined : byId.get(c.parent_id)) {
    path.unshift(c);
  }
  return path.map((c) => ({ id: c.id, name: c.name, code: c.code, parentId: c.parent_id }));
}

const toBrief = (r: PublicBriefRow | PublicationRow): PublicBrief => ({
  id: r.id,
  title: r.title,
  indexNo: r.index_no,
  publishedOn: r.published_on,
  state: r.state as PublicBrief['state'],
  issuingOrgan: r.issuing_organ,
  summary: r.summary,
  publishedAt: r.published_at,
});

const openable = <T extends { state: PublicationRow['state']; published_on: string | null }>(p: T | undefined): p is T =>
  p !== undefined && OPENABLE.includes(p.state) && p.published_on !== null;

function buildTree(rows: ColumnRow[], counts: Map<number, number>): PublicColumn[] {
  const nodes = new Map<number, PublicColumn>(
    rows.map((c) => [
      c.id,
      {
        id: c.id,
        organId: c.organ_id,
        parentId: c.parent_id,
        code: c.code,
        name: c.name,
        kind: c.kind,
        description: c.description,
        updateDays: c.update_days,
        emptyReason: c.empty_reason,
        count: 0,
        children: [],
      },
    ]),
  );
  const roots: PublicColumn[] = [];
  for (const c of rows) {
    const n = nodes.get(c.id) as PublicColumn;
    const parent = c.parent_id === null ? undefined : nodes.get(c.parent_id);
    if (parent) parent.children.push(n);
    else roots.push(n);
  }
  const total = (n: PublicColumn, depth: number): number => {
    if (depth > MAX_HOPS) return 0;
    n.count = (counts.get(n.id) ?? 0) + n.children.reduce((s, ch) => s + total(ch, depth + 1), 0);
    return n.count;
  };
  for (const r of roots) total(r, 0);
  return roots;
}

/** The ids of a column and everything under it. */
export function subtreeIds(c: PublicColumn): number[] {
  return [c.id, ...c.children.flatMap(subtreeIds)];
}

function findIn(
  nodes: PublicColumn[],
  id: number,
  path: PublicColumn[] = [],
): { node: PublicColumn; path: PublicColumn[] } | undefined {
  for (const n of nodes) {
    if (n.id === id) return { node: n, path };
    const found = findIn(n.children, id, [...path, n]);
    if (found) return found;
  }
  return undefined;
}

export interface PublicCatalogueOptions {
  /** The memo of column trees and organs, keyed by the content stamp (ADR 0014); none: read every time. */
  memo?: StampedMemo;
}

export function createPublicCatalogue(deps: Deps, opts: PublicCatalogueOptions = {}) {
  const { db } = deps;
  /** What this request sees of the memo (reads the stamp once). */
  const view = (): Promise<StampedView> => (opts.memo ? opts.memo.view() : Promise.resolve(UNMEMOISED));
  /** The memo as of a stamp read with a row (publicRepo.page). */
  const viewAt = (stamp: number): StampedView => (opts.memo ? opts.memo.viewAt(stamp) : UNMEMOISED);

  async function tree(organId: number): Promise<PublicColumn[]> {
    return treeIn(await view(), organId);
  }

  async function listOf(scope: PublicScope, page: number, pageSize: number, filter: PublicFilter): Promise<PublicList> {
    const p = Math.max(1, Math.floor(page));
    const { items, total } = await publicRepo.published(db, scope, pageSize, (p - 1) * pageSize, filter);
    return { items: items.map(toBrief), total, page: p, pageSize, pages: Math.max(1, Math.ceil(total / pageSize)) };
  }

  const list = (column: PublicColumn, page: number, pageSize = PUBLIC_PAGE_SIZE, filter: PublicFilter = {}) =>
    listOf({ columnIds: subtreeIds(column) }, page, pageSize, filter);

  /** Follows newer editions to the end of the chain (the current edition), if any. */
  async function currentEdition(p: Pick<PublicationRow, 'superseded_by_id'>): Promise<PublicationRow | undefined> {
    let at = p;
    let current: PublicationRow | undefined;
    for (let hops = 0; at.superseded_by_id !== null && hops < MAX_HOPS; hops++) {
      const next = await repo.byId(db, at.superseded_by_id);
      if (!openable(next)) break;
      current = next;
      at = next;
    }
    return current;
  }

  /** Relations from the links of an item (its own) and of its editions (inbound), with their briefs. */
  function relationsOf(editions: readonly number[], out: Link[], inbound: Link[]): PublicRelations {
    const pick = (list: Link[], kind: LinkKind): PublicBrief[] => {
      const seen = new Set<number>();
      const found: PublicBrief[] = [];
      for (const l of list) {
        if (l.kind !== kind || editions.includes(l.brief.id) || seen.has(l.brief.id)) continue;
        seen.add(l.brief.id);
        found.push(toBrief(l.brief));
      }
      return found.sort((a, b) => (b.publishedOn ?? '').localeCompare(a.publishedOn ?? '') || b.id - a.id);
    };
    return {
      interpretations: pick(inbound, 'interprets'),
      interprets: pick(out, 'interprets'),
      corrections: pick(inbound, 'corrects'),
      corrects: pick(out, 'corrects'),
      replaces: pick(out, 'replaces'),
      repeals: pick(out, 'repeals'),
      replacedBy: pick(inbound, 'replaces'),
      repealedBy: pick(inbound, 'repeals'),
    };
  }

  /** An organ's columns in catalogue order, as of the view's stamp. */
  const columnRows = (view: StampedView, organId: number) => view.get(`columns:${organId}`, () => repo.columns(db, organId));

  /** The published count of every column of an organ, as of the view's stamp. */
  const countsOf = (view: StampedView, organId: number) =>
    view.get(`counts:${organId}`, () => publicRepo.publishedCounts(db, organId));

  /** The column tree with counts (a fresh copy: callers may keep what they are given). */
  async function treeIn(view: StampedView, organId: number): Promise<PublicColumn[]> {
    const [rows, counts] = await Promise.all([columnRows(view, organId), countsOf(view, organId)]);
    return buildTree(rows, counts);
  }

  /** The public page of an item from what its statement read: its editions, links, briefs and related items. */
  async function itemOf(data: ItemPageData, view: StampedView): Promise<PublicItem> {
    const p = data.row;
    const withdrawn = p.state === 'withdrawn';
    let decoded: string | null | undefined;
    const { editions } = data;
    const [rows, current] = await Promise.all([
      columnRows(view, p.organ_id),
      p.state === 'superseded' ? currentEdition(p) : Promise.resolve(undefined),
    ]);
    const out: Link[] = [];
    const inbound: Link[] = [];
    const related: PublicBriefRow[] = [];
    let prev: PublicBriefRow | undefined;
    for (const a of data.around) {
      if (a.rel === 'out' && a.kind) out.push({ kind: a.kind, brief: a.brief });
      else if (a.rel === 'in' && a.kind) inbound.push({ kind: a.kind, brief: a.brief });
      else if (a.rel === 'related' && a.brief.state === 'published') related[a.rank] = a.brief;
      else if (a.rel === 'previous') prev = a.brief;
    }
    const path = pathIn(rows, p.column_id);
    return {
      id: p.id,
      organId: p.organ_id,
      state: p.state as PublicItem['state'],
      edition: p.edition,
      indexNo: p.index_no,
      title: p.title,
      summary: p.summary,
      issuingOrgan: p.issuing_organ,
      createdOn: p.created_on,
      docNumber: p.doc_number,
      theme: p.theme,
      genre: p.genre,
      keywords: p.keywords,
      validity: p.validity,
      validityDate: p.validity_date,
      publishedOn: p.published_on as string,
      withdrawnOn: p.withdrawn_at ? chinaDate(new Date(p.withdrawn_at)) : null,
      // stored sanitised by every path that writes it (the repository, the demo loader; migration
      // 0018 for rows written before): served as stored, as bytes (ADR 0014)
      bodyBytes: withdrawn ? null : p.body_bytes,
      get bodyHtml() {
        decoded ??= withdrawn ? null : p.body_bytes.toString('utf8');
        return decoded;
      },
      column: { id: p.column_id, name: path[path.length - 1]?.name ?? '' },
      columnPath: path,
      relations: relationsOf(editions, out, inbound),
      current: current ? toBrief(current) : null,
      previous: prev ? toBrief(prev) : null,
      related: related.filter((b) => b !== undefined).map(toBrief),
    };
  }

  async function itemWithView(
    by: { id: number } | { indexNo: string },
  ): Promise<{ item: PublicItem; view: StampedView; attachments: PageAttachment[] } | undefined> {
    if ('id' in by ? !Number.isSafeInteger(by.id) : by.indexNo.length === 0 || by.indexNo.length > 64) return undefined;
    const data = await publicRepo.page(db, deps.dialect, by);
    if (!data || !openable(data.row)) return undefined;
    const v = viewAt(data.stamp);
    return { item: await itemOf(data, v), view: v, attachments: data.attachments };
  }

  async function column(id: number): Promise<{ column: PublicColumn; path: PublicColumn[] } | undefined> {
    if (!Number.isSafeInteger(id)) return undefined;
    const c = await repo.columnById(db, id);
    if (!c) return undefined;
    const found = findIn(await tree(c.organ_id), c.id);
    return found && { column: found.node, path: found.path };
  }

  return {
    /** The column tree of an organ (roots in catalogue order), each with its published count. */
    columnTree: tree,

    /** A column with its sub-columns and its ancestors (root first); undefined if unknown. */
    column,

    /** The organ's column found by its code (e.g. the standard `guide`), with its sub-columns. */
    async columnByCode(organId: number, code: string): Promise<PublicColumn | undefined> {
      const walk = (nodes: PublicColumn[]): PublicColumn | undefined => {
        for (const n of nodes) {
          if (n.code === code) return n;
          const f = walk(n.children);
          if (f) return f;
        }
        return undefined;
      };
      return walk(await tree(organId));
    },

    /** Published items of a column and its sub-columns, newest first, page by page, filtered. */
    list,

    /** Every published item of an organ (信息公开目录), newest first, page by page, filtered. */
    listOrgan: (organId: number, page: number, filter: PublicFilter = {}, pageSize = PUBLIC_PAGE_SIZE) =>
      listOf({ organId }, page, pageSize, filter),

    /** The years and themes that occur in a column (with its sub-columns) or an organ: filter choices. */
    facets: (of: { column: PublicColumn } | { organId: number }) =>
      publicRepo.facets(db, 'column' in of ? { columnIds: subtreeIds(of.column) } : { organId: of.organId }),

    /** Current published items of every organ, after an id (for the sitemap, page by page). */
    allPublished: (afterId: number, limit: number) => publicRepo.allPublished(db, afterId, limit),

    /** The latest published items of each top-level column of an organ that has any. */
    async latest(organId: number, limit = 5): Promise<{ tree: PublicColumn[]; latest: Map<number, PublicBrief[]> }> {
      const all = await tree(organId);
      const roots = all.filter((r) => r.count > 0);
      const lists = await publicRepo.latestOf(db, roots.map(subtreeIds), limit);
      return { tree: all, latest: new Map(roots.map((r, i) => [r.id, (lists[i] ?? []).map(toBrief)])) };
    },

    /** An item the public may open (published, superseded or withdrawn), else undefined. */
    async item(id: number): Promise<PublicItem | undefined> {
      return (await itemWithView({ id }))?.item;
    },

    /**
     * An item the public may open, by id or by the index number it was given (its permanent
     * URL's page), with the memo's view as of the stamp read in the same statement as its row
     * (for the organ and column tree of its page: no separate read of the stamp).
     */
    itemWithView,

    /** What this request sees of the memo of organs and column trees: read the stamp once per request. */
    view,

    /** The memo as of a stamp the request read with something else (the search, SearchResult.stamp). */
    viewAt,

    /** The column tree of an organ with counts, as of a view (no second read of the stamp). */
    columnTreeIn: treeIn,

    /**
     * The permanent URL of an index number: the item it was given to and the current edition
     * (itself unless superseded). Undefined for an unknown or never-published number.
     */
    async resolveIndexNo(indexNo: string): Promise<{ id: number; currentId: number } | undefined> {
      if (indexNo.length === 0 || indexNo.length > 64) return undefined;
      const p = await repo.byIndexNo(db, indexNo);
      if (!openable(p)) return undefined;
      const current = await currentEdition(p);
      return { id: p.id, currentId: current?.id ?? p.id };
    },
  };
}

export type PublicCatalogue = ReturnType<typeof createPublicCatalogue>;
