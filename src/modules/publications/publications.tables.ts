import type { Generated } from 'kysely';
import type { ColumnKind } from './catalogue.columns.js';
import type { Disclosure, DocKind, Genre, LinkKind, Validity } from './publications.schemas.js';
import type { State } from './publications.workflow.js';

/** A column (栏目) of an organ's catalogue; standard ones are seeded by `ensureStandardColumns`. */
export interface CatalogueColumnTable {
  id: Generated<number>;
  organ_id: number;
  parent_id: number | null;
  code: string;
  name: string;
  kind: ColumnKind;
  /** Days within which a new item is expected (news 14, documents 183). */
  update_days: number;
  sort_order: number;
  /** 1 for the national standard columns and the Art 20 categories. */
  standard: number;
  description: string | null;
  /** Why the column is empty on purpose (e.g. "本机关无行政事业性收费项目"); null otherwise. */
  empty_reason: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

/** A publication (信息): one edition of an item of the catalogue. */
export interface PublicationTable {
  id: Generated<number>;
  organ_id: number;
  unit_id: number | null;
  column_id: number;
  state: State;
  edition: number;
  /** The edition this one revises; that one is superseded when this one is published. */
  previous_id: number | null;
  superseded_by_id: number | null;
  /** 索引号 `{organ code}/{YYYY}-{NNNNN}`: assigned at first publication, never changed. */
  index_no: string | null;
  title: string;
  summary: string | null;
  issuing_organ: string;
  /** 成文日期 (YYYY-MM-DD). */
  created_on: string;
  doc_number: string | null;
  theme: string;
  genre: Genre;
  /** JSON array of strings. */
  keywords: string;
  disclosure: Disclosure;
  withheld_reason: string | null;
  validity: Validity;
  validity_date: string | null;
  doc_kind: DocKind;
  body_html: string;
  /** JSON array of confirmed checklist keys (保密审查). */
  checklist: string;
  checklist_by: number | null;
  checklist_at: string | null;
  author_id: number | null;
  approver_id: number | null;
  approved_at: string | null;
  submitted_at: string | null;
  return_reason: string | null;
  publish_at: string | null;
  published_at: string | null;
  /** Publication date in China (YYYY-MM-DD). */
  published_on: string | null;
  withdrawn_at: string | null;
  withdraw_reason: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

/** The history of an item: one row per transition, append-only. */
export interface PublicationEventTable {
  id: Generated<number>;
  publication_id: number;
  at: string;
  actor_user_id: number | null;
  actor_name: string;
  action: string;
  from_state: string | null;
  to_state: string;
  note: string | null;
  /** JSON. */
  data: string | null;
}

export interface PublicationLinkTable {
  publication_id: number;
  kind: LinkKind;
  target_id: number;
}

/** The last serial of index numbers given per organ and year. */
export interface IndexCounterTable {
  organ_id: number;
  year: number;
  last_serial: number;
}

export interface PublicationTables {
  catalogue_columns: CatalogueColumnTable;
  publications: PublicationTable;
  publication_events: PublicationEventTable;
  publication_links: PublicationLinkTable;
  index_counters: IndexCounterTable;
}
