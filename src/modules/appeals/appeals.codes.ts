// The codes of the appeals register (行政复议、行政诉讼), as shared/reference/report-format.md
// fixes them for table 4 (PURE): the kind is a table 4 group, the result a table 4 column.

/** Table 4 groups, in the report's order. */
export const KINDS = [
  ['reconsideration', '行政复议'],
  ['litigation_direct', '行政诉讼（未经复议直接起诉）'],
  ['litigation_after_reconsideration', '行政诉讼（复议后起诉）'],
] as const;
export type Kind = (typeof KINDS)[number][0];
export const KIND_CODES: readonly Kind[] = KINDS.map(([k]) => k);

/** Decided results (table 4 columns); no result = 尚未审结 (`pending`). */
export const RESULTS = [
  ['upheld', '结果维持'],
  ['corrected', '结果纠正'],
  ['other', '其他结果'],
] as const;
export type Result = (typeof RESULTS)[number][0];
export const RESULT_CODES: readonly Result[] = RESULTS.map(([r]) => r);

export const isKind = (v: string): v is Kind => (KIND_CODES as readonly string[]).includes(v);
export const isResult = (v: string): v is Result => (RESULT_CODES as readonly string[]).includes(v);

export const kindLabel = (k: string) => KINDS.find(([c]) => c === k)?.[1] ?? k;
export const resultLabel = (r: string | null) => (r === null ? '尚未审结' : (RESULTS.find(([c]) => c === r)?.[1] ?? r));
