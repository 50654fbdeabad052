// Who may use each route: the declared answer the authorization matrix (authz.matrix.test.ts)
// checks the application against. Every route the application registers must be here; a new
// route without an entry fails the matrix with its name, so that its author has to say who may
// use it. Roles are those of src/modules/staff/staff.roles.ts; the rules they follow are the
// modules' *.policy.ts files (this map states their outcome per URL, and is kept by hand on
// purpose: a policy that changes the answer must change this file too).
import { ROLES, type Role } from '../../src/modules/staff/staff.roles.js';

export type Access =
  /** Anyone, signed in or not (the portal, the request form, sign-in itself). */
  | { kind: 'public' }
  /** A back-office page or form (cookie session), or a JSON API route (bearer token). */
  | {
      kind: 'staff' | 'api';
      /** Roles of the organ the record belongs to that get through the policy. */
      roles: readonly Role[];
      /**
       * organ: the URL names organ A's record, or lists the actor's own organ's records; staff of
       *        another organ are refused a record and never see one of A's in a list.
       * system: the installation's own settings (the working-day calendar), the same for every organ.
       * self: the actor's own account and tokens.
       */
      scope: 'organ' | 'system' | 'self';
      /** The body is multipart (an upload): the probe sends a small file. */
      multipart?: true;
      /** A body that reaches the policy check (instead of an empty form). */
      body?: Record<string, unknown>;
    };

const ALL: readonly Role[] = ROLES;
const BUSINESS: readonly Role[] = ['office_head', 'office_staff', 'liaison', 'leader', 'supervisor'];
const OFFICE: readonly Role[] = ['office_head', 'office_staff'];
const OFFICE_AND_LEADERS: readonly Role[] = ['office_head', 'office_staff', 'leader', 'supervisor'];
const REVIEWERS: readonly Role[] = ['office_head', 'leader'];
const PUBLISHERS: readonly Role[] = ['office_head', 'office_staff', 'leader'];
const READERS: readonly Role[] = BUSINESS;
const CHECKERS: readonly Role[] = ['office_staff', 'office_head', 'leader', 'supervisor'];

const staff = (roles: readonly Role[], scope: 'organ' | 'system' | 'self' = 'organ', more: Partial<Access> = {}): Access =>
  ({ kind: 'staff', roles, scope, ...more }) as Access;
const api = (roles: readonly Role[], more: Partial<Access> = {}): Access =>
  ({ kind: 'api', roles, scope: 'organ', ...more }) as Access;
const PUBLIC: Access = { kind: 'public' };

export const ROUTE_POLICY: Record<string, Access> = {
  // the portal, the public request form and its tracking pages, the public API
  'GET /': PUBLIC,
  'GET /static/*': PUBLIC,
  'GET /statutory': PUBLIC,
  'GET /services': PUBLIC,
  'GET /search': PUBLIC,
  'GET /sitemap.xml': PUBLIC,
  'GET /robots.txt': PUBLIC,
  'GET /prefs': PUBLIC,
  'GET /organs/:code': PUBLIC,
  'GET /organs/:code/guide': PUBLIC,
  'GET /organs/:code/catalogue': PUBLIC,
  'GET /guide': PUBLIC,
  'GET /catalogue': PUBLIC,
  'GET /columns/:id': PUBLIC,
  'GET /columns/:id/feed.xml': PUBLIC,
  'GET /rules': PUBLIC,
  'GET /reports': PUBLIC,
  'GET /apply': PUBLIC,
  'GET /interact': PUBLIC,
  'GET /data': PUBLIC,
  'GET /items/:id': PUBLIC,
  'GET /index/:code/:serial': PUBLIC,
  'GET /index/:indexNo': PUBLIC,
  'GET /:organ/xxgk/:code/:serial': PUBLIC,
  'GET /attachments/:id': PUBLIC,
  'GET /attachments/:id/:name': PUBLIC,
  'GET /requests/new': PUBLIC,
  'POST /requests/new': PUBLIC,
  'GET /requests/track/:token': PUBLIC,
  'GET /requests/track/:token/files/:file': PUBLIC,
  'GET /requests/track/:token/letters/:letter': PUBLIC,
  'GET /api/v1/search': PUBLIC,
  'GET /api/v1/openapi.json': PUBLIC,
  'GET /api/docs': PUBLIC,
  'GET /healthz': PUBLIC,
  'GET /staff/login': PUBLIC,
  'POST /staff/login': PUBLIC,
  'POST /staff/logout': PUBLIC,

  // the back office: home, own account, own API tokens
  'GET /staff': staff(ALL, 'self'),
  'GET /staff/account/password': staff(ALL, 'self'),
  'POST /staff/account/password': staff(ALL, 'self'),
  'GET /staff/tokens': staff(ALL, 'self'),
  'POST /staff/tokens': staff(ALL, 'self'),
  // the token belongs to organ A's clerk (office_staff); the administrator of the organ may revoke it too
  'POST /staff/tokens/:id/revoke': staff(['admin', 'office_staff']),

  // organs, units, users (staff.policy.ts): every member of staff reads their own organ and its units
  'GET /staff/organs': staff(ALL),
  'GET /staff/organs/new': staff(['admin']),
  'POST /staff/organs': staff(['admin']),
  'GET /staff/organs/:id': staff(ALL),
  'POST /staff/organs/:id': staff(['admin']),
  'GET /staff/organs/:id/settings': staff(['admin', 'office_head']),
  'POST /staff/organs/:id/settings': staff(['admin', 'office_head']),
  'GET /staff/organs/:id/units/new': staff(['admin']),
  'POST /staff/organs/:id/units': staff(['admin']),
  'GET /staff/units/:id': staff(ALL),
  'POST /staff/units/:id': staff(['admin']),
  'GET /staff/users': staff(['admin']),
  'GET /staff/users/new': staff(['admin']),
  'POST /staff/users': staff(['admin']),
  'GET /staff/users/:id': staff(['admin']),
  'POST /staff/users/:id': staff(['admin']),
  'POST /staff/users/:id/roles': staff(['admin']),
  'GET /staff/security': staff(['security_officer']),
  'POST /staff/users/:id/unlock': staff(['security_officer']),
  'POST /staff/users/:id/password': staff(['security_officer']),
  'GET /staff/audit': staff(['audit_officer']),
  'GET /staff/audit/verify': staff(['audit_officer']),

  // the working-day calendar is the installation's: everyone reads it, a root organ's administrator edits it
  'GET /staff/calendar': staff(ALL, 'system'),
  'GET /staff/calendar/check': staff(ALL, 'system'),
  'POST /staff/calendar/overrides': staff(['admin'], 'system'),
  'POST /staff/calendar/overrides/bulk': staff(['admin'], 'system'),
  'POST /staff/calendar/overrides/:date/delete': staff(['admin'], 'system'),
  // the outbox: each administrator sees and retries the messages of their own organ and those below
  // it (another organ's list never shows A's message, A's message is refused to B's administrator)
  'GET /staff/outbox': staff(['admin']),
  'POST /staff/outbox/:id/retry': staff(['admin']),

  // publications (publications.policy.ts); the draft was written by organ A's clerk
  'GET /staff/publications': staff(BUSINESS),
  'GET /staff/publications/new': staff(BUSINESS),
  'POST /staff/publications': staff(BUSINESS),
  'GET /staff/publications/:id': staff(BUSINESS),
  'GET /staff/publications/:id/edit': staff(OFFICE),
  'POST /staff/publications/:id/edit': staff(OFFICE),
  'GET /staff/publications/:id/submit': staff(BUSINESS),
  'POST /staff/publications/:id/submit': staff(OFFICE),
  'GET /staff/publications/:id/return': staff(BUSINESS),
  'POST /staff/publications/:id/return': staff(REVIEWERS),
  'GET /staff/publications/:id/approve': staff(BUSINESS),
  'POST /staff/publications/:id/approve': staff(REVIEWERS),
  'GET /staff/publications/:id/schedule': staff(BUSINESS),
  'POST /staff/publications/:id/schedule': staff(PUBLISHERS),
  'GET /staff/publications/:id/publish': staff(BUSINESS),
  'POST /staff/publications/:id/publish': staff(PUBLISHERS),
  'GET /staff/publications/:id/withdraw': staff(BUSINESS),
  'POST /staff/publications/:id/withdraw': staff(REVIEWERS),
  'GET /staff/publications/:id/revise': staff(BUSINESS),
  'POST /staff/publications/:id/revise': staff(OFFICE),
  'GET /staff/publications/:id/attachments': staff(BUSINESS),
  'POST /staff/publications/:id/attachments': staff(OFFICE, 'organ', { multipart: true }),
  'POST /staff/publications/:id/attachments/:aid/remove': staff(OFFICE),
  'POST /staff/publications/:id/import-docx': staff(OFFICE, 'organ', { multipart: true }),
  'GET /staff/attachments/:id': staff(BUSINESS),
  'GET /staff/attachments/:id/:name': staff(BUSINESS),
  'GET /staff/publications/:id/channels': staff(BUSINESS),
  // (these two act on a published item of A)
  'POST /staff/publications/:id/channels': staff(PUBLISHERS),
  'POST /staff/publications/:id/wechat': staff(PUBLISHERS),
  'GET /staff/registers': staff(BUSINESS),
  'GET /staff/registers/deliveries': staff(BUSINESS),
  'POST /staff/registers/deliveries': staff(OFFICE),
  'GET /staff/registers/conferences': staff(BUSINESS),
  'POST /staff/registers/conferences': staff(OFFICE),

  // requests (requests.policy.ts); the case is assigned to no unit of the liaison
  'GET /staff/requests': staff(BUSINESS),
  'GET /staff/requests/new': staff(OFFICE),
  'POST /staff/requests/new': staff(OFFICE),
  'GET /staff/requests/register': staff(OFFICE_AND_LEADERS),
  'GET /staff/requests/:id': staff(OFFICE_AND_LEADERS),
  'POST /staff/requests/:id/note': staff(OFFICE_AND_LEADERS),
  'POST /staff/requests/:id/:action': staff(OFFICE),
  'GET /staff/requests/:id/letters/preview': staff(OFFICE),
  'POST /staff/requests/:id/letters': staff(OFFICE),
  'GET /staff/requests/:id/letters/:letter': staff(OFFICE_AND_LEADERS),
  'GET /staff/requests/:id/letters/:letter/print': staff(OFFICE_AND_LEADERS),
  'POST /staff/requests/:id/letters/:letter/delivery': staff(OFFICE),
  'POST /staff/requests/:id/fee': staff(OFFICE),
  'POST /staff/requests/:id/files': staff(OFFICE, 'organ', { multipart: true }),
  'GET /staff/requests/:id/files/:file': staff(OFFICE_AND_LEADERS),

  // appeals and imports
  'GET /staff/appeals': staff(OFFICE_AND_LEADERS),
  'GET /staff/appeals/new': staff(OFFICE),
  'POST /staff/appeals': staff(OFFICE),
  'POST /staff/appeals/totals': staff(OFFICE),
  'GET /staff/appeals/:id/edit': staff(OFFICE),
  'POST /staff/appeals/:id/edit': staff(OFFICE),
  'GET /staff/imports': staff(OFFICE),
  'POST /staff/imports': staff(OFFICE),

  // the annual report (reports.publishing.ts): the pages name a year of the actor's own organ's
  // report, so staff of another organ reach their own organ's report at the same URL ('self')
  'GET /assets/report.css': PUBLIC,
  'GET /staff/reports': staff(READERS, 'self'),
  'GET /staff/reports/:year': staff(READERS, 'self'),
  'GET /staff/reports/:year/report.:ext': staff(READERS, 'self'),
  'GET /staff/reports/:year/records': staff(READERS, 'self'),
  'GET /staff/reports/:year/edit': staff(OFFICE, 'self'),
  'POST /staff/reports/:year/edit': staff(OFFICE, 'self'),
  'GET /staff/reports/:year/figures': staff(OFFICE, 'self'),
  'POST /staff/reports/:year/figures': staff(OFFICE, 'self'),
  'POST /staff/reports/:year/submit': staff(OFFICE, 'self'),
  'POST /staff/reports/:year/return': staff(REVIEWERS, 'self'),
  'POST /staff/reports/:year/approve': staff(REVIEWERS, 'self'),
  'GET /staff/reports/:year/aggregate': staff(['office_head', 'leader', 'supervisor', 'admin'], 'self'),
  // the report checker (checker.policy.ts): runs belong to the organ whose staff ran them
  'GET /staff/reports/check': staff(CHECKERS, 'self'),
  'POST /staff/reports/check': staff(CHECKERS, 'self', { multipart: true }),
  'GET /staff/reports/check/:id': staff(CHECKERS),
  'POST /staff/reports/check/:id/review': staff(CHECKERS),
  'POST /staff/reports/check/subordinates': staff(['supervisor'], 'self'),

  // the JSON API (bearer tokens, the holder's roles)
  'GET /api/v1/requests': api(BUSINESS),
  'POST /api/v1/requests': api(OFFICE),
  'GET /api/v1/requests/:reference': api(OFFICE_AND_LEADERS),
  'POST /api/v1/requests/:reference/events': api(OFFICE, { body: { action: 'assign', version: 1 } }),
};
