import type { TFunction } from 'i18next';
import type { StatusTone } from '../../ui/status-badge';
import type { RequestType, ServiceStatus } from './api';

/** Pipeline services are being prepared, live ones can be ordered, retired ones no longer. */
export const SERVICE_TONES: Record<ServiceStatus, StatusTone> = {
  pipeline: 'new',
  live: 'done',
  retired: 'inactive',
};

/** "4 fields · 2 approvals · 3 tasks". */
export function definitionSummary(requestType: RequestType, t: TFunction): string {
  return [
    t('catalogue.requestTypes.summary.fields', { count: requestType.form.length }),
    t('catalogue.requestTypes.summary.approvals', { count: requestType.approvals.length }),
    t('catalogue.requestTypes.summary.tasks', { count: requestType.tasks.length }),
  ].join(' · ');
}
