// The annual report as data (PURE types): the JSON of `gongkai report annual --format json`
// (report-format.md, a contract) and what the renderers, the narrative, the checks and the
// checker share. Every figure in it is read from the records (or entered by staff where no
// register holds it yet, and then marked as such in `figures`).
import type { ReportFormat, Table3Column, Table3Row, Table4Column, Table4Group } from './reports.codes.js';

export interface ReportOrgan {
  code: string;
  name: string;
  /** organs.kind: 'government' publishes by 31 March, others by 31 January (Art 49). */
  kind: string;
}

/** Table 2, 2021 format (report-format.md). */
export interface Table2_2021 {
  rules: { issued: number; repealed: number; in_force: number };
  normative_documents: { issued: number; repealed: number; in_force: number };
  licensing: { decisions: number };
  penalty: { decisions: number };
  compulsion: { decisions: number };
  /** A decimal, in 万元 (e.g. 2.02). */
  fees: { amount_wan_yuan: number };
}

/** Table 2, 2019 trial format (norms.md §2.4.2). */
export interface Table2_2019 {
  rules: { made: number; published: number; total_public: number };
  normative_documents: { made: number; published: number; total_public: number };
  licensing: { previous_items: number; change: number; decisions: number };
  other_services: { previous_items: number; change: number; decisions: number };
  penalty: { previous_items: number; change: number; decisions: number };
  compulsion: { previous_items: number; change: number; decisions: number };
  fees: { previous_items: number; change: number };
  procurement: { projects: number; amount: number };
}

export interface Table3 {
  columns: Table3Column[];
  /** Every row present, values in the order of `columns`, zeros included. */
  rows: Record<Table3Row, number[]>;
}

export type Table4 = Record<Table4Group, Record<Table4Column, number>>;

/** Named figures of a report, beyond tables 2–4, keyed by a dotted name (`proactive.total`,
 * `proactive.channel.wechat`, `requests.on_time`, `appeals.reconsideration_share`, …). They feed the
 * narrative's `{{name}}` placeholders, the pre-2019 report (the 2014 statistics form, norms.md §2.5)
 * and the charts. `null` = no register holds it: a sentence that states it is omitted, never faked.
 * Core adds the tables' figures as `table3.<row>.<column>` and `table4.<group>.<column>`. */
export type ReportFigures = Record<string, number | null>;

/** A source of figures for the report. Each register (channels, registers, requests, later
 * inspections, proposals, messages, …) contributes its own, registered in the composition root, so
 * a new register adds its figures without touching the report's core. */
export interface ReportContributor {
  /** A short name, e.g. 'proactive', 'requests', 'appeals'. */
  name: string;
  /** The figure keys it can provide (null values allowed), for validation of placeholders. */
  keys: readonly string[];
  contribute(input: { organId: number; year: number; format: ReportFormat }): Promise<ReportFigures>;
}

/** A figure no register of the system holds, entered by staff for the report (report_figures). */
export interface EnteredFigure {
  key: string;
  value: number;
  enteredBy: string;
  enteredAt: string;
  note: string | null;
}

export type CheckState = 'pass' | 'fail' | 'uncertain' | 'not_assessable';

export interface CheckEvidence {
  /** e.g. `table3.received.total`, `table4.reconsideration.total`. */
  cells?: Array<{ ref: string; value: number | null }>;
  sentences?: string[];
}

/** A consistency check (勾稽) on a report: `ok` is the contract's field; `state` the checker's. */
export interface ReportCheck {
  code: string;
  ok: boolean;
  state: CheckState;
  message: string;
  evidence?: CheckEvidence;
}

/** A section of free text; `{{figure.name}}` placeholders are resolved from the report's figures
 * before rendering (renderers receive resolved text), so an edit keeps its figures live. Paragraphs
 * are separated by a blank line; a line starting with （一）… or 一、… is a sub-heading. */
export interface ReportSection {
  key: string;
  heading: string;
  text: string;
}

export interface AnnualReport {
  organ: ReportOrgan;
  year: number;
  format: ReportFormat;
  /** Table2_2021 for '2021'; Table2_2019 for '2019'; Table2_2021-shaped figures for 'pre2019'. */
  table2: Table2_2021 | Table2_2019;
  table3: Table3;
  table4: Table4;
  checks: ReportCheck[];
  /** Every named figure (contributors' and the tables'). */
  figures?: ReportFigures;
  sections?: ReportSection[];
  /** Figures entered by staff (no register holds them yet), by key. */
  entered?: EnteredFigure[];
  /** Publication deadline (Art 49) and the report's state in the system. */
  deadline?: string;
  generatedAt?: string;
}
