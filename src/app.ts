// The composition root: builds services from dependencies and registers every module, in one list.
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance, type RouteOptions } from 'fastify';
import { createAppealService } from './modules/appeals/appeals.service.js';
import { appealRoutes } from './modules/appeals/appeals.staff.routes.js';
import { attachmentRoutes } from './modules/attachments/attachments.routes.js';
import { createAttachmentService } from './modules/attachments/attachments.service.js';
import { createAuditService } from './modules/audit/audit.service.js';
import { auditRoutes } from './modules/audit/audit.staff.routes.js';
import { createViewCtx, registerAuthHooks } from './modules/auth/auth.http.js';
import { authRoutes } from './modules/auth/auth.routes.js';
import { createAuthService } from './modules/auth/auth.service.js';
import { backofficeRoutes } from './modules/backoffice/backoffice.routes.js';
import { createCalendarService } from './modules/calendar/calendar.service.js';
import { calendarRoutes } from './modules/calendar/calendar.staff.routes.js';
import { createChannelService } from './modules/channels/channels.service.js';
import { channelRoutes } from './modules/channels/channels.staff.routes.js';
import { createRegisterService } from './modules/channels/registers.service.js';
import { registerRoutes } from './modules/channels/registers.staff.routes.js';
import { createDemoData } from './modules/demo/demo.2017.js';
import { createImportService } from './modules/imports/imports.service.js';
import { importRoutes } from './modules/imports/imports.staff.routes.js';
import { registerNotifyHandlers } from './modules/notify/notify.js';
import { createOrganService } from './modules/organs/organs.service.js';
import { organRoutes } from './modules/organs/organs.staff.routes.js';
import { createOutboxAdmin } from './modules/outbox/outbox.service.js';
import { outboxRoutes } from './modules/outbox/outbox.staff.routes.js';
import { AUDIT_HEAD, auditHead, type PortalCacheOptions, registerPortalCache } from './modules/portal/portal.cache.js';
import { portalRoutes } from './modules/portal/portal.routes.js';
import { prefsRoutes } from './modules/portal/prefs.routes.js';
import { seedStandardColumns } from './modules/publications/catalogue.service.js';
import { createPublicCatalogue } from './modules/publications/publications.public.js';
import { createPublicationService } from './modules/publications/publications.service.js';
import { publicationStaffRoutes } from './modules/publications/publications.staff.routes.js';
import { createReportCheckerService } from './modules/reports/checker.service.js';
import { checkerRoutes } from './modules/reports/checker.staff.routes.js';
import { createReportBuilder } from './modules/reports/reports.builder.js';
import { reportContributors } from './modules/reports/reports.figures.js';
import { createReportPublishing } from './modules/reports/reports.publishing.js';
import { createReportRecords } from './modules/reports/reports.records.js';
import { createReportsService } from './modules/reports/reports.service.js';
import { reportRoutes } from './modules/reports/reports.staff.routes.js';
import { createRequestBulkLoader } from './modules/requests/casework.bulk.js';
import { createRequestFileService } from './modules/requests/casework.files.js';
import { createLetterService } from './modules/requests/casework.letters.js';
import { caseworkRoutes } from './modules/requests/casework.routes.js';
import { requestApiRoutes } from './modules/requests/requests.api.js';
import { createRequestApiQueries } from './modules/requests/requests.api.queries.js';
import { acknowledgeByMail } from './modules/requests/requests.notices.js';
import { openApiRoutes } from './modules/requests/requests.openapi.routes.js';
import { requestPublicRoutes } from './modules/requests/requests.public.routes.js';
import { createRequestReminders } from './modules/requests/requests.reminders.js';
import { createRequestService } from './modules/requests/requests.service.js';
import { requestStaffRoutes } from './modules/requests/requests.staff.routes.js';
import { createSearchIndex } from './modules/search/search.index.js';
import { createPublicationSearch } from './modules/search/search.publications.js';
import { searchRoutes } from './modules/search/search.routes.js';
import { createStaffService } from './modules/staff/staff.service.js';
import { staffRoutes } from './modules/staff/staff.staff.routes.js';
import { tokenRoutes } from './modules/tokens/tokens.routes.js';
import { createTokenService } from './modules/tokens/tokens.service.js';
import { createStampedMemo } from './platform/db/stamped.js';
import type { Deps } from './platform/deps.js';
import { registerErrorHandling } from './platform/http/error-handler.js';
import { toTraditional } from './platform/http/hant.js';
import { registerRequestBasics } from './platform/http/request.js';
import { registerSecurityHeaders } from './platform/http/security-headers.js';
import { DebugRequestLog, type LogSink, maskingDestination } from './platform/logging.js';
import { createMailer } from './platform/mail/mail.js';
import { createOutbox } from './platform/outbox/outbox.js';
import { createSmsGateway } from './platform/sms/sms.js';

/** Where services write what no one is waiting for (an outbox delivery that failed); the app's logger. */
export interface ServiceOptions {
  log?: { error(obj: object, msg: string): void };
}

export function createServices(deps: Deps, opts: ServiceOptions = {}) {
  // a new organ starts with the national standard catalogue, in the same transaction
  const organs = createOrganService(deps, { onCreated: (tx, ctx, id, at) => seedStandardColumns(tx, deps, ctx, id, at) });
  // open requests' due dates follow the calendar (a holiday added later moves them)
  const calendar = createCalendarService(deps, { onChanged: () => requests.recomputeOpen() });
  // each search reads the content stamp too: the public search gets the memo of organs as of it
  const searchIndex = createSearchIndex(deps.db, deps.dialect, { stamp: AUDIT_HEAD });
  // attachments' text is indexed with their item (the attachments service is built below)
  const publicationSearch = createPublicationSearch(deps, {
    index: searchIndex,
    extraText: (id) => attachments.textOf(id),
  });
  // side effects after commit; modules register their topics' handlers on it
  const outbox = createOutbox(deps, {}, opts.log ? { log: opts.log } : {});
  const publications = createPublicationService(deps, {
    calendar,
    organs,
    // the index follows every committed step at once; publicationSearch.reconcile catches up after a crash
    onCommitted: (ids) => publicationSearch.sync(ids),
    onPublished: (tx, row) => channels.onPublished(tx, row),
  });
  const channels = createChannelService(deps, { publications, outbox });
  const attachments = createAttachmentService(deps, { organs, publications });
  const requests = createRequestService(deps, {
    calendar,
    organs,
    // the applicant gets the reference and the private tracking link by mail (when they gave an address)
    onCreated: async (tx, row, token, at) => {
      await acknowledgeByMail(tx, deps.config, row, token, at);
    },
  });
  registerNotifyHandlers(outbox, {
    config: deps.config,
    mailer: createMailer(deps.config),
    sms: createSmsGateway(deps.config.sms),
  });
  const appeals = createAppealService(deps);
  const auth = createAuthService(deps, { organs });
  const registers = createRegisterService(deps, { publications });
  const caseLetters = createLetterService(deps, { organs });
  // the annual report (issue 5): every register adds its figures as a contributor here
  const contributors = reportContributors({ publications, channels, registers, requests, caseLetters, appeals });
  const reports = createReportsService({ ...deps, organs, publications, appeals, contributors });
  const reportBuilder = createReportBuilder(deps, { reports, contributors });
  return {
    organs,
    staff: createStaffService(deps, { organs }),
    auth,
    calendar,
    audit: createAuditService(deps),
    publications,
    attachments,
    searchIndex,
    publicationSearch,
    requests,
    requestReminders: createRequestReminders(deps, { calendar }),
    channels,
    registers,
    // organs and column trees kept per process under the content stamp (ADR 0014); related items
    // are read as stored by publicationSearch when items are indexed
    publicCatalogue: createPublicCatalogue(deps, {
      memo: createStampedMemo(() => auditHead(deps.db)),
    }),
    outbox,
    outboxAdmin: createOutboxAdmin(deps, outbox),
    demoData: createDemoData(deps),
    appeals,
    imports: createImportService(deps, { organs, requests, appeals }),
    caseLetters,
    requestsBulk: createRequestBulkLoader(deps),
    requestFiles: createRequestFileService(deps, { organs }),
    tokens: createTokenService(deps, { auth }),
    requestApi: createRequestApiQueries(deps, { calendar, organs }),
    reports,
    reportBuilder,
    reportPublishing: createReportPublishing(deps, { builder: reportBuilder, publications, attachments, organs }),
    reportRecords: createReportRecords(deps, { reports, appeals, publications }),
    reportChecker: createReportCheckerService(deps, { organs }),
  };
}
export type Services = ReturnType<typeof createServices>;

export interface AppOptions {
  /**
   * The log (pino through Fastify): a level, and where lines go (standard output unless given).
   * Identity numbers are masked in every line (platform/logging.ts); per-request lines at `debug`.
   */
  logger?: boolean | { level: string; stream?: LogSink };
  /** Called for every route as it is registered (the security suite enumerates the route table). */
  onRoute?: (route: RouteOptions) => void;
  /** The cache of anonymous public pages (ADR 0013); off unless given (the server turns it on). */
  pageCache?: PortalCacheOptions | false;
}

export async function buildApp(
  deps: Deps,
  opts: AppOptions = {},
): Promise<{ app: FastifyInstance; services: Services; pageCache?: ReturnType<typeof registerPortalCache> | undefined }> {
  const { config } = deps;
  const log = opts.logger === true ? { level: 'info' } : opts.logger || undefined;
  const app = Fastify({
    logger: log ? { level: log.level, stream: maskingDestination(log.stream) } : false,
    // a hop count trusts that many proxies nearest to the app, and no address a client wrote
    trustProxy:
      typeof config.trustProxy === 'number'
        ? (_addr: string, hop: number) => hop < (config.trustProxy as number)
        : config.trustProxy,
    genReqId: () => randomUUID(),
    bodyLimit: 1024 * 1024,
    // per-request lines only at debug; errors are logged by the error handler with their request id
    logController: new DebugRequestLog(),
  });
  const services = createServices(deps, log ? { log: app.log } : {});
  if (opts.onRoute) app.addHook('onRoute', opts.onRoute);

  registerSecurityHeaders(app, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        ...(config.secureCookies ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    hsts: config.secureCookies,
    crossOriginEmbedderPolicy: false,
    referrerPolicy: { policy: 'same-origin' },
  });
  await app.register(cookie);
  await app.register(formbody, { bodyLimit: 256 * 1024 });
  // Multipart bodies are streamed by the routes that take files (attachments.routes.tsx, which
  // check CSRF themselves); elsewhere they carry no token and are refused by the CSRF check.
  await app.register(multipart, {
    throwFileSizeLimit: false,
    limits: { fileSize: config.uploadMaxBytes + 1, files: 1, fields: 10, fieldSize: 16 * 1024, parts: 12, headerPairs: 50 },
  });
  await app.register(rateLimit, { global: false });
  await app.register(fastifyStatic, {
    root: fileURLToPath(new URL('./ui/static/', import.meta.url)),
    prefix: '/static/',
    maxAge: '1h',
  });

  registerRequestBasics(app, { secure: config.secureCookies });
  registerAuthHooks(app, services.auth);
  const viewCtx = createViewCtx(services.auth, services.organs);
  registerErrorHandling(app, viewCtx);

  // Caching: back-office pages are never stored; public pages vary with the display cookies.
  // 简→繁 for every HTML page.
  app.addHook('onSend', (req, reply, payload, done) => {
    if (req.url.startsWith('/staff')) reply.header('cache-control', 'no-store');
    else if (!reply.hasHeader('vary')) reply.header('vary', 'Cookie');
    if (req.script !== 'hant' || typeof payload !== 'string') return done(null, payload);
    const type = reply.getHeader('content-type');
    if (typeof type !== 'string' || !type.startsWith('text/html')) return done(null, payload);
    done(null, toTraditional(payload));
  });
  const pageCache = opts.pageCache ? registerPortalCache(app, deps.db, opts.pageCache) : undefined;

  const r: RouteDeps = { ...services, viewCtx, config, clock: deps.clock };
  // Every module, in one visible list.
  prefsRoutes(app);
  portalRoutes(app, r);
  authRoutes(app, { auth: services.auth, viewCtx, config });
  backofficeRoutes(app, r);
  organRoutes(app, r);
  staffRoutes(app, r);
  calendarRoutes(app, r);
  auditRoutes(app, r);
  publicationStaffRoutes(app, r);
  searchRoutes(app, r);
  requestPublicRoutes(app, r);
  attachmentRoutes(app, r);
  requestStaffRoutes(app, r);
  outboxRoutes(app, r);
  channelRoutes(app, r);
  registerRoutes(app, r);
  appealRoutes(app, r);
  importRoutes(app, r);
  caseworkRoutes(app, r);
  tokenRoutes(app, r);
  requestApiRoutes(app, r);
  openApiRoutes(app, r);
  checkerRoutes(app, r);
  reportRoutes(app, r);

  app.get('/healthz', async () => ({ ok: true }));
  return { app, services, pageCache };
}

export type RouteDeps = Services & { viewCtx: ReturnType<typeof createViewCtx>; config: Deps['config']; clock: Deps['clock'] };
