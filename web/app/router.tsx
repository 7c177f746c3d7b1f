import type { QueryClient } from '@tanstack/react-query';
import {
  createRootRouteWithContext,
  createRoute,
  createRouter,
  lazyRouteComponent,
  redirect,
} from '@tanstack/react-router';
import { ROLES, type Role } from '../api/types';
import { auditRoutes } from '../features/audits/routes';
import { sessionQuery } from '../features/auth/session';
import { changeCalendarRoutes } from '../features/change-calendar/routes';
import { changeRoutes } from '../features/changes/routes';
import { complianceRoutes } from '../features/compliance/routes';
import { documentRoutes } from '../features/documents/routes';
import { importRoutes } from '../features/imports/routes';
import { improvementRoutes } from '../features/improvements/routes';
import { kpiRoutes } from '../features/kpis/routes';
import { managementReviewRoutes } from '../features/management-reviews/routes';
import { problemRoutes } from '../features/problems/routes';
import { releaseRoutes } from '../features/releases/routes';
import { reportRoutes } from '../features/reports/routes';
import { validateDeskSearch } from '../features/tickets/search';
import { trainingRoutes } from '../features/training/routes';
import { NotFoundPage, PendingPage, RouteErrorPage } from './fallback-pages';
import { RootLayout } from './root-layout';
import { ShellLayout } from './shell';

export interface RouterContext {
  queryClient: QueryClient;
}

const rootRoute = createRootRouteWithContext<RouterContext>()({
  component: RootLayout,
  notFoundComponent: NotFoundPage,
  errorComponent: RouteErrorPage,
});

function safeRedirect(value: unknown): string | undefined {
  // Only same-origin paths: never let a crafted link send someone to another site after login.
  return typeof value === 'string' && value.startsWith('/') && !value.startsWith('//')
    ? value
    : undefined;
}

const loginRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/login',
  validateSearch: (search: Record<string, unknown>): { redirect?: string } => {
    const target = safeRedirect(search.redirect);
    return target ? { redirect: target } : {};
  },
  beforeLoad: async ({ context, search }) => {
    const session = await context.queryClient.ensureQueryData(sessionQuery).catch(() => null);
    if (session) throw redirect({ href: search.redirect ?? '/' });
  },
  component: lazyRouteComponent(() => import('../features/auth/login-page'), 'LoginPage'),
});

const appRoute = createRoute({
  getParentRoute: () => rootRoute,
  id: 'app',
  beforeLoad: async ({ context, location }) => {
    const session = await context.queryClient.ensureQueryData(sessionQuery);
    if (!session) {
      throw redirect({ to: '/login', search: { redirect: location.href } });
    }
  },
  component: ShellLayout,
});
export type AppRoute = typeof appRoute;

const homeRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/',
  component: lazyRouteComponent(() => import('../features/home/home-page'), 'HomePage'),
});

export interface UsersSearch {
  q?: string;
  role?: Role;
  active?: 'true' | 'false';
}

const usersRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/admin/users',
  validateSearch: (search: Record<string, unknown>): UsersSearch => ({
    q: typeof search.q === 'string' && search.q ? search.q : undefined,
    role: ROLES.includes(search.role as Role) ? (search.role as Role) : undefined,
    active:
      search.active === 'true' || search.active === true
        ? 'true'
        : search.active === 'false' || search.active === false
          ? 'false'
          : undefined,
  }),
  component: lazyRouteComponent(
    () => import('../features/admin-users/users-list-page'),
    'UsersListPage',
  ),
});

const userRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/admin/users/$userId',
  component: lazyRouteComponent(
    () => import('../features/admin-users/user-record-page'),
    'UserRecordPage',
  ),
});

export interface TextSearch {
  q?: string;
}

const validateTextSearch = (search: Record<string, unknown>): TextSearch => ({
  q: typeof search.q === 'string' && search.q ? search.q : undefined,
});

const groupsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/admin/groups',
  validateSearch: validateTextSearch,
  component: lazyRouteComponent(
    () => import('../features/admin-groups/groups-list-page'),
    'GroupsListPage',
  ),
});

const groupRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/admin/groups/$groupId',
  component: lazyRouteComponent(
    () => import('../features/admin-groups/group-record-page'),
    'GroupRecordPage',
  ),
});

const organisationsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/admin/organisations',
  validateSearch: validateTextSearch,
  component: lazyRouteComponent(
    () => import('../features/admin-organisations/organisations-list-page'),
    'OrganisationsListPage',
  ),
});

const organisationRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/admin/organisations/$organisationId',
  component: lazyRouteComponent(
    () => import('../features/admin-organisations/organisation-record-page'),
    'OrganisationRecordPage',
  ),
});

const tokensRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/admin/tokens',
  component: lazyRouteComponent(
    () => import('../features/admin-tokens/tokens-page'),
    'AdminTokensPage',
  ),
});

const calendarsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/sla/calendars',
  component: lazyRouteComponent(
    () => import('../features/sla-calendars/calendars-list-page'),
    'CalendarsListPage',
  ),
});

const calendarRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/sla/calendars/$calendarId',
  component: lazyRouteComponent(
    () => import('../features/sla-calendars/calendar-record-page'),
    'CalendarRecordPage',
  ),
});

const slaPoliciesRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/sla/policies',
  validateSearch: validateTextSearch,
  component: lazyRouteComponent(
    () => import('../features/sla-policies/policies-list-page'),
    'PoliciesListPage',
  ),
});

const newSlaPolicyRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/sla/policies/new',
  component: lazyRouteComponent(
    () => import('../features/sla-policies/policy-new-page'),
    'PolicyNewPage',
  ),
});

const slaPolicyRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/sla/policies/$policyId',
  component: lazyRouteComponent(
    () => import('../features/sla-policies/policy-record-page'),
    'PolicyRecordPage',
  ),
});

export interface CatalogueSearch {
  q?: string;
  status?: 'pipeline' | 'live' | 'retired';
}

const servicesRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/admin/services',
  validateSearch: (search: Record<string, unknown>): CatalogueSearch => ({
    q: typeof search.q === 'string' && search.q ? search.q : undefined,
    status: ['pipeline', 'live', 'retired'].includes(search.status as string)
      ? (search.status as CatalogueSearch['status'])
      : undefined,
  }),
  component: lazyRouteComponent(
    () => import('../features/catalogue/services-list-page'),
    'ServicesListPage',
  ),
});

const serviceRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/admin/services/$serviceId',
  component: lazyRouteComponent(
    () => import('../features/catalogue/service-record-page'),
    'ServiceRecordPage',
  ),
});

export interface RequestTypesSearch {
  q?: string;
  serviceId?: string;
  active?: 'true' | 'false';
}

const requestTypesRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/admin/request-types',
  validateSearch: (search: Record<string, unknown>): RequestTypesSearch => ({
    q: typeof search.q === 'string' && search.q ? search.q : undefined,
    serviceId:
      typeof search.serviceId === 'string' && search.serviceId ? search.serviceId : undefined,
    active:
      search.active === 'true' || search.active === true
        ? 'true'
        : search.active === 'false' || search.active === false
          ? 'false'
          : undefined,
  }),
  component: lazyRouteComponent(
    () => import('../features/catalogue/request-types-list-page'),
    'RequestTypesListPage',
  ),
});

const requestTypeRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/admin/request-types/$requestTypeId',
  component: lazyRouteComponent(
    () => import('../features/catalogue/request-type-record-page'),
    'RequestTypeRecordPage',
  ),
});

export interface ComplaintsSearch {
  status?: 'open' | 'investigating' | 'resolved' | 'closed';
}

const complaintsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/complaints',
  validateSearch: (search: Record<string, unknown>): ComplaintsSearch => ({
    status: ['open', 'investigating', 'resolved', 'closed'].includes(search.status as string)
      ? (search.status as ComplaintsSearch['status'])
      : undefined,
  }),
  component: lazyRouteComponent(
    () => import('../features/complaints/complaints-list-page'),
    'ComplaintsListPage',
  ),
});

const complaintRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/complaints/$complaintId',
  component: lazyRouteComponent(
    () => import('../features/complaints/complaint-record-page'),
    'ComplaintRecordPage',
  ),
});

// The satisfaction survey behind an emailed link: outside the signed-in area (no login redirect).
const surveyRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/survey/$token',
  component: lazyRouteComponent(() => import('../features/surveys/survey-page'), 'SurveyPage'),
});

const deskRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/desk',
  validateSearch: validateDeskSearch,
  component: lazyRouteComponent(() => import('../features/tickets/queue-page'), 'QueuePage'),
});

const ticketRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/desk/tickets/$id',
  // Notifications link here; people without the desk (requesters) see the ticket in the portal.
  beforeLoad: async ({ context, params }) => {
    const session = await context.queryClient.ensureQueryData(sessionQuery);
    if (session && !session.permissions.includes('tickets.read'))
      throw redirect({ to: '/portal/tickets/$id', params: { id: params.id }, replace: true });
  },
  component: lazyRouteComponent(() => import('../features/tickets/ticket-page'), 'TicketPage'),
});

const deskSettingsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/admin/desk',
  component: lazyRouteComponent(
    () => import('../features/tickets/desk-settings-page'),
    'DeskSettingsPage',
  ),
});

const portalRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/portal',
  component: lazyRouteComponent(
    () => import('../features/portal/portal-home-page'),
    'PortalHomePage',
  ),
});

const portalRequestRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/portal/request/$requestTypeId',
  component: lazyRouteComponent(() => import('../features/portal/request-page'), 'RequestPage'),
});

const portalTicketsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/portal/tickets',
  component: lazyRouteComponent(
    () => import('../features/portal/my-tickets-page'),
    'MyTicketsPage',
  ),
});

const portalTicketRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/portal/tickets/$id',
  component: lazyRouteComponent(() => import('../features/portal/ticket-page'), 'PortalTicketPage'),
});

const portalApprovalsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/portal/approvals',
  component: lazyRouteComponent(() => import('../features/portal/approvals-page'), 'ApprovalsPage'),
});

const accountRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/account',
  component: lazyRouteComponent(() => import('../features/account/account-page'), 'AccountPage'),
});

const routeTree = rootRoute.addChildren([
  loginRoute,
  surveyRoute,
  appRoute.addChildren([
    homeRoute,
    usersRoute,
    userRoute,
    groupsRoute,
    groupRoute,
    organisationsRoute,
    organisationRoute,
    tokensRoute,
    calendarsRoute,
    calendarRoute,
    slaPoliciesRoute,
    newSlaPolicyRoute,
    slaPolicyRoute,
    complaintsRoute,
    complaintRoute,
    servicesRoute,
    serviceRoute,
    requestTypesRoute,
    requestTypeRoute,
    deskRoute,
    ticketRoute,
    portalRoute,
    portalRequestRoute,
    portalTicketsRoute,
    portalTicketRoute,
    portalApprovalsRoute,
    deskSettingsRoute,
    accountRoute,
    ...problemRoutes(appRoute),
    ...changeRoutes(appRoute),
    ...changeCalendarRoutes(appRoute),
    ...releaseRoutes(appRoute),
    ...complianceRoutes(appRoute),
    ...documentRoutes(appRoute),
    ...auditRoutes(appRoute),
    ...trainingRoutes(appRoute),
    ...improvementRoutes(appRoute),
    ...managementReviewRoutes(appRoute),
    ...kpiRoutes(appRoute),
    ...reportRoutes(appRoute),
    ...importRoutes(appRoute),
  ]),
]);

export function createAppRouter(queryClient: QueryClient) {
  return createRouter({
    routeTree,
    context: { queryClient },
    defaultPreload: 'intent',
    defaultPendingComponent: PendingPage,
    defaultPreloadStaleTime: 0,
    scrollRestoration: true,
  });
}

declare module '@tanstack/react-router' {
  interface Register {
    router: ReturnType<typeof createAppRouter>;
  }
}
