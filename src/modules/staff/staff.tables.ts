import type { Generated } from 'kysely';

export interface UserTable {
  id: Generated<number>;
  organ_id: number;
  unit_id: number | null;
  username: string;
  display_name: string;
  password_hash: string;
  /** 1 = active, 0 = disabled. */
  active: number;
  failed_logins: number;
  locked_until: string | null;
  password_changed_at: string;
  last_login_at: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface UserRoleTable {
  user_id: number;
  role: string;
}

export interface StaffTables {
  users: UserTable;
  user_roles: UserRoleTable;
}
