import type { Generated } from 'kysely';

/** A file attached to a publication. The file lives on disk under `uploadDir` by its stored name;
 * a new edition copies the rows, which then share the file (removed when no row names it). */
export interface AttachmentTable {
  id: Generated<number>;
  organ_id: number;
  publication_id: number | null;
  /** The name the author's file had, cleaned; metadata only, never a path. */
  original_name: string;
  /** Generated (32 hex characters); the file is `{uploadDir}/{first two}/{stored_name}`. */
  stored_name: string;
  /** Sniffed from the content, never from the name or the client. */
  media_type: string;
  size: number;
  sha256: string;
  /** Text for search (capped); null when none could be read. */
  text_extract: string | null;
  created_by: number | null;
  created_at: string;
}

export interface AttachmentTables {
  attachments: AttachmentTable;
}
