import type { Generated } from 'kysely';

/**
 * A letter issued on a case (答复书, 告知书, 通知书), stored as the Letter JSON it was when issued,
 * so that a later change of templates never changes an issued letter. Append-only except the
 * delivery fields (method, date, proof). `letter` is null for historical cases whose letter was
 * not generated (before the 2019 templates), with `note` saying so.
 */
export interface RequestLetterTable {
  id: Generated<number>;
  request_id: number;
  /** LetterKind of the letters module: an outcome code or a notice kind. */
  kind: string;
  letter: string | null;
  note: string | null;
  issued_on: string;
  issued_at: string;
  issued_by: number | null;
  issued_by_name: string;
  /** DELIVERIES code (mail / pickup / email / online) and when and how it reached the applicant. */
  delivery_method: string | null;
  delivered_on: string | null;
  delivery_proof: string | null;
}

/** The non-disclosure register (不予公开备案): one entry per refusal or withheld part, append-only. */
export interface RequestNondisclosureTable {
  id: Generated<number>;
  request_id: number;
  organ_id: number;
  reference: string;
  information: string;
  /** The outcome code (a withheld.* code, or `partial` for the withheld part of a partial disclosure). */
  ground: string;
  legal_ground: string;
  withheld_parts: string | null;
  approved_by: number | null;
  approver_name: string;
  decided_on: string;
  year: number;
  created_at: string;
}

/** The 信息处理费 of a case: computed amount, waiver, payment. */
export interface RequestFeeTable {
  id: Generated<number>;
  request_id: number;
  organ_id: number;
  /** per_request or per_page (never both). */
  method: string;
  /** Items of this request (per_request) or pages (per_page). */
  quantity: number;
  prior_items: number;
  computed_yuan: number;
  amount_yuan: number;
  waived_reason: string | null;
  /** The FeeResult JSON (breakdown and basis) as computed. */
  result: string;
  how_to_pay: string | null;
  assessed_on: string;
  paid_on: string | null;
  created_at: string;
  created_by: number | null;
}

/** A file released with the reply (Art 40), kept on disk under `uploadDir` by its stored name; append-only. */
export interface RequestFileTable {
  id: Generated<number>;
  request_id: number;
  original_name: string;
  stored_name: string;
  media_type: string;
  size: number;
  sha256: string;
  uploaded_at: string;
  uploaded_by: number | null;
  uploaded_by_name: string;
}

export interface CaseworkTables {
  request_letters: RequestLetterTable;
  request_files: RequestFileTable;
  request_nondisclosure: RequestNondisclosureTable;
  request_fees: RequestFeeTable;
}
