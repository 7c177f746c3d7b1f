// Management reviews (9.3): being built in issue 7. The review's inputs are pre-filled from the
// other modules, read through their services.
import type { Executor } from '../../db/executor.js';
import type { Services } from '../../server/services.js';
import type { Clock } from '../../shared/clock.js';
import type { AuditService } from '../audit/audit.service.js';

export function createManagementReviewService(deps: {
  db: Executor;
  audit: AuditService;
  clock: Clock;
  /** Handed over lazily: the review reads audits, training, improvements, surveys… */
  modules: () => Partial<Services>;
}) {
  void deps;
  return {};
}

export type ManagementReviewService = ReturnType<typeof createManagementReviewService>;
