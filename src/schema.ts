// The database as Kysely sees it: every module's tables, composed in one place.

import type { AppealTables } from './modules/appeals/appeals.tables.js';
import type { AttachmentTables } from './modules/attachments/attachments.tables.js';
import type { AuthTables } from './modules/auth/auth.tables.js';
import type { CalendarTables } from './modules/calendar/calendar.tables.js';
import type { ChannelTables } from './modules/channels/channels.tables.js';
import type { OrganTables } from './modules/organs/organs.tables.js';
import type { PublicationTables } from './modules/publications/publications.tables.js';
import type { ReportTables } from './modules/reports/reports.tables.js';
import type { CaseworkTables } from './modules/requests/casework.tables.js';
import type { RequestTables } from './modules/requests/requests.tables.js';
import type { SearchTables } from './modules/search/search.tables.js';
import type { StaffTables } from './modules/staff/staff.tables.js';
import type { ApiTokenTables } from './modules/tokens/tokens.tables.js';
import type { AuditTables } from './platform/audit/audit.tables.js';
import type { OutboxTables } from './platform/outbox/outbox.tables.js';

export interface Database
  extends ApiTokenTables,
    AppealTables,
    AttachmentTables,
    AuditTables,
    AuthTables,
    CaseworkTables,
    CalendarTables,
    ChannelTables,
    OrganTables,
    OutboxTables,
    PublicationTables,
    ReportTables,
    RequestTables,
    SearchTables,
    StaffTables {}
