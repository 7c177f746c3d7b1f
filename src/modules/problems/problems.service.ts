// Problems and known errors (8.6.3): being built in issue 5.
import type { Executor } from '../../db/executor.js';
import type { Clock } from '../../shared/clock.js';
import type { AuditService } from '../audit/audit.service.js';
import type { CatalogueService } from '../catalogue/catalogue.service.js';
import type { GroupService } from '../groups/groups.service.js';
import type { TicketService } from '../tickets/tickets.service.js';

export function createProblemService(deps: {
  db: Executor;
  audit: AuditService;
  clock: Clock;
  tickets: TicketService;
  catalogue: CatalogueService;
  groups: GroupService;
}) {
  void deps;
  return {};
}

export type ProblemService = ReturnType<typeof createProblemService>;
