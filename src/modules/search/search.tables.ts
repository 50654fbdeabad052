// The search index's own copy of what it finds (migration 0003_search). The tokens themselves live in
// an FTS5 table `search_fts` (SQLite) or in `search_titles`, `search_segments`, `search_grams`,
// `search_chars` and `search_terms` (PostgreSQL), all keyed by `id`.

export interface SearchDocumentTable {
  /**
   * Also the sort key: day of `published_on` (days since 1970-01-01) × 2^21 + a serial within the
   * day, so that "newest first" is "highest id first", which both indexes walk without sorting.
   */
  id: number;
  kind: string;
  /** The document's id in its own module (kind + doc_id is unique). */
  doc_id: string;
  organ_id: number;
  column_code: string | null;
  genre: string | null;
  /** YYYY-MM-DD */
  published_on: string;
  title: string;
  /** Plain text, the source of snippets. */
  body: string;
  /**
   * The body's length when a one-character query's first match can be found in it as stored
   * (plainForWindows), else null.
   */
  plain_length: number | null;
  url: string;
  /** ISO-8601 UTC instant of the last upsert. */
  indexed_at: string;
}

/** PostgreSQL only: the tsvector of a title. */
export interface SearchTitleTable {
  doc_id: number;
  tsv: string;
}

/** PostgreSQL only: part 1 is the title and the start of the body, parts 2… further body segments. */
export interface SearchSegmentTable {
  doc_id: number;
  part: number;
  tsv: string;
}

/**
 * PostgreSQL only (migration 0015): the trigrams of the segment of the same part, at the positions of
 * their first bigram (search.grams.ts).
 */
export interface SearchGramTable {
  doc_id: number;
  part: number;
  tsv: string;
}

/** PostgreSQL only (migration 0015): the unigrams of a document's title and body (search.grams.ts). */
export interface SearchCharTable {
  doc_id: number;
  tsv: string;
}

/**
 * PostgreSQL only (migration 0020, docs/adr/0018): a document's runs of 2 to 5 CJK characters, each
 * once, without positions (search.grams.ts `termRows`), as the text of a tsvector, which the GIN
 * index makes a tsvector (as text it is compressed, a third of the size); part 2 on only for very
 * long documents.
 */
export interface SearchTermTable {
  doc_id: number;
  part: number;
  terms: string;
}

/**
 * PostgreSQL only (migration 0022): documents holding a character (its unigram lexeme, `~灾`) by year,
 * in their title and body (tier 'a', search_chars) or their title (tier 't', search_titles), and all
 * the documents of a year (its year lexeme, `#2025`), kept by triggers on those tables; and
 * (migration 0024) documents holding a two-character term (`台风`) in their title and body (tier
 * 'a', search_terms).
 */
export interface SearchCharYearTable {
  lexeme: string;
  tier: 'a' | 't';
  year: number;
  docs: number;
}

/** Keywords of a published item (search.keywords.ts): related items share them. */
export interface PublicationKeywordTable {
  publication_id: number;
  keyword: string;
  /** 1 for the item's most telling keyword, less for the next ones. */
  weight: number;
}

/** The related items of a published item, best first, as computed when it or they were indexed. */
export interface PublicationRelatedTable {
  publication_id: number;
  /** 0 for the best. */
  rank: number;
  related_id: number;
}

export interface SearchTables {
  publication_keywords: PublicationKeywordTable;
  publication_related: PublicationRelatedTable;
  search_documents: SearchDocumentTable;
  search_titles: SearchTitleTable;
  search_segments: SearchSegmentTable;
  search_grams: SearchGramTable;
  search_chars: SearchCharTable;
  search_terms: SearchTermTable;
  search_char_years: SearchCharYearTable;
}
