// Table 4 of the annual report (行政复议、行政诉讼情况) from the appeals register (PURE).
// report-format.md: counted are the cases filed in year Y about the organ's disclosure work; the
// result is the one known on 31 December Y (a case decided later is 尚未审结 for Y); a lawsuit in
// which the reconsideration body is a joint defendant counts only for the original body.
import { KIND_CODES, type Kind, type Result } from './appeals.codes.js';

export interface Table4Cell {
  upheld: number;
  corrected: number;
  other: number;
  pending: number;
  total: number;
}
export type Table4 = Record<Kind, Table4Cell>;

export interface CountedAppeal {
  kind: string;
  filed_on: string;
  result: Result | null;
  decided_on: string | null;
  joint_defendant: number | boolean;
}

const emptyCell = (): Table4Cell => ({ upheld: 0, corrected: 0, other: 0, pending: 0, total: 0 });

/** Where one case counts in year Y (its group and column), or null when Y does not count it. */
export function appealCell(r: CountedAppeal, year: number): { kind: Kind; column: Result | 'pending' } | null {
  const y = String(year).padStart(4, '0');
  if (r.filed_on.slice(0, 4) !== y) return null;
  if (r.joint_defendant === 1 || r.joint_defendant === true) return null;
  if (!(KIND_CODES as readonly string[]).includes(r.kind)) return null;
  const known = r.result !== null && r.decided_on !== null && r.decided_on <= `${y}-12-31`;
  return { kind: r.kind as Kind, column: known ? (r.result as Result) : 'pending' };
}

/** Counts one organ's cases for year Y: every group present, zeros included. */
export function countTable4(rows: readonly CountedAppeal[], year: number): Table4 {
  const t = Object.fromEntries(KIND_CODES.map((k) => [k, emptyCell()])) as Table4;
  for (const r of rows) {
    const c = appealCell(r, year);
    if (!c) continue;
    t[c.kind][c.column]++;
    t[c.kind].total++;
  }
  return t;
}

/** The share of disclosure cases among all the organ's reconsideration cases of the year, in
 * percent with one decimal (seed 六: 14 of 85 → 16.5). */
export function disclosureShare(disclosureCases: number, allReconsiderationCases: number): number | null {
  if (!(allReconsiderationCases > 0)) return null;
  return Math.round((disclosureCases / allReconsiderationCases) * 1000) / 10;
}
