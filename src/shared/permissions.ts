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
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const STAFF_READ: Permission[] = [
  'users.read',
  'groups.read',
  'organisations.read',
  'tokens.own',
  'sla.read',
];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  admin: PERMISSIONS,
  // Managers lead resolver groups and own service levels: they may change their teams, calendars
  // and SLA policies, not the directory.
  manager: [...STAFF_READ, 'groups.manage', 'sla.manage'],
  agent: STAFF_READ,
  // Auditors read everything and check the trail; they change nothing.
  auditor: [...STAFF_READ, 'audit.read', 'audit.verify'],
  requester: [],
};

export const isRole = (value: string): value is Role =>
  (ROLES as readonly string[]).includes(value);
