import type { Generated } from 'kysely';

export type OrganKind = 'government' | 'department' | 'affiliated' | 'other';
export type UnitKind = 'office' | 'business' | 'other';

export interface OrganTable {
  id: Generated<number>;
  code: string;
  name: string;
  short_name: string | null;
  kind: OrganKind;
  parent_id: number | null;
  /** Organisation code (9 chars) or unified social credit code (18 chars) used in index numbers. */
  credit_code: string | null;
  address: string | null;
  phone: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface UnitTable {
  id: Generated<number>;
  organ_id: number;
  name: string;
  kind: UnitKind;
  sort_order: number;
  liaison_user_id: number | null;
  created_at: string;
  updated_at: string;
  version: number;
}

/** The disclosure office of an organ (公开指南: where and how to ask), one row per organ, every field optional. */
export interface OrganSettingsTable {
  organ_id: number;
  /** The office that handles requests (政府信息公开工作机构). */
  office_name: string | null;
  address: string | null;
  postcode: string | null;
  hours: string | null;
  phone: string | null;
  fax: string | null;
  email: string | null;
  website: string | null;
  updated_at: string;
  version: number;
}

export interface OrganTables {
  organs: OrganTable;
  units: UnitTable;
  organ_settings: OrganSettingsTable;
}
