import type { Generated } from 'kysely';
import type { Kind, Result } from './appeals.codes.js';

/** A reconsideration or lawsuit about the organ's disclosure work (seed 六; table 4). */
export interface AppealTable {
  id: Generated<number>;
  organ_id: number;
  /** The case number (复议案号/诉讼案号), unique within the organ. */
  reference: string;
  kind: Kind;
  /** The date the case was filed (YYYY-MM-DD): the year it counts in. */
  filed_on: string;
  /** 复议机关 or 法院. */
  body: string | null;
  /** null while pending (尚未审结). */
  result: Result | null;
  decided_on: string | null;
  /** The request the case is about, when it is in the system. */
  request_id: number | null;
  /** 1: this organ is only the reconsideration body named as joint defendant; the case counts
   * for the original body alone (report-format.md, table 4). */
  joint_defendant: number;
  note: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

/** The organ's total number of reconsideration cases of a year (all subjects), entered by staff:
 * the denominator of the share of disclosure cases (seed 六: 14 cases, 16.5%). */
export interface AppealYearTotalTable {
  organ_id: number;
  year: number;
  reconsideration_total: number;
  updated_by: number | null;
  updated_at: string;
}

export interface AppealTables {
  appeals: AppealTable;
  appeal_year_totals: AppealYearTotalTable;
}
