// Table 2 of the annual report and the report's named figures (PURE; the records are read through
// the functions passed in). Regulation Art 20 items (一), (五), (六), (八), (九); report-format.md
// "Table 2"; norms.md §2.4.2 for the 2019 trial format.
//   2021 format: 规章 and 行政规范性文件 from the catalogue (publications.table2Documents); 行政许可,
//     行政处罚, 行政强制 decisions and 行政事业性收费 (万元) entered by staff: no register holds them yet.
//   2019 format: 规章 and 规范性文件 made / published / total public from the catalogue; every other
//     cell entered by staff.
// A figure neither computed nor entered is 0 in the table and listed by the check `table2.entered`
// (state 'uncertain'), so that a report is never published with a silent zero.
import {
  type ReportFormat,
  TABLE2_2019,
  TABLE3_COLUMNS,
  TABLE3_ROW_CODES,
  TABLE4_COLUMNS,
  TABLE4_GROUPS,
} from './reports.codes.js';
import type { EnteredFigure, ReportCheck, ReportFigures, Table2_2019, Table2_2021, Table3, Table4 } from './reports.types.js';

/** Table 2 cells entered by staff in the 2021 format. */
export const ENTERED_2021 = [
  'table2.licensing.decisions',
  'table2.penalty.decisions',
  'table2.compulsion.decisions',
  'table2.fees.amount_wan_yuan',
] as const;

/** Table 2 cells entered by staff in the 2019 trial format (every cell but 规章 and 规范性文件). */
export const ENTERED_2019: readonly string[] = TABLE2_2019.flatMap((b) =>
  b.rows
    .filter(([r]) => r !== 'rules' && r !== 'normative_documents')
    .flatMap(([r]) => b.columns.map(([c]) => `table2.${r}.${c}`)),
);

/** Every key staff may enter (a fixed list: setFigure refuses any other). */
export const ENTERED_KEYS: readonly string[] = [...new Set<string>([...ENTERED_2021, ...ENTERED_2019])];

const LABELS: Record<string, string> = {
  licensing: '行政许可',
  other_services: '其他对外管理服务事项',
  penalty: '行政处罚',
  compulsion: '行政强制',
  fees: '行政事业性收费',
  procurement: '政府集中采购',
  decisions: '处理决定数量',
  amount_wan_yuan: '收费金额（万元）',
  previous_items: '上一年项目数量',
  change: '本年增/减',
  projects: '采购项目数量',
  amount: '采购总金额',
};
/** A key's words, e.g. `table2.licensing.decisions` → 行政许可处理决定数量. */
export const keyLabel = (key: string): string => {
  const [, row = '', col = ''] = key.split('.');
  return `${LABELS[row] ?? row}${LABELS[col] ?? col}`;
};

export interface DocumentCounts {
  issued: number;
  repealed: number;
  in_force: number;
}
export interface Table2Sources {
  documents(): Promise<{ rules: DocumentCounts; normative_documents: DocumentCounts }>;
  publications2019(kind: 'regulation' | 'normative'): Promise<{ made: number; published: number; total_public: number }>;
}

/** Table 2 in the year's format, with the entered keys that were missing. */
export async function table2For(
  format: ReportFormat,
  entered: readonly EnteredFigure[],
  src: Table2Sources,
): Promise<{ table: Table2_2021 | Table2_2019; missing: string[] }> {
  const values = new Map(entered.map((e) => [e.key, e.value]));
  const missing: string[] = [];
  const get = (key: string): number => {
    const v = values.get(key);
    if (v === undefined) missing.push(key);
    return v ?? 0;
  };
  if (format === '2019') {
    const [rules, normative] = await Promise.all([src.publications2019('regulation'), src.publications2019('normative')]);
    const t: Record<string, Record<string, number>> = { rules: { ...rules }, normative_documents: { ...normative } };
    for (const b of TABLE2_2019)
      for (const [r] of b.rows) {
        if (r === 'rules' || r === 'normative_documents') continue;
        t[r] = Object.fromEntries(b.columns.map(([c]) => [c, get(`table2.${r}.${c}`)]));
      }
    return { table: t as unknown as Table2_2019, missing };
  }
  const docs = await src.documents();
  const table: Table2_2021 = {
    rules: { issued: docs.rules.issued, repealed: docs.rules.repealed, in_force: docs.rules.in_force },
    normative_documents: {
      issued: docs.normative_documents.issued,
      repealed: docs.normative_documents.repealed,
      in_force: docs.normative_documents.in_force,
    },
    licensing: { decisions: get('table2.licensing.decisions') },
    penalty: { decisions: get('table2.penalty.decisions') },
    compulsion: { decisions: get('table2.compulsion.decisions') },
    fees: { amount_wan_yuan: get('table2.fees.amount_wan_yuan') },
  };
  return { table, missing };
}

/** `table2.entered`: which table 2 figures were not entered (uncertain: a 0 may not be true).
 * For an aggregation, `counts` says in how many of `organs` organs each was missing. */
export function enteredCheck(missing: readonly string[], counts?: ReadonlyMap<string, number>, organs?: number): ReportCheck {
  if (missing.length === 0) return { code: 'table2.entered', ok: true, state: 'pass', message: '表二中无记录来源的数据均已录入' };
  const what = missing.map((k) => (counts ? `${keyLabel(k)}（${counts.get(k)}/${organs}个机关）` : keyLabel(k)));
  return {
    code: 'table2.entered',
    ok: true,
    state: 'uncertain',
    message: `表二以下数据尚未录入，暂按0计：${what.join('、')}`,
    evidence: { cells: missing.map((k) => ({ ref: k, value: null })) },
  };
}

/** Table 2 as named figures: `table2.<row>.<column>`; a figure not entered is null (a sentence
 * stating it is omitted, never faked). */
export function table2Figures(t: Table2_2021 | Table2_2019, missing: readonly string[] = []): ReportFigures {
  const out: ReportFigures = {};
  for (const [row, cols] of Object.entries(t as unknown as Record<string, Record<string, number>>))
    for (const [col, v] of Object.entries(cols)) out[`table2.${row}.${col}`] = v;
  for (const k of missing) out[k] = null;
  return out;
}

/** Tables 3 and 4 as named figures: `table3.<row>.<column>`, `table4.<group>.<column>`. */
export function toFigures(t3: Table3, t4: Table4): ReportFigures {
  const out: ReportFigures = {};
  for (const r of TABLE3_ROW_CODES) for (const [i, c] of TABLE3_COLUMNS.entries()) out[`table3.${r}.${c}`] = t3.rows[r]?.[i] ?? 0;
  for (const [g] of TABLE4_GROUPS) for (const [c] of TABLE4_COLUMNS) out[`table4.${g}.${c}`] = t4[g][c];
  return out;
}
