// The composition root: builds every port and service once, for the server, the CLI and tests.
import type { DatabaseHandle } from '../db/dialect/types.js';
import { claimPostgres } from '../jobs/claim.postgres.js';
import { claimSqlite } from '../jobs/claim.sqlite.js';
import { createJobQueue } from '../jobs/job-queue.js';
import { createAuditService } from '../modules/audit/audit.service.js';
import { createAuthService } from '../modules/auth/auth.service.js';
import { createCredentialCache } from '../modules/auth/credential-cache.js';
import { argon2Hasher, type PasswordHasher } from '../modules/auth/passwords.js';
import { createGroupService } from '../modules/groups/groups.service.js';
import { createOperationsService } from '../modules/operations/operations.service.js';
import { createOrganisationService } from '../modules/organisations/organisations.service.js';
import { CALENDAR_CHANGED_JOB, createCalendarService } from '../modules/sla/calendars.service.js';
import { createClockService } from '../modules/sla/clocks.service.js';
import { createPolicyService } from '../modules/sla/policies.service.js';
import { createUserService } from '../modules/users/users.service.js';
import { type Clock, systemClock } from '../shared/clock.js';
import type { Config } from './config.js';
import { registerSystemJobs } from './system-jobs.js';

export interface ServiceOptions {
  clock?: Clock;
  passwords?: PasswordHasher;
  log?: { error(obj: object, msg: string): void; info(obj: object, msg: string): void };
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
  const users = createUserService({ db, audit, passwords, clock, credentials });
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
  const groups = createGroupService({ db, audit, users, clock });
  const organisations = createOrganisationService({ db, audit, clock });
  const operations = createOperationsService({ jobs });
  const calendars = createCalendarService({ db, audit, jobs, clock });
  const policies = createPolicyService({ db, audit, clock });
  const clocks = createClockService({ db, jobs, clock, calendars, policies });
  jobs.register<{ calendarId: string; versionId: string; at: string }>(
    CALENDAR_CHANGED_JOB,
    (job) => clocks.calendarChanged(job.payload.calendarId, job.payload.versionId, job.payload.at),
  );
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
  };
  registerSystemJobs(services);
  return services;
}

export type Services = ReturnType<typeof createServices>;
