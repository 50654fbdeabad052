// The database as Kysely sees it: every module's tables, composed in one place.

import type { AttachmentTables } from './modules/attachments/attachments.tables.js';
import type { AuthTables } from './modules/auth/auth.tables.js';
import type { CalendarTables } from './modules/calendar/calendar.tables.js';
import type { OrganTables } from './modules/organs/organs.tables.js';
import type { PublicationTables } from './modules/publications/publications.tables.js';
import type { RequestTables } from './modules/requests/requests.tables.js';
import type { SearchTables } from './modules/search/search.tables.js';
import type { StaffTables } from './modules/staff/staff.tables.js';
import type { ApiTokenTables } from './modules/tokens/tokens.tables.js';
import type { AuditTables } from './platform/audit/audit.tables.js';

export interface Database
  extends ApiTokenTables,
    AttachmentTables,
    AuditTables,
    AuthTables,
    CalendarTables,
    OrganTables,
    PublicationTables,
    RequestTables,
    SearchTables,
    StaffTables {}
