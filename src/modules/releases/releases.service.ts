// Release and deployment management (8.5.3): being built in issue 5.
import type { Executor } from '../../db/executor.js';
import type { Clock } from '../../shared/clock.js';
import type { AuditService } from '../audit/audit.service.js';
import type { ChangeService } from '../changes/changes.service.js';
import type { GroupService } from '../groups/groups.service.js';
import type { TicketService } from '../tickets/tickets.service.js';

export function createReleaseService(deps: {
  db: Executor;
  audit: AuditService;
  clock: Clock;
  groups: GroupService;
  tickets: TicketService;
  changes: ChangeService;
}) {
  void deps;
  return {};
}

export type ReleaseService = ReturnType<typeof createReleaseService>;
