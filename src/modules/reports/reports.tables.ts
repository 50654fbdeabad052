import type { Generated } from 'kysely';
import type { ReportState } from './reports.workflow.js';

/** An organ's annual report for a year: its edited text, approval and published snapshot. */
export interface AnnualReportTable {
  id: Generated<number>;
  organ_id: number;
  year: number;
  format: string;
  /** reports.workflow.ts: draft → submitted → published. */
  state: ReportState;
  /** JSON ReportSection[] (placeholders kept). */
  sections: string | null;
  /** JSON AnnualReport frozen when published. */
  snapshot: string | null;
  publication_id: number | null;
  created_by: number | null;
  submitted_by: number | null;
  approved_by: number | null;
  approved_at: string | null;
  published_at: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

/** A figure no register holds yet, entered by staff for a year's report. */
export interface ReportFigureTable {
  id: Generated<number>;
  organ_id: number;
  year: number;
  key: string;
  value: string;
  note: string | null;
  entered_by: number | null;
  entered_at: string;
}

/** One run of the report checker. */
export interface ReportCheckTable {
  id: Generated<number>;
  organ_id: number;
  subject_organ_id: number | null;
  subject_name: string | null;
  year: number | null;
  format: string | null;
  source_kind: 'html' | 'docx' | 'generated';
  source_name: string | null;
  result: string;
  created_by: number | null;
  created_at: string;
}

/** Staff's decision on one finding of a checker run. */
export interface ReportFindingReviewTable {
  id: Generated<number>;
  check_id: number;
  finding_key: string;
  decision: 'confirmed' | 'dismissed';
  note: string | null;
  decided_by: number | null;
  decided_at: string;
}

export interface ReportTables {
  annual_reports: AnnualReportTable;
  report_figures: ReportFigureTable;
  report_checks: ReportCheckTable;
  report_finding_reviews: ReportFindingReviewTable;
}
