import {
  IconAdjustments,
  IconBook,
  IconBooks,
  IconBug,
  IconBuildingCommunity,
  IconBuildingStore,
  IconCalendarEvent,
  IconCalendarTime,
  IconCertificate,
  IconChartBar,
  IconChartDots,
  IconChecklist,
  IconChecks,
  IconClipboardCheck,
  IconFileText,
  IconForms,
  IconGauge,
  IconGavel,
  IconGitPullRequest,
  IconHeadset,
  IconHome,
  IconKey,
  IconLifebuoy,
  IconListDetails,
  IconListSearch,
  IconMessageReport,
  IconPresentation,
  IconRocket,
  IconRoute,
  IconSchool,
  IconSnowflake,
  IconTable,
  IconTargetArrow,
  IconTool,
  IconTrendingUp,
  IconUserCircle,
  IconUsers,
  IconUsersGroup,
} from '@tabler/icons-react';
import type en from '../i18n/en.json';

// The navigation registry. Each module declares where it lives, how it is labelled, which
// icon it shows and which permission it needs. The side navigation, the home page cards and
// the route guard (every path under `path` needs `permission`) are all derived from this list,
// so a new module (service desk, changes, compliance…) is one entry here plus its routes.

export type NavSection = 'main' | 'control' | 'compliance' | 'sla' | 'admin' | 'account';
export type ModuleLabelKey = `modules.${keyof typeof en.modules & string}.label`;
export type ModuleDescriptionKey = `modules.${keyof typeof en.modules & string}.description`;

export interface ModuleDefinition {
  id: string;
  section: NavSection;
  /** Route of the module; sub-routes (records) share its permission. */
  path: string;
  labelKey: ModuleLabelKey;
  descriptionKey: ModuleDescriptionKey;
  icon: typeof IconHome;
  /** `null`: every signed-in user. */
  permission: string | null;
  /** Shown as a card on the home page. */
  onHome?: boolean;
}

export const modules: readonly ModuleDefinition[] = [
  {
    id: 'home',
    section: 'main',
    path: '/',
    labelKey: 'modules.home.label',
    descriptionKey: 'modules.home.description',
    icon: IconHome,
    permission: null,
  },
  {
    id: 'portal',
    section: 'main',
    path: '/portal',
    labelKey: 'modules.portal.label',
    descriptionKey: 'modules.portal.description',
    icon: IconLifebuoy,
    permission: 'tickets.submit',
    onHome: true,
  },
  {
    id: 'portal-approvals',
    section: 'main',
    path: '/portal/approvals',
    labelKey: 'modules.approvals.label',
    descriptionKey: 'modules.approvals.description',
    icon: IconChecklist,
    permission: 'tickets.submit',
  },
  {
    id: 'desk',
    section: 'main',
    path: '/desk',
    labelKey: 'modules.desk.label',
    descriptionKey: 'modules.desk.description',
    icon: IconHeadset,
    permission: 'tickets.read',
    onHome: true,
  },
  {
    id: 'executive-dashboard',
    section: 'main',
    path: '/dashboard',
    labelKey: 'modules.executiveDashboard.label',
    descriptionKey: 'modules.executiveDashboard.description',
    icon: IconChartBar,
    permission: 'kpis.read',
    onHome: true,
  },
  {
    id: 'service-dashboard',
    section: 'main',
    path: '/dashboard/service',
    labelKey: 'modules.serviceDashboard.label',
    descriptionKey: 'modules.serviceDashboard.description',
    icon: IconGauge,
    permission: 'kpis.read',
    onHome: true,
  },
  {
    id: 'problems',
    section: 'control',
    path: '/problems',
    labelKey: 'modules.problems.label',
    descriptionKey: 'modules.problems.description',
    icon: IconBug,
    permission: 'problems.read',
    onHome: true,
  },
  {
    id: 'known-errors',
    section: 'control',
    path: '/known-errors',
    labelKey: 'modules.knownErrors.label',
    descriptionKey: 'modules.knownErrors.description',
    icon: IconBook,
    permission: 'problems.read',
  },
  {
    id: 'changes',
    section: 'control',
    path: '/changes',
    labelKey: 'modules.changes.label',
    descriptionKey: 'modules.changes.description',
    icon: IconGitPullRequest,
    permission: 'changes.read',
    onHome: true,
  },
  {
    id: 'cab-inbox',
    section: 'control',
    path: '/changes/approvals',
    labelKey: 'modules.cabInbox.label',
    descriptionKey: 'modules.cabInbox.description',
    icon: IconGavel,
    // Whoever sits on an approver group (CAB, emergency CAB, a service owner) votes here.
    permission: 'changes.read',
  },
  {
    id: 'change-calendar',
    section: 'control',
    path: '/changes/calendar',
    labelKey: 'modules.changeCalendar.label',
    descriptionKey: 'modules.changeCalendar.description',
    icon: IconCalendarEvent,
    permission: 'changes.read',
    onHome: true,
  },
  {
    id: 'releases',
    section: 'control',
    path: '/releases',
    labelKey: 'modules.releases.label',
    descriptionKey: 'modules.releases.description',
    icon: IconRocket,
    permission: 'releases.read',
    onHome: true,
  },
  {
    id: 'kpi-admin',
    section: 'admin',
    path: '/admin/kpis',
    labelKey: 'modules.kpis.label',
    descriptionKey: 'modules.kpis.description',
    icon: IconChartDots,
    permission: 'kpis.manage',
  },
  {
    id: 'change-policy',
    section: 'admin',
    path: '/admin/change-policy',
    labelKey: 'modules.changePolicy.label',
    descriptionKey: 'modules.changePolicy.description',
    icon: IconAdjustments,
    permission: 'changes.manage',
  },
  {
    id: 'freeze-windows',
    section: 'admin',
    path: '/admin/freeze-windows',
    labelKey: 'modules.freezeWindows.label',
    descriptionKey: 'modules.freezeWindows.description',
    icon: IconSnowflake,
    permission: 'changes.manage',
  },
  {
    id: 'compliance-assessments',
    section: 'compliance',
    path: '/compliance/assessments',
    labelKey: 'modules.assessments.label',
    descriptionKey: 'modules.assessments.description',
    icon: IconClipboardCheck,
    permission: 'compliance.read',
    onHome: true,
  },
  {
    id: 'compliance-roadmap',
    section: 'compliance',
    path: '/compliance/roadmap',
    labelKey: 'modules.roadmap.label',
    descriptionKey: 'modules.roadmap.description',
    icon: IconRoute,
    permission: 'compliance.read',
    onHome: true,
  },
  {
    id: 'compliance-library',
    section: 'compliance',
    path: '/compliance/library',
    labelKey: 'modules.requirementLibrary.label',
    descriptionKey: 'modules.requirementLibrary.description',
    icon: IconBooks,
    permission: 'compliance.read',
  },
  {
    id: 'documents',
    section: 'compliance',
    path: '/documents',
    labelKey: 'modules.documents.label',
    descriptionKey: 'modules.documents.description',
    icon: IconFileText,
    permission: 'documents.read',
    onHome: true,
  },
  {
    id: 'acknowledgements',
    section: 'compliance',
    path: '/acknowledgements',
    labelKey: 'modules.acknowledgements.label',
    descriptionKey: 'modules.acknowledgements.description',
    icon: IconChecks,
    // Everyone may be asked to read and acknowledge a policy.
    permission: null,
  },
  {
    id: 'audits',
    section: 'compliance',
    path: '/audits',
    labelKey: 'modules.audits.label',
    descriptionKey: 'modules.audits.description',
    icon: IconListSearch,
    permission: 'audits.read',
    onHome: true,
  },
  {
    id: 'corrective-actions',
    section: 'compliance',
    path: '/audits/actions',
    labelKey: 'modules.correctiveActions.label',
    descriptionKey: 'modules.correctiveActions.description',
    icon: IconTool,
    permission: 'audits.read',
  },
  {
    id: 'management-reviews',
    section: 'compliance',
    path: '/management-reviews',
    labelKey: 'modules.managementReviews.label',
    descriptionKey: 'modules.managementReviews.description',
    icon: IconPresentation,
    permission: 'reviews.read',
  },
  {
    id: 'improvements',
    section: 'compliance',
    path: '/improvements',
    labelKey: 'modules.improvements.label',
    descriptionKey: 'modules.improvements.description',
    icon: IconTrendingUp,
    permission: 'improvements.read',
    onHome: true,
  },
  {
    id: 'my-training',
    section: 'main',
    path: '/training',
    labelKey: 'modules.myTraining.label',
    descriptionKey: 'modules.myTraining.description',
    icon: IconSchool,
    // Everyone signed in may have training to complete, store staff included.
    permission: 'training.read',
    onHome: true,
  },
  {
    id: 'courses',
    section: 'compliance',
    path: '/training/courses',
    labelKey: 'modules.courses.label',
    descriptionKey: 'modules.courses.description',
    icon: IconCertificate,
    permission: 'training.read',
  },
  {
    id: 'competence-matrix',
    section: 'compliance',
    path: '/training/matrix',
    labelKey: 'modules.competenceMatrix.label',
    descriptionKey: 'modules.competenceMatrix.description',
    icon: IconTable,
    permission: 'training.report',
  },
  {
    id: 'sla-calendars',
    section: 'sla',
    path: '/sla/calendars',
    labelKey: 'modules.calendars.label',
    descriptionKey: 'modules.calendars.description',
    icon: IconCalendarTime,
    permission: 'sla.read',
    onHome: true,
  },
  {
    id: 'sla-policies',
    section: 'sla',
    path: '/sla/policies',
    labelKey: 'modules.slaPolicies.label',
    descriptionKey: 'modules.slaPolicies.description',
    icon: IconTargetArrow,
    permission: 'sla.read',
    onHome: true,
  },
  {
    id: 'catalogue-services',
    section: 'admin',
    path: '/admin/services',
    labelKey: 'modules.services.label',
    descriptionKey: 'modules.services.description',
    icon: IconBuildingStore,
    permission: 'catalogue.manage',
    onHome: true,
  },
  {
    id: 'catalogue-request-types',
    section: 'admin',
    path: '/admin/request-types',
    labelKey: 'modules.requestTypes.label',
    descriptionKey: 'modules.requestTypes.description',
    icon: IconForms,
    permission: 'catalogue.manage',
  },
  {
    id: 'complaints',
    section: 'main',
    path: '/complaints',
    labelKey: 'modules.complaints.label',
    descriptionKey: 'modules.complaints.description',
    icon: IconMessageReport,
    // Managers see every complaint; agents those they own as a service's owner.
    permission: 'tickets.work',
    onHome: true,
  },
  {
    id: 'desk-settings',
    section: 'admin',
    path: '/admin/desk',
    labelKey: 'modules.deskSettings.label',
    descriptionKey: 'modules.deskSettings.description',
    icon: IconListDetails,
    permission: 'desk.configure',
  },
  {
    id: 'admin-users',
    section: 'admin',
    path: '/admin/users',
    labelKey: 'modules.users.label',
    descriptionKey: 'modules.users.description',
    icon: IconUsers,
    permission: 'users.read',
    onHome: true,
  },
  {
    id: 'admin-groups',
    section: 'admin',
    path: '/admin/groups',
    labelKey: 'modules.groups.label',
    descriptionKey: 'modules.groups.description',
    icon: IconUsersGroup,
    permission: 'groups.read',
    onHome: true,
  },
  {
    id: 'admin-organisations',
    section: 'admin',
    path: '/admin/organisations',
    labelKey: 'modules.organisations.label',
    descriptionKey: 'modules.organisations.description',
    icon: IconBuildingCommunity,
    permission: 'organisations.read',
    onHome: true,
  },
  {
    id: 'admin-tokens',
    section: 'admin',
    path: '/admin/tokens',
    labelKey: 'modules.tokens.label',
    descriptionKey: 'modules.tokens.description',
    icon: IconKey,
    permission: 'tokens.manage',
    onHome: true,
  },
  {
    id: 'account',
    section: 'account',
    path: '/account',
    labelKey: 'modules.account.label',
    descriptionKey: 'modules.account.description',
    icon: IconUserCircle,
    permission: null,
    onHome: true,
  },
];

export const navSections: readonly { id: NavSection; labelKey: `nav.sections.${NavSection}` }[] = [
  { id: 'main', labelKey: 'nav.sections.main' },
  { id: 'control', labelKey: 'nav.sections.control' },
  { id: 'compliance', labelKey: 'nav.sections.compliance' },
  { id: 'sla', labelKey: 'nav.sections.sla' },
  { id: 'admin', labelKey: 'nav.sections.admin' },
  { id: 'account', labelKey: 'nav.sections.account' },
];

type Can = (permission: string | null) => boolean;

export function visibleModules(can: Can): ModuleDefinition[] {
  return modules.filter((module) => can(module.permission));
}

function covers(module: ModuleDefinition, pathname: string): boolean {
  if (module.path === '/') return pathname === '/';
  return pathname === module.path || pathname.startsWith(`${module.path}/`);
}

/** The module a path belongs to (longest matching path wins). */
export function moduleForPath(pathname: string): ModuleDefinition | undefined {
  let best: ModuleDefinition | undefined;
  for (const module of modules) {
    if (covers(module, pathname) && (!best || module.path.length > best.path.length)) best = module;
  }
  return best;
}
