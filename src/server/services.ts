// The composition root: builds every port and service once, for the server, the CLI and tests.
import type { DatabaseHandle } from '../db/dialect/types.js';
import { type FileStorage, localDiskStorage } from '../files/storage.js';
import { claimPostgres } from '../jobs/claim.postgres.js';
import { claimSqlite } from '../jobs/claim.sqlite.js';
import { createJobQueue } from '../jobs/job-queue.js';
import { createAttachmentService } from '../modules/attachments/attachments.service.js';
import { createAuditService } from '../modules/audit/audit.service.js';
import { createAuditProgrammeService } from '../modules/audits/audits.service.js';
import { createAuthService } from '../modules/auth/auth.service.js';
import { createCredentialCache } from '../modules/auth/credential-cache.js';
import { argon2Hasher, type PasswordHasher } from '../modules/auth/passwords.js';
import { type FormField, validateAnswers } from '../modules/catalogue/catalogue.js';
import { createCatalogueService } from '../modules/catalogue/catalogue.service.js';
import { createChangeCalendarService } from '../modules/changes/change-calendar.service.js';
import { createChangeService } from '../modules/changes/changes.service.js';
import { createComplaintService } from '../modules/complaints/complaints.service.js';
import { createComplianceService } from '../modules/compliance/compliance.service.js';
import { createDocumentService } from '../modules/documents/documents.service.js';
import { createDirectoryEvents } from '../modules/groups/directory-events.js';
import { createGroupService } from '../modules/groups/groups.service.js';
import { createImportService } from '../modules/imports/imports.service.js';
import { createImprovementService } from '../modules/improvements/improvements.service.js';
import { createKpiExportService } from '../modules/kpis/export/export.service.js';
import { createKpiService } from '../modules/kpis/kpis.service.js';
import {
  postgresRollupLock,
  postgresRollupTidy,
  sqliteRollupLock,
  sqliteRollupTidy,
} from '../modules/kpis/rollup-engine.js';
import { createManagementReviewService } from '../modules/management-reviews/management-reviews.service.js';
import { createMailer, type Mailer } from '../modules/notifications/mailer.js';
import {
  createNotificationService,
  DELIVER_JOB,
  EMAIL_JOB,
} from '../modules/notifications/notifications.service.js';
import { createOperationsService } from '../modules/operations/operations.service.js';
import { createOrganisationService } from '../modules/organisations/organisations.service.js';
import { createProblemService } from '../modules/problems/problems.service.js';
import { createReleaseService } from '../modules/releases/releases.service.js';
import { createServiceReportService } from '../modules/reports/reports.service.js';
import { createStrategyDeckService } from '../modules/reports/strategy-deck/strategy-deck.service.js';
import { CALENDAR_CHANGED_JOB, createCalendarService } from '../modules/sla/calendars.service.js';
import { createClockService } from '../modules/sla/clocks.service.js';
import { createPolicyService } from '../modules/sla/policies.service.js';
import { createSurveyService } from '../modules/surveys/surveys.service.js';
import { createDeskSettingsService } from '../modules/tickets/desk-settings.service.js';
import { createMajorIncidentReviewService } from '../modules/tickets/major-incident-review.service.js';
import { ticketAttachmentOwner } from '../modules/tickets/ticket-attachments.js';
import { createTicketEvents } from '../modules/tickets/ticket-events.js';
import { createTicketService } from '../modules/tickets/tickets.service.js';
import { createTrainingService } from '../modules/training/training.service.js';
import { createUserService } from '../modules/users/users.service.js';
import { postgresTicketSearch } from '../search/ticket-search.postgres.js';
import { sqliteTicketSearch } from '../search/ticket-search.sqlite.js';
import { systemActor } from '../shared/actor.js';
import { type Clock, systemClock } from '../shared/clock.js';
import { DomainError } from '../shared/errors.js';
import type { Config } from './config.js';
import { registerSystemJobs } from './system-jobs.js';

export interface ServiceOptions {
  /** Where attachment contents go; local disk under the data folder by default. */
  storage?: FileStorage;
  clock?: Clock;
  passwords?: PasswordHasher;
  log?: { error(obj: object, msg: string): void; info(obj: object, msg: string): void };
  /** The outgoing mail port; tests pass a fake. Default: SMTP from config, or the log. */
  mailer?: Mailer;
}

export function createServices(
  config: Config,
  database: DatabaseHandle,
  options: ServiceOptions = {},
) {
  const { db } = database;
  const clock = options.clock ?? systemClock;
  const passwords = options.passwords ?? argon2Hasher();
  const jobs = createJobQueue({
    db,
    clock,
    claim: database.engine === 'postgres' ? claimPostgres : claimSqlite,
    pollMs: config.jobPollMs,
    log: options.log,
  });
  const audit = createAuditService({ db, clock });
  const credentials = createCredentialCache(clock);
  // Joins and role changes, heard by training inside the directory's own transactions.
  const directoryEvents = createDirectoryEvents();
  const users = createUserService({
    db,
    audit,
    passwords,
    clock,
    credentials,
    events: directoryEvents,
  });
  const auth = createAuthService({
    db,
    users,
    audit,
    passwords,
    clock,
    credentials,
    policy: {
      sessionTtlHours: config.sessionTtlHours,
      maxFailuresPerAccount: config.login.maxFailuresPerAccount,
      maxFailuresPerAddress: config.login.maxFailuresPerAddress,
      lockMinutes: config.login.lockMinutes,
    },
  });
  const groups = createGroupService({ db, audit, users, clock, events: directoryEvents });
  const organisations = createOrganisationService({ db, audit, clock });
  const operations = createOperationsService({ jobs });
  const calendars = createCalendarService({ db, audit, jobs, clock });
  const policies = createPolicyService({ db, audit, clock });
  const catalogue = createCatalogueService({ db, audit, clock });
  const clocks = createClockService({ db, jobs, clock, calendars, policies });
  // The ticket service publishes on it; notifications and surveys listen.
  const ticketEvents = createTicketEvents();
  const deskSettings = createDeskSettingsService({ db, audit, clock });
  // The search port: FTS5 on SQLite, tsvector on PostgreSQL.
  const ticketSearch = database.engine === 'postgres' ? postgresTicketSearch : sqliteTicketSearch;
  const tickets = createTicketService({
    db,
    audit,
    clock,
    clocks,
    search: ticketSearch,
    events: ticketEvents,
    settings: deskSettings,
    catalogue: {
      serviceById: catalogue.serviceById,
      requestTypeById: catalogue.requestTypeById,
      validateAnswers: (form, answers) => validateAnswers(form as FormField[], answers),
    },
    directory: {
      findUser: users.find,
      findGroup: groups.find,
      groupIdsOf: groups.groupIdsOf,
    },
  });
  const reviews = createMajorIncidentReviewService({ db, audit, clock, tickets });
  const attachments = createAttachmentService({
    db,
    audit,
    clock,
    storage: options.storage ?? localDiskStorage(config.attachmentsDir),
    maxBytes: config.maxAttachmentBytes,
  });
  attachments.registerOwner('ticket', ticketAttachmentOwner(tickets));
  const mailer = options.mailer ?? createMailer(config.mail, options.log);
  const notifications = createNotificationService({
    db,
    jobs,
    clock,
    users,
    groups,
    mailer,
    publicUrl: config.publicUrl,
  });
  jobs.register(DELIVER_JOB, notifications.deliver);
  jobs.register(EMAIL_JOB, notifications.sendEmail);
  const complaints = createComplaintService({
    db,
    audit,
    clock,
    serviceOwnerOf: catalogue.serviceOwnerOf,
    notifications,
  });
  const nameOf = async <T extends { name: string }>(read: Promise<T>) =>
    read.then((record) => record.name).catch(() => null);
  const directoryReader = systemActor('surveys');
  const surveys = createSurveyService({
    db,
    clock,
    expiryDays: config.surveyExpiryDays,
    notifications,
    complaints,
    labels: {
      serviceName: async (trx, id) => (await catalogue.serviceById(trx, id))?.name ?? null,
      groupName: (id) => nameOf(groups.get(directoryReader, id)),
      userName: (id) => nameOf(users.get(directoryReader, id)),
    },
    userName: (id) => nameOf(users.get(directoryReader, id)),
    ticketSummary: async (trx, id) => {
      try {
        const { ticket } = await tickets.visible(trx, directoryReader, id);
        return { number: ticket.number, title: ticket.title };
      } catch (error) {
        if (error instanceof DomainError && error.code === 'NOT_FOUND') return undefined;
        throw error;
      }
    },
  });
  ticketEvents.subscribe(notifications.onTicketEvent);
  ticketEvents.subscribe(surveys.onTicketEvent);
  jobs.register<{ calendarId: string; versionId: string; at: string }>(
    CALENDAR_CHANGED_JOB,
    (job) => clocks.calendarChanged(job.payload.calendarId, job.payload.versionId, job.payload.at),
  );
  // Problem, change and release management (issue 5).
  const problems = createProblemService({ db, audit, clock, tickets, catalogue, groups, users });
  const changeCalendar = createChangeCalendarService({ db, audit, clock, catalogue });
  const changes = createChangeService({
    db,
    audit,
    clock,
    jobs,
    catalogue,
    groups,
    users,
    notifications,
    tickets,
    problems,
    calendar: changeCalendar,
  });
  const releases = createReleaseService({ db, audit, clock, tickets, changes, catalogue });
  // The compliance workspace (issue 6). Live evidence reads the other modules through their
  // services; they are handed over lazily because the workspace is built before `services`.
  const documents = createDocumentService({ db, audit, clock, users, groups, notifications });
  const compliance = createComplianceService({ db, audit, clock, modules: () => services });
  attachments.registerOwner('assessment-item', compliance.assessments.attachmentOwner);
  // Running and improving the management system (issue 7): audits, training, improvements and
  // the management review that reads them all.
  const auditProgramme = createAuditProgrammeService({
    db,
    audit,
    clock,
    jobs,
    users,
    groups,
    notifications,
  });
  attachments.registerOwner('audit-finding', auditProgramme.attachmentOwner);
  const training = createTrainingService({ db, audit, clock, jobs, users, groups, notifications });
  directoryEvents.subscribe(training.onDirectoryEvent);
  attachments.registerOwner('training-completion', training.attachmentOwner);
  const improvements = createImprovementService({ db, audit, clock, users });
  attachments.registerOwner('improvement', improvements.attachmentOwner);
  const managementReviews = createManagementReviewService({
    db,
    audit,
    clock,
    modules: () => services,
  });
  // The KPI engine (issue 8) computes its measures from the other modules' records and figures.
  const kpis = createKpiService({
    db,
    audit,
    clock,
    modules: () => services,
    rollupLock: database.engine === 'postgres' ? postgresRollupLock : sqliteRollupLock,
    rollupTidy: database.engine === 'postgres' ? postgresRollupTidy : sqliteRollupTidy,
  });
  // Monthly service reports (issue 8): KPI figures from the engine, emailed to subscribers.
  const serviceReports = createServiceReportService({
    db,
    audit,
    clock,
    mailer,
    publicUrl: config.publicUrl,
    modules: () => services,
  });
  // The Service Management Strategy Framework deck (issue 8): read from the live records.
  const strategyDeck = createStrategyDeckService({ db, clock, modules: () => services });
  const kpiExports = createKpiExportService({ db, clock, kpis, modules: () => services });
  // CSV/XLSX imports for administrators (issue 9); uploads wait under the data folder.
  const imports = createImportService({
    db,
    clock,
    audit,
    deskSettings,
    ticketSearch,
    dataDir: config.dataDir,
    engine: database.engine,
    log: options.log,
  });
  const services = {
    config,
    database,
    db,
    clock,
    jobs,
    audit,
    users,
    auth,
    groups,
    organisations,
    operations,
    calendars,
    policies,
    clocks,
    catalogue,
    ticketEvents,
    deskSettings,
    ticketSearch,
    tickets,
    reviews,
    attachments,
    notifications,
    complaints,
    surveys,
    problems,
    changeCalendar,
    changes,
    releases,
    documents,
    compliance,
    auditProgramme,
    training,
    improvements,
    managementReviews,
    kpis,
    kpiExports,
    serviceReports,
    strategyDeck,
    imports,
  };
  registerSystemJobs(services);
  return services;
}

export type Services = ReturnType<typeof createServices>;
