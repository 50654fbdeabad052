// The outcome codes of a closed disclosure request: the table-3 rows of report-format.md from `granted`
// to `other.other`, in that order (a contract shared with the annual report and the imports).

export const OUTCOME_CODES = [
  'granted',
  'partial',
  'withheld.state_secret',
  'withheld.law_prohibits',
  'withheld.three_safeties',
  'withheld.third_party',
  'withheld.internal_affairs',
  'withheld.process_info',
  'withheld.enforcement_file',
  'withheld.query_matter',
  'unable.not_held',
  'unable.needs_creation',
  'unable.still_unclear',
  'declined.petition',
  'declined.duplicate',
  'declined.publication',
  'declined.excessive',
  'declined.confirmation',
  'other.no_correction',
  'other.fee_unpaid',
  'other.other',
] as const;

export type OutcomeCode = (typeof OUTCOME_CODES)[number];

export function isOutcomeCode(v: unknown): v is OutcomeCode {
  return typeof v === 'string' && (OUTCOME_CODES as readonly string[]).includes(v);
}

export const APPLICANT_TYPES = [
  'natural_person',
  'commercial',
  'research',
  'public_interest',
  'legal_services',
  'other_org',
] as const;
export type ApplicantType = (typeof APPLICANT_TYPES)[number];
