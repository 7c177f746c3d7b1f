import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import type { AppRoute } from '../../app/router';
import { CHANGE_STATUSES, CHANGE_TYPES, RISK_LEVELS } from './api';

// Change management: change list, change form and record, CAB inbox, change policy (issue 5). The router adds these under the signed-in shell.

export interface ChangesSearch {
  status?: string;
  type?: string;
  serviceId?: string;
  risk?: string;
}

const text = (value: unknown) => (typeof value === 'string' && value ? value : undefined);
/** A filter from the address only when it is one the server knows (a stale link shows all). */
const oneOf = (values: readonly string[], value: unknown) =>
  typeof value === 'string' && values.includes(value) ? value : undefined;

export function changeRoutes(parent: AppRoute) {
  const listRoute = createRoute({
    getParentRoute: () => parent,
    path: '/changes',
    validateSearch: (search: Record<string, unknown>): ChangesSearch => ({
      status: oneOf(CHANGE_STATUSES, search.status),
      type: oneOf(CHANGE_TYPES, search.type),
      serviceId: text(search.serviceId),
      risk: oneOf(RISK_LEVELS, search.risk),
    }),
    component: lazyRouteComponent(() => import('./changes-list-page'), 'ChangesListPage'),
  });
  const inboxRoute = createRoute({
    getParentRoute: () => parent,
    path: '/changes/approvals',
    component: lazyRouteComponent(() => import('./cab-inbox-page'), 'CabInboxPage'),
  });
  const recordRoute = createRoute({
    getParentRoute: () => parent,
    path: '/changes/$changeId',
    component: lazyRouteComponent(() => import('./change-record-page'), 'ChangeRecordPage'),
  });
  const policyRoute = createRoute({
    getParentRoute: () => parent,
    path: '/admin/change-policy',
    component: lazyRouteComponent(() => import('./change-policy-page'), 'ChangePolicyPage'),
  });
  return [listRoute, inboxRoute, recordRoute, policyRoute] as const;
}
