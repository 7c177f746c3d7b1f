// The change calendar: freeze and blackout windows, schedule conflicts (8.5.1): being built in issue 5.
import type { Executor } from '../../db/executor.js';
import type { Clock } from '../../shared/clock.js';
import type { AuditService } from '../audit/audit.service.js';
import type { CatalogueService } from '../catalogue/catalogue.service.js';

export function createChangeCalendarService(deps: {
  db: Executor;
  audit: AuditService;
  clock: Clock;
  catalogue: CatalogueService;
}) {
  void deps;
  return {};
}

export type ChangeCalendarService = ReturnType<typeof createChangeCalendarService>;
