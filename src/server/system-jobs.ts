// Jobs the platform itself runs on every installation.
import { REPORT_JOB } from '../modules/reports/reports.service.js';
import { REMINDER_JOB } from '../modules/training/training.service.js';
import { purgeIdempotencyKeys } from './http/idempotency.js';
import type { Services } from './services.js';

export const PING_JOB = 'system.ping';

export function registerSystemJobs(
  services: Pick<
    Services,
    'jobs' | 'audit' | 'auth' | 'db' | 'clock' | 'config' | 'training' | 'serviceReports'
  >,
) {
  const { jobs, audit, auth, db, clock, config, training, serviceReports } = services;
  // Seals committed audit events into the global chain (docs/decisions/0002-audit-trail-hash-chains.md).
  jobs.registerRecurring('audit.seal', config.auditSealIntervalMs, async () => {
    await audit.seal();
  });
  jobs.registerRecurring('system.housekeeping', 3_600_000, async () => {
    await auth.purgeExpiredSessions();
    await purgeIdempotencyKeys(db, clock);
    await jobs.purgeFinished(new Date(clock.now().getTime() - 7 * 86_400_000));
  });
  // Training reminders 7 days and 1 day before the due date and once overdue, each sent once.
  jobs.registerRecurring(REMINDER_JOB, 3_600_000, async () => {
    await training.sendReminders();
  });
  // Monthly service reports: from the 1st of each month, last month's to each subscriber, once.
  jobs.registerRecurring(REPORT_JOB, 3_600_000, async () => {
    await serviceReports.sendDue();
  });
  // Does nothing: `meridian jobs ping` enqueues one to prove some node is working the queue.
  jobs.register(PING_JOB, async () => {});
}
