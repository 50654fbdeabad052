import type { Generated } from 'kysely';
import type { ApplicantType, Channel, Delivery, FormWanted, IdType, Outcome } from './requests.codes.js';
import type { State } from './requests.workflow.js';

/** A request for disclosure (政府信息公开申请). Due dates are derived from the events by the clock. */
export interface RequestTable {
  id: Generated<number>;
  organ_id: number;
  /** `{organ code}-YYYY-NNNNN`, never reused. */
  reference: string;
  /** sha256 of the private tracking token (the token itself is never stored). */
  tracking_hash: string;
  channel: Channel;
  /** Art 31 date of receipt (YYYY-MM-DD), the start of the clock. */
  received_on: string;
  /** How the date of receipt was set (the channel rule applied), in words. */
  received_rule: string;
  /** '2008' or '2019': the Regulation in force on the date of receipt. */
  rules: string;
  state: State;
  applicant_type: ApplicantType;
  applicant_name: string;
  /** For organisations: the contact person. */
  contact_person: string | null;
  id_type: IdType;
  /** encryptPii(identity document number). */
  id_number_enc: string;
  /** HMAC of the normalised type and number: finds repeated requests without decrypting. */
  id_hash: string;
  id_masked: string;
  phone: string | null;
  email: string | null;
  address: string | null;
  info_title: string | null;
  info_doc_number: string | null;
  info_description: string;
  form_wanted: FormWanted;
  delivery: Delivery;
  unit_id: number | null;
  handler_user_id: number | null;
  /** An earlier request of the same applicant for similar information. */
  repeat_of_id: number | null;
  /** Derived by the clock from the events; recomputed on every event and calendar change. */
  reply_due: string | null;
  correction_due: string | null;
  awaiting: string | null;
  /** The decision (the seam for reply letters): one report-format.md outcome code. */
  outcome: Outcome | null;
  legal_ground: string | null;
  released_parts: string | null;
  withheld_parts: string | null;
  decision_note: string | null;
  decided_by: number | null;
  decided_at: string | null;
  approved_by: number | null;
  approved_at: string | null;
  replied_on: string | null;
  reply_method: string | null;
  closed_on: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

/** The history of a case, append-only. `clock` holds the ClockEvent (JSON) an event feeds the clock. */
export interface RequestEventTable {
  id: Generated<number>;
  request_id: number;
  at: string;
  /** The business date of the event (YYYY-MM-DD, China). */
  on_date: string;
  actor_user_id: number | null;
  actor_name: string;
  action: string;
  from_state: string | null;
  to_state: string;
  clock: string | null;
  note: string | null;
  data: string | null;
}

/** Staff-only notes (`note`) and messages addressed to the applicant (`message`), append-only. */
export interface RequestNoteTable {
  id: Generated<number>;
  request_id: number;
  kind: 'note' | 'message';
  body: string;
  at: string;
  author_user_id: number | null;
  author_name: string;
}

/** The last serial of reference numbers per organ and year. */
export interface RequestCounterTable {
  organ_id: number;
  year: number;
  last_serial: number;
}

export interface RequestTables {
  requests: RequestTable;
  request_events: RequestEventTable;
  request_notes: RequestNoteTable;
  request_counters: RequestCounterTable;
}
