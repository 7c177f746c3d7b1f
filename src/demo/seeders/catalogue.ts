// The retailer's service catalogue: the services its IT runs for the boutiques, head office and
// online customers, and what people can order from each, with forms, approvals and tasks.
import type { FormField } from '../../modules/catalogue/catalogue.js';
import type { Services } from '../../server/services.js';
import { systemActor } from '../../shared/actor.js';
import type { DemoWorkspace } from '../demo.js';

const SERVICES = [
  {
    handle: 'storefront',
    name: 'E-commerce storefront',
    description: 'The online boutique: product pages, basket, checkout and customer accounts.',
    owner: 'executive',
    calendar: 'online',
    group: 'ecommerce',
  },
  {
    handle: 'payments',
    name: 'Payment gateway',
    description: 'Card, wallet and gift-card payments for the storefront and the boutiques.',
    owner: 'manager',
    calendar: 'online',
    group: 'payments',
  },
  {
    handle: 'pos',
    name: 'Point of sale (boutiques)',
    description:
      'Tills, payment terminals, receipt printers and the POS software in every boutique.',
    owner: 'manager',
    calendar: 'paris',
    group: 'stores',
  },
  {
    handle: 'crm',
    name: 'CRM',
    description: 'Client book, purchase history and clienteling for sales associates.',
    owner: 'executive',
    calendar: 'paris',
    group: 'servicedesk',
  },
  {
    handle: 'email',
    name: 'Email and collaboration',
    description: 'Mailboxes, calendars, shared drives and video meetings.',
    owner: 'manager',
    calendar: 'london',
    group: 'servicedesk',
  },
  {
    handle: 'warehouse',
    name: 'Warehouse management',
    description: 'Stock, transfers between boutiques and the logistics platform in Milan.',
    owner: 'manager',
    calendar: 'milan',
    group: 'logistics',
  },
] as const;

type Approval = { kind: 'manager' | 'service-owner' } | { kind: 'group'; group: string };

const REQUEST_TYPES: {
  handle: string;
  service: (typeof SERVICES)[number]['handle'];
  name: string;
  description: string;
  form: FormField[];
  approvals: Approval[];
  tasks: { title: string; group: string | null }[];
  instructions: string;
}[] = [
  {
    handle: 'laptop',
    service: 'email',
    name: 'New laptop',
    description: 'A laptop for a new starter, or to replace one that is lost or worn out.',
    form: [
      {
        key: 'model',
        label: 'Model',
        kind: 'select',
        required: true,
        options: ['MacBook Air 13"', 'MacBook Pro 14"', 'ThinkPad X1 Carbon'],
      },
      {
        key: 'forUser',
        label: 'Who will use it',
        kind: 'user',
        required: true,
        help: 'Yourself, or the new starter if their account exists.',
      },
      {
        key: 'justification',
        label: 'Justification',
        kind: 'long-text',
        required: true,
        min: 20,
        max: 2000,
      },
      { key: 'neededBy', label: 'Needed by', kind: 'date', required: false },
      {
        key: 'accessories',
        label: 'Accessories',
        kind: 'multi-select',
        required: false,
        options: ['Docking station', 'Second screen', 'Headset', 'Carry case'],
      },
    ],
    approvals: [{ kind: 'manager' }],
    tasks: [
      { title: 'Order the laptop from the supplier', group: 'logistics' },
      { title: 'Install the standard image and enrol the device', group: 'logistics' },
      { title: 'Hand the laptop over and collect the old one', group: 'servicedesk' },
    ],
    instructions:
      'Check stock in the Paris IT room before ordering. Old devices are wiped and returned to logistics.',
  },
  {
    handle: 'sharedMailbox',
    service: 'email',
    name: 'Shared mailbox',
    description: 'A mailbox several people read and send from, e.g. a boutique’s client mailbox.',
    form: [
      {
        key: 'address',
        label: 'Address',
        kind: 'text',
        required: true,
        pattern: '[a-z0-9.-]+@verlaine\\.example',
        help: 'For example boutique.paris@verlaine.example',
      },
      { key: 'displayName', label: 'Display name', kind: 'text', required: true, max: 64 },
      { key: 'owner', label: 'Owner', kind: 'user', required: true },
      { key: 'members', label: 'Other members (names)', kind: 'long-text', required: false },
    ],
    approvals: [{ kind: 'manager' }],
    tasks: [{ title: 'Create the mailbox and grant access', group: 'servicedesk' }],
    instructions: 'Owners are responsible for reviewing members every six months.',
  },
  {
    handle: 'crmAccess',
    service: 'crm',
    name: 'Access to CRM',
    description: 'An account on the client book for a sales associate or a manager.',
    form: [
      { key: 'forUser', label: 'Person', kind: 'user', required: true },
      {
        key: 'role',
        label: 'Role',
        kind: 'select',
        required: true,
        options: ['Sales associate', 'Boutique manager', 'Client advisor (read only)'],
      },
      {
        key: 'boutiques',
        label: 'Boutiques',
        kind: 'multi-select',
        required: true,
        options: ['Paris Saint-Honoré', 'Milano Montenapoleone', 'London Bond Street'],
      },
      {
        key: 'gdpr',
        label: 'The person has completed the client data protection training',
        kind: 'checkbox',
        required: true,
      },
    ],
    approvals: [{ kind: 'manager' }, { kind: 'service-owner' }],
    tasks: [{ title: 'Create the CRM account with the approved role', group: 'servicedesk' }],
    instructions: 'Boutique managers may see every client of their boutique; associates their own.',
  },
  {
    handle: 'giftCardRefund',
    service: 'pos',
    name: 'Gift card refund',
    description: 'Refund the balance of a gift card that cannot be used (damaged, expired).',
    form: [
      {
        key: 'cardNumber',
        label: 'Card number',
        kind: 'text',
        required: true,
        pattern: '\\d{16}',
        help: '16 digits, on the back of the card',
      },
      { key: 'amount', label: 'Amount (EUR)', kind: 'number', required: true, min: 1, max: 5000 },
      {
        key: 'reason',
        label: 'Reason',
        kind: 'select',
        required: true,
        options: ['Damaged card', 'Expired card', 'Client complaint', 'Other'],
      },
      { key: 'purchasedOn', label: 'Purchased on', kind: 'date', required: false },
    ],
    approvals: [{ kind: 'group', group: 'payments' }],
    tasks: [{ title: 'Refund the balance and void the card', group: 'payments' }],
    instructions: 'Refunds over 1000 EUR need the boutique manager’s note in the ticket.',
  },
  {
    handle: 'posTerminal',
    service: 'pos',
    name: 'New boutique POS terminal',
    description: 'An additional till or payment terminal for a boutique.',
    form: [
      {
        key: 'boutique',
        label: 'Boutique',
        kind: 'select',
        required: true,
        options: ['Paris Saint-Honoré', 'Milano Montenapoleone', 'London Bond Street'],
      },
      {
        key: 'device',
        label: 'Device',
        kind: 'select',
        required: true,
        options: ['Till with receipt printer', 'Mobile payment terminal', 'Tablet till'],
      },
      { key: 'quantity', label: 'Quantity', kind: 'number', required: true, min: 1, max: 10 },
      { key: 'installBy', label: 'Install by', kind: 'date', required: true },
    ],
    approvals: [{ kind: 'manager' }, { kind: 'service-owner' }],
    tasks: [
      { title: 'Order the devices', group: 'logistics' },
      { title: 'Configure the terminal in the POS back office', group: 'stores' },
      { title: 'Install in the boutique and test a payment', group: 'stores' },
    ],
    instructions: 'Install outside opening hours. Register the serial numbers in the asset list.',
  },
  {
    handle: 'promoCode',
    service: 'storefront',
    name: 'Promotion code',
    description: 'A discount code for a private sale or a client event.',
    form: [
      { key: 'code', label: 'Code', kind: 'text', required: true, pattern: '[A-Z0-9]{4,16}' },
      { key: 'discount', label: 'Discount (%)', kind: 'number', required: true, min: 5, max: 50 },
      { key: 'startsOn', label: 'Starts on', kind: 'date', required: true },
      { key: 'endsOn', label: 'Ends on', kind: 'date', required: true },
    ],
    approvals: [{ kind: 'service-owner' }],
    tasks: [{ title: 'Configure the code on the storefront', group: 'ecommerce' }],
    instructions: '',
  },
  {
    handle: 'stockTransfer',
    service: 'warehouse',
    name: 'Stock transfer between boutiques',
    description: 'Move pieces from one boutique or the warehouse to another.',
    form: [
      {
        key: 'from',
        label: 'From',
        kind: 'select',
        required: true,
        options: [
          'Warehouse Milan',
          'Paris Saint-Honoré',
          'Milano Montenapoleone',
          'London Bond Street',
        ],
      },
      {
        key: 'to',
        label: 'To',
        kind: 'select',
        required: true,
        options: ['Paris Saint-Honoré', 'Milano Montenapoleone', 'London Bond Street'],
      },
      { key: 'references', label: 'Product references', kind: 'long-text', required: true },
      { key: 'urgent', label: 'Urgent (client waiting)', kind: 'checkbox', required: false },
    ],
    approvals: [],
    tasks: [{ title: 'Prepare and ship the transfer', group: 'logistics' }],
    instructions: '',
  },
];

export async function seedCatalogue(services: Services, workspace: DemoWorkspace) {
  const actor = systemActor('demo');
  const users = workspace.users;
  if (!workspace.groups.logistics) {
    const logistics = await services.groups.create(actor, {
      name: 'IT Logistics',
      description: 'Devices: ordering, imaging, delivery and returns',
      managerId: users.manager?.id ?? null,
      memberIds: [users.agent?.id, users.agent2?.id].filter((id): id is string => Boolean(id)),
    });
    workspace.groups.logistics = { id: logistics.id, name: logistics.name };
  }
  const group = (handle: string | null) => (handle ? (workspace.groups[handle]?.id ?? null) : null);

  workspace.services = {};
  for (const s of SERVICES) {
    const created = await services.catalogue.createService(actor, {
      name: s.name,
      description: s.description,
      status: 'live',
      ownerId: users[s.owner]?.id ?? null,
      calendarId: workspace.calendars?.[s.calendar] ?? null,
      defaultGroupId: group(s.group),
    });
    workspace.services[s.handle] = { id: created.id, name: created.name };
  }

  workspace.requestTypes = {};
  for (const r of REQUEST_TYPES) {
    const serviceId = workspace.services[r.service]?.id;
    if (!serviceId) continue;
    const created = await services.catalogue.createRequestType(actor, {
      serviceId,
      name: r.name,
      description: r.description,
      form: r.form,
      approvals: r.approvals.map((a) =>
        a.kind === 'group' ? { kind: 'group', groupId: group(a.group) ?? '' } : { kind: a.kind },
      ),
      tasks: r.tasks.map((task) => ({ title: task.title, groupId: group(task.group) })),
      instructions: r.instructions,
    });
    workspace.requestTypes[r.handle] = {
      id: created.id,
      name: created.name,
      serviceId,
    };
  }
}
