import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import type { AppRoute } from '../../app/router';
import { DOCUMENT_KINDS, DOCUMENT_STATUSES, type DocumentKind, type DocumentStatus } from './api';

export interface DocumentsSearch {
  view?: 'checklist';
  kind?: DocumentKind;
  status?: DocumentStatus;
  requirement?: string;
  reviewOverdue?: boolean;
  q?: string;
}

export interface DocumentSearch {
  tab?: 'text' | 'versions' | 'review' | 'campaigns' | 'history';
}

const TABS = ['text', 'versions', 'review', 'campaigns', 'history'] as const;
const text = (value: unknown) =>
  typeof value === 'string' && value.trim() ? value.trim().slice(0, 200) : undefined;

// Controlled documents and acknowledgements (issue 6). The router adds these under the signed-in shell.
export function documentRoutes(parent: AppRoute) {
  const listRoute = createRoute({
    getParentRoute: () => parent,
    path: '/documents',
    validateSearch: (search: Record<string, unknown>): DocumentsSearch => ({
      view: search.view === 'checklist' ? 'checklist' : undefined,
      kind: DOCUMENT_KINDS.includes(search.kind as DocumentKind)
        ? (search.kind as DocumentKind)
        : undefined,
      status: DOCUMENT_STATUSES.includes(search.status as DocumentStatus)
        ? (search.status as DocumentStatus)
        : undefined,
      requirement:
        typeof search.requirement === 'string' && /^\d+(\.\d+)*$/.test(search.requirement)
          ? search.requirement
          : undefined,
      reviewOverdue: search.reviewOverdue === true || search.reviewOverdue === 'true' || undefined,
      q: text(search.q),
    }),
    component: lazyRouteComponent(() => import('./documents-list-page'), 'DocumentsListPage'),
  });
  const recordRoute = createRoute({
    getParentRoute: () => parent,
    path: '/documents/$documentId',
    validateSearch: (search: Record<string, unknown>): DocumentSearch => ({
      tab: TABS.includes(search.tab as (typeof TABS)[number])
        ? (search.tab as DocumentSearch['tab'])
        : undefined,
    }),
    component: lazyRouteComponent(() => import('./document-record-page'), 'DocumentRecordPage'),
  });
  const mineRoute = createRoute({
    getParentRoute: () => parent,
    path: '/acknowledgements',
    component: lazyRouteComponent(() => import('./acknowledgements-page'), 'AcknowledgementsPage'),
  });
  const readRoute = createRoute({
    getParentRoute: () => parent,
    path: '/acknowledgements/$campaignId',
    component: lazyRouteComponent(() => import('./acknowledgement-page'), 'AcknowledgementPage'),
  });
  return [listRoute, recordRoute, mineRoute, readRoute] as const;
}
