import type { Generated } from 'kysely';

/** A bearer token of the JSON API. It acts as `user_id` (their roles and organ, never more). */
export interface ApiTokenTable {
  id: Generated<number>;
  organ_id: number;
  user_id: number;
  name: string;
  /** sha256 (hex) of the token; the token itself is never stored. */
  token_hash: string;
  /** `gk_` and the next 4 characters, shown in lists. */
  token_hint: string;
  created_at: string;
  last_used_at: string | null;
  expires_at: string;
  revoked_at: string | null;
  revoked_by: number | null;
}

export interface ApiTokenTables {
  api_tokens: ApiTokenTable;
}
