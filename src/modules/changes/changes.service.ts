// Change management (8.5.1): being built in issue 5.
import type { Executor } from '../../db/executor.js';
import type { JobQueue } from '../../jobs/job-queue.js';
import type { Clock } from '../../shared/clock.js';
import type { AuditService } from '../audit/audit.service.js';
import type { CatalogueService } from '../catalogue/catalogue.service.js';
import type { GroupService } from '../groups/groups.service.js';
import type { NotificationService } from '../notifications/notifications.service.js';
import type { ProblemService } from '../problems/problems.service.js';
import type { TicketService } from '../tickets/tickets.service.js';
import type { UserService } from '../users/users.service.js';
import type { ChangeCalendarService } from './change-calendar.service.js';

export function createChangeService(deps: {
  db: Executor;
  audit: AuditService;
  clock: Clock;
  jobs: JobQueue;
  catalogue: CatalogueService;
  groups: GroupService;
  users: UserService;
  notifications: NotificationService;
  tickets: TicketService;
  problems: ProblemService;
  calendar: ChangeCalendarService;
}) {
  void deps;
  return {};
}

export type ChangeService = ReturnType<typeof createChangeService>;
