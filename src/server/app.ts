// buildApp: the Fastify application over already-built services. Tests call it and use inject().
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyServerOptions } from 'fastify';
import { pendingMigrations } from '../db/migrator.js';
import { attachmentsRoutes } from '../modules/attachments/attachments.routes.js';
import { auditRoutes } from '../modules/audit/audit.routes.js';
import { auditProgrammeRoutes } from '../modules/audits/audits.routes.js';
import { authRoutes } from '../modules/auth/auth.routes.js';
import { catalogueRoutes } from '../modules/catalogue/catalogue.routes.js';
import { changeCalendarRoutes } from '../modules/changes/change-calendar.routes.js';
import { changesRoutes } from '../modules/changes/changes.routes.js';
import { complaintsRoutes } from '../modules/complaints/complaints.routes.js';
import { complianceRoutes } from '../modules/compliance/compliance.routes.js';
import { documentsRoutes } from '../modules/documents/documents.routes.js';
import { groupsRoutes } from '../modules/groups/groups.routes.js';
import { importsRoutes } from '../modules/imports/imports.routes.js';
import { improvementsRoutes } from '../modules/improvements/improvements.routes.js';
import { kpiExportRoutes } from '../modules/kpis/export/export.routes.js';
import { kpisRoutes } from '../modules/kpis/kpis.routes.js';
import { managementReviewsRoutes } from '../modules/management-reviews/management-reviews.routes.js';
import { notificationsRoutes } from '../modules/notifications/notifications.routes.js';
import { operationsRoutes } from '../modules/operations/operations.routes.js';
import { organisationsRoutes } from '../modules/organisations/organisations.routes.js';
import { problemsRoutes } from '../modules/problems/problems.routes.js';
import { releasesRoutes } from '../modules/releases/releases.routes.js';
import { reportsRoutes } from '../modules/reports/reports.routes.js';
import { strategyDeckRoutes } from '../modules/reports/strategy-deck/strategy-deck.routes.js';
import { slaRoutes } from '../modules/sla/sla.routes.js';
import { surveysRoutes } from '../modules/surveys/surveys.routes.js';
import { ticketsRoutes } from '../modules/tickets/tickets.routes.js';
import { trainingRoutes } from '../modules/training/training.routes.js';
import { usersRoutes } from '../modules/users/users.routes.js';
import { uuidv7 } from '../shared/ids.js';

// Request ids: unique per node start, then a counter — cheaper than a UUID on every request and
// still unique across nodes for following a request through the logs.
const nodePrefix = uuidv7().slice(-12);
let requestCounter = 0;
const nextRequestId = () => `${nodePrefix}-${(requestCounter++).toString(36)}`;

import { registerApiDocs } from './http/api-docs.js';
import { registerAuthentication } from './http/authentication.js';
import { registerIdempotency } from './http/idempotency.js';
import { createMetrics, registerMetrics } from './http/metrics.js';
import { registerNotFound, registerProblemHandlers } from './http/problem.js';
import { registerSecurityHeaders } from './http/security-headers.js';
import { registerWebApp } from './http/web-app.js';
import type { Services } from './services.js';

const here = path.dirname(fileURLToPath(import.meta.url));
/** The repository root, from src/server (tsx) or dist/src/server (built). */
export const projectRoot =
  [path.resolve(here, '../..'), path.resolve(here, '../../..')].find((dir) =>
    fs.existsSync(path.join(dir, 'package.json')),
  ) ?? process.cwd();

export const appVersion: string = JSON.parse(
  fs.readFileSync(path.join(projectRoot, 'package.json'), 'utf8'),
).version;

export interface AppOptions {
  logger?: FastifyServerOptions['logger'];
  /** Where the built web app is; defaults to dist/web. */
  webRoot?: string;
}

export async function buildApp(services: Services, options: AppOptions = {}) {
  const { config } = services;
  const app = Fastify({
    logger: options.logger ?? false,
    trustProxy: config.trustProxy,
    bodyLimit: 1024 * 1024,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w.-]{1,100}$/.test(given) ? given : nextRequestId();
    },
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', allErrors: true } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  registerProblemHandlers(app);
  registerSecurityHeaders(app);
  await registerApiDocs(app, appVersion);
  const metrics = createMetrics();
  registerMetrics(app, metrics, () => services.jobs.counts());

  app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }));
  app.get('/readyz', { schema: { hide: true } }, async (_request, reply) => {
    try {
      await services.database.ping();
      const pending = await pendingMigrations(services.database);
      if (pending.length) return reply.status(503).send({ status: 'migrations pending', pending });
      return { status: 'ready', database: services.database.engine };
    } catch {
      return reply.status(503).send({ status: 'database unreachable' });
    }
  });

  await app.register(
    async (api) => {
      registerAuthentication(api, services.auth);
      registerIdempotency(api, { db: services.db, clock: services.clock });
      await api.register(authRoutes, {
        auth: services.auth,
        users: services.users,
        secureCookies: config.secureCookies,
      });
      await api.register(usersRoutes, { users: services.users });
      await api.register(groupsRoutes, { groups: services.groups });
      await api.register(organisationsRoutes, { organisations: services.organisations });
      await api.register(auditRoutes, { audit: services.audit });
      await api.register(operationsRoutes, { operations: services.operations });
      await api.register(slaRoutes, {
        calendars: services.calendars,
        policies: services.policies,
        clocks: services.clocks,
      });
      await api.register(catalogueRoutes, { catalogue: services.catalogue });
      await api.register(attachmentsRoutes, { attachments: services.attachments });
      await api.register(ticketsRoutes, {
        tickets: services.tickets,
        deskSettings: services.deskSettings,
        reviews: services.reviews,
      });
      await api.register(notificationsRoutes, { notifications: services.notifications });
      await api.register(surveysRoutes, { surveys: services.surveys });
      await api.register(complaintsRoutes, { complaints: services.complaints });
      await api.register(problemsRoutes, { problems: services.problems });
      await api.register(changeCalendarRoutes, { changeCalendar: services.changeCalendar });
      await api.register(changesRoutes, { changes: services.changes });
      await api.register(releasesRoutes, { releases: services.releases });
      await api.register(complianceRoutes, { compliance: services.compliance });
      await api.register(documentsRoutes, { documents: services.documents });
      await api.register(auditProgrammeRoutes, { auditProgramme: services.auditProgramme });
      await api.register(trainingRoutes, { training: services.training });
      await api.register(improvementsRoutes, { improvements: services.improvements });
      await api.register(managementReviewsRoutes, {
        managementReviews: services.managementReviews,
      });
      await api.register(kpisRoutes, { kpis: services.kpis });
      await api.register(reportsRoutes, { reports: services.serviceReports });
      await api.register(strategyDeckRoutes, { strategyDeck: services.strategyDeck });
      await api.register(kpiExportRoutes, { kpiExports: services.kpiExports });
      await api.register(importsRoutes, { imports: services.imports });
    },
    { prefix: '/api/v1' },
  );

  const appShell = await registerWebApp(
    app,
    options.webRoot ?? path.join(projectRoot, 'dist', 'web'),
  );
  registerNotFound(app, { appShell: appShell ?? undefined });
  return app;
}

export type App = Awaited<ReturnType<typeof buildApp>>;
