export interface CalendarOverrideTable {
  date: string;
  /** 1 = working day, 0 = day off. */
  working: number;
  notice: string;
  note: string | null;
  updated_by: number | null;
  updated_at: string;
}

export interface CalendarTables {
  calendar_overrides: CalendarOverrideTable;
}
