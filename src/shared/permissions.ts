// Roles and what each may do. Services check permissions; routes never do.
export const ROLES = ['admin', 'manager', 'agent', 'auditor', 'requester'] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = [
  'users.read',
  'users.manage',
  'groups.read',
  'groups.manage',
  'organisations.read',
  'organisations.manage',
  'tokens.own',
  'tokens.manage',
  'audit.read',
  'audit.verify',
  'jobs.manage',
  'sla.read',
  'sla.manage',
  // Service desk: everyone signed in may raise tickets and read the catalogue; staff read the desk;
  // agents work tickets; managers own the catalogue, the desk's settings and complaints.
  'tickets.submit',
  'tickets.read',
  'tickets.work',
  'catalogue.read',
  'catalogue.manage',
  'desk.configure',
  'complaints.manage',
  // Problem, change and release management: staff read them; agents work problems and raise and
  // implement changes; managers own the change policy, freeze windows and releases. Approving a
  // change step needs no permission of its own: membership of the step's approver group does.
  'problems.read',
  'problems.work',
  'changes.read',
  'changes.submit',
  'changes.manage',
  'releases.read',
  'releases.manage',
  // Compliance workspace: staff and auditors read the requirement library, assessments, roadmap
  // and controlled documents; managers (the SMS manager) assess, plan and own documents.
  // Acknowledging a document needs no permission: being asked to does.
  'compliance.read',
  'compliance.manage',
  'documents.read',
  'documents.manage',
  // Running and improving the management system: staff and auditors read audits, reviews and the
  // improvement register; auditors (and managers) record audit results and findings; managers plan
  // the audit programme, hold management reviews, own the register and the training catalogue.
  // Working on a corrective action or a review action needs no permission: owning it does.
  // Everyone signed in reads their own training (training.read); the competence matrix across
  // people needs training.report.
  'audits.read',
  'audits.record',
  'audits.manage',
  'reviews.read',
  'reviews.manage',
  'improvements.read',
  'improvements.suggest',
  'improvements.manage',
  'training.read',
  'training.report',
  'training.manage',
  // KPIs (issue 8): staff and auditors read the KPIs, their series and the records behind them;
  // managers (and admins) set targets, baselines, thresholds and owners.
  'kpis.read',
  'kpis.manage',
  // Imports from other tools (issue 9): only administrators bring records in from outside.
  'imports.manage',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const STAFF_READ: Permission[] = [
  'users.read',
  'groups.read',
  'organisations.read',
  'tokens.own',
  'sla.read',
  'tickets.submit',
  'tickets.read',
  'catalogue.read',
  'problems.read',
  'changes.read',
  'releases.read',
  'compliance.read',
  'documents.read',
  'audits.read',
  'reviews.read',
  'improvements.read',
  'improvements.suggest',
  'training.read',
  'kpis.read',
];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  admin: PERMISSIONS,
  // Managers lead resolver groups and own service levels: they may change their teams, calendars
  // and SLA policies, not the directory.
  manager: [
    ...STAFF_READ,
    'groups.manage',
    'sla.manage',
    'tickets.work',
    'catalogue.manage',
    'desk.configure',
    'complaints.manage',
    'problems.work',
    'changes.submit',
    'changes.manage',
    'releases.manage',
    'compliance.manage',
    'documents.manage',
    'audits.record',
    'audits.manage',
    'reviews.manage',
    'improvements.manage',
    'training.report',
    'training.manage',
    'kpis.manage',
  ],
  agent: [...STAFF_READ, 'tickets.work', 'problems.work', 'changes.submit'],
  // Auditors read everything and check the trail; the only records they write are their audits'
  // results and findings.
  auditor: [...STAFF_READ, 'audit.read', 'audit.verify', 'audits.record', 'training.report'],
  // Requesters see only their own tickets (and their organisation's when the desk allows it): the
  // ticket service narrows what tickets.submit lets them read.
  // Store staff have training to complete too, and see only their own.
  requester: ['tickets.submit', 'catalogue.read', 'training.read'],
};

export const isRole = (value: string): value is Role =>
  (ROLES as readonly string[]).includes(value);
