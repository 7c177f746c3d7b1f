// The retailer of the demo: a fictional European luxury house, its stores, its IT teams, and one
// person in every role.

import type { Services } from '../../server/services.js';
import { systemActor } from '../../shared/actor.js';
import { DEMO_PASSWORD, type DemoWorkspace } from '../demo.js';

const ORGANISATIONS = [
  { handle: 'house', name: 'Maison Verlaine', kind: 'company', parent: null },
  { handle: 'it', name: 'Verlaine IT', kind: 'department', parent: 'house' },
  { handle: 'ecommerce', name: 'E-commerce', kind: 'department', parent: 'house' },
  { handle: 'paris', name: 'Boutique Paris Saint-Honoré', kind: 'store', parent: 'house' },
  { handle: 'milan', name: 'Boutique Milano Montenapoleone', kind: 'store', parent: 'house' },
  { handle: 'london', name: 'Boutique London Bond Street', kind: 'store', parent: 'house' },
] as const;

const USERS = [
  {
    handle: 'admin',
    email: 'admin@verlaine.example',
    name: 'Aurélie Admin',
    role: 'admin',
    org: 'it',
    locale: 'fr',
    tz: 'Europe/Paris',
  },
  {
    handle: 'manager',
    email: 'claire.dubois@verlaine.example',
    name: 'Claire Dubois',
    role: 'manager',
    org: 'it',
    locale: 'fr',
    tz: 'Europe/Paris',
  },
  {
    handle: 'agent',
    email: 'marco.rossi@verlaine.example',
    name: 'Marco Rossi',
    role: 'agent',
    org: 'it',
    locale: 'en',
    tz: 'Europe/Rome',
  },
  {
    handle: 'agent2',
    email: 'sophie.martin@verlaine.example',
    name: 'Sophie Martin',
    role: 'agent',
    org: 'it',
    locale: 'fr',
    tz: 'Europe/Paris',
  },
  {
    handle: 'agent3',
    email: 'james.wright@verlaine.example',
    name: 'James Wright',
    role: 'agent',
    org: 'it',
    locale: 'en',
    tz: 'Europe/London',
  },
  {
    handle: 'auditor',
    email: 'ingrid.berg@verlaine.example',
    name: 'Ingrid Berg',
    role: 'auditor',
    org: null,
    locale: 'en',
    tz: 'Europe/Paris',
  },
  {
    handle: 'requester',
    email: 'lucie.bernard@verlaine.example',
    name: 'Lucie Bernard',
    role: 'requester',
    org: 'paris',
    locale: 'fr',
    tz: 'Europe/Paris',
  },
  {
    handle: 'requester2',
    email: 'giulia.conti@verlaine.example',
    name: 'Giulia Conti',
    role: 'requester',
    org: 'milan',
    locale: 'en',
    tz: 'Europe/Rome',
  },
  {
    handle: 'requester3',
    email: 'oliver.hughes@verlaine.example',
    name: 'Oliver Hughes',
    role: 'requester',
    org: 'london',
    locale: 'en',
    tz: 'Europe/London',
  },
  {
    handle: 'executive',
    email: 'helene.marchand@verlaine.example',
    name: 'Hélène Marchand',
    role: 'manager',
    org: 'house',
    locale: 'fr',
    tz: 'Europe/Paris',
  },
] as const;

const GROUPS = [
  {
    handle: 'servicedesk',
    name: 'Service Desk',
    description: 'First line for stores, head office and online customers',
    manager: 'manager',
    members: ['agent', 'agent2', 'agent3'],
  },
  {
    handle: 'ecommerce',
    name: 'E-commerce Platform',
    description: 'Storefront, checkout and product catalogue',
    manager: 'manager',
    members: ['agent', 'agent3'],
  },
  {
    handle: 'payments',
    name: 'Payments',
    description: 'Payment gateway and fraud screening',
    manager: 'manager',
    members: ['agent2'],
  },
  {
    handle: 'stores',
    name: 'Store Systems',
    description: 'Point of sale and devices in the boutiques',
    manager: 'manager',
    members: ['agent2', 'agent3'],
  },
] as const;

export async function seedAccounts(services: Services, workspace: DemoWorkspace) {
  const actor = systemActor('demo');
  for (const o of ORGANISATIONS) {
    const created = await services.organisations.create(actor, {
      name: o.name,
      kind: o.kind,
      parentId: o.parent ? workspace.organisations[o.parent]?.id : null,
    });
    workspace.organisations[o.handle] = { id: created.id, name: created.name };
  }
  for (const u of USERS) {
    const existing = await services.users.credentials(u.email);
    const user =
      existing?.user ??
      (await services.users.create(actor, {
        email: u.email,
        name: u.name,
        role: u.role,
        locale: u.locale,
        timeZone: u.tz,
        organisationId: u.org ? workspace.organisations[u.org]?.id : null,
        password: DEMO_PASSWORD,
      }));
    workspace.users[u.handle] = {
      id: user.id,
      email: user.email,
      name: user.name,
      role: user.role,
    };
  }
  for (const g of GROUPS) {
    const created = await services.groups.create(actor, {
      name: g.name,
      description: g.description,
      managerId: workspace.users[g.manager]?.id,
      memberIds: g.members
        .map((m) => workspace.users[m]?.id)
        .filter((id): id is string => Boolean(id)),
    });
    workspace.groups[g.handle] = { id: created.id, name: created.name };
  }
}
