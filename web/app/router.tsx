import type { QueryClient } from '@tanstack/react-query';
import {
  createRootRouteWithContext,
  createRoute,
  createRouter,
  lazyRouteComponent,
  redirect,
} from '@tanstack/react-router';
import { ROLES, type Role } from '../api/types';
import { sessionQuery } from '../features/auth/session';
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

const accountRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/account',
  component: lazyRouteComponent(() => import('../features/account/account-page'), 'AccountPage'),
});

const routeTree = rootRoute.addChildren([
  loginRoute,
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
    accountRoute,
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
