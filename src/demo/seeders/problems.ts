// Demo problems found from the generated incident history: a known error of the payment gateway
// with its workaround (what the desk is offered on today's Amex incident), a till freeze still under
// investigation, a resolved storefront fault and a fresh problem raised from a trend.
import type { ProblemInput } from '../../modules/problems/problems.service.js';
import type { Services } from '../../server/services.js';
import type { Actor } from '../../shared/actor.js';
import type { DemoWorkspace } from '../demo.js';

interface DemoProblem {
  handle: string;
  by: string;
  group: string;
  /** [service handle, incident title fragment, how many] of generated incidents to link. */
  incidents: [string, string, number][];
  services: string[];
  fields: Omit<ProblemInput, 'serviceIds' | 'incidentIds' | 'ownerGroupId'>;
  /** Status moves after creation, in order. */
  moves: ('under_investigation' | 'known_error' | 'resolved')[];
}

const PROBLEMS: DemoProblem[] = [
  {
    handle: 'paymentTimeouts',
    by: 'agent2',
    group: 'payments',
    incidents: [
      ['payments', 'card payments declined', 8],
      ['storefront', 'checkout page returns an error', 4],
    ],
    services: ['payments', 'storefront'],
    fields: {
      title: 'Card payments declined or timing out at checkout during peaks',
      description:
        'Recurring checkout incidents: card payments are declined or time out in the evening peak and on sale days, with valid cards.',
      rcaMethod: 'five_whys',
      rootCause:
        'The acquirer gateway client keeps a pool of 50 connections. At peak the pool is exhausted, requests queue past the 30-second checkout timeout and the storefront reports the payment as declined.',
      contributingFactors:
        'Pool size unchanged since the 2024 launch; no alert on pool saturation; retries from the storefront add load at the worst moment.',
      workaround:
        'Ask the client to retry the payment after 30 seconds, or switch the payment to the backup acquirer in the payments console (Routing → Backup acquirer). Do not refund: the first attempt was never captured.',
    },
    moves: ['under_investigation', 'known_error'],
  },
  {
    handle: 'threeDSecure',
    by: 'agent2',
    group: 'payments',
    incidents: [['payments', '3-d secure challenge', 5]],
    services: ['payments'],
    fields: {
      title: '3-D Secure challenge never completes in in-app browsers',
      description: 'Clients paying from social media in-app browsers never see the bank challenge.',
      rcaMethod: 'fault_tree',
      rootCause:
        'In-app browsers block the third-party cookie the challenge frame needs, so the bank page never returns to the checkout.',
      workaround:
        'Ask the client to open the checkout in Safari or Chrome (share → open in browser), or send a payment link by email.',
    },
    moves: ['known_error'],
  },
  {
    handle: 'posFreeze',
    by: 'manager',
    group: 'stores',
    incidents: [['pos', 'terminal frozen', 6]],
    services: ['pos'],
    fields: {
      title: 'Point-of-sale terminals freeze at the till',
      description:
        'Terminals in the Paris and Milan boutiques freeze during a sale and need a hard restart; the sale in progress is lost.',
      rcaMethod: 'fishbone',
      contributingFactors:
        'Seen mostly after the latest terminal update; more frequent on terminals with the PIN pad on USB.',
    },
    moves: ['under_investigation'],
  },
  {
    handle: 'basketLanguage',
    by: 'agent',
    group: 'ecommerce',
    incidents: [['storefront', 'basket emptied', 5]],
    services: ['storefront'],
    fields: {
      title: 'Basket emptied when switching the storefront language',
      description: 'Clients lose their basket when they switch between English and French.',
      rcaMethod: 'five_whys',
      rootCause:
        'The basket cookie was scoped to the language sub-domain, so each language had its own empty basket.',
      workaround: 'Ask the client to choose the language before adding items.',
    },
    moves: ['known_error', 'resolved'],
  },
  {
    handle: 'sharedMailbox',
    by: 'agent',
    group: 'servicedesk',
    incidents: [['email', 'shared mailbox not receiving', 4]],
    services: ['email'],
    fields: {
      title: 'Boutique shared mailboxes stop receiving client emails',
      description:
        'Raised from the incident trend report: repeated incidents on the email service.',
    },
    moves: [],
  },
];

export async function seedProblems(services: Services, workspace: DemoWorkspace): Promise<void> {
  const actorOf = (handle: string): Actor => {
    const u = workspace.users[handle];
    if (!u) throw new Error(`demo user ${handle} is missing`);
    return { id: u.id, name: u.name, role: u.role as Actor['role'] };
  };
  const svc = workspace.services ?? {};
  const problems = services.problems;
  workspace.problems = {};
  for (const p of PROBLEMS) {
    const actor = actorOf(p.by);
    const incidentIds: string[] = [];
    for (const [service, title, count] of p.incidents) {
      const serviceId = svc[service]?.id;
      if (serviceId)
        incidentIds.push(...(await problems.incidentIdsMatching(serviceId, title, count)));
    }
    let problem = await problems.create(actor, {
      ...p.fields,
      ownerGroupId: workspace.groups[p.group]?.id ?? null,
      assigneeId: actor.id,
      serviceIds: p.services.map((s) => svc[s]?.id).filter((id): id is string => Boolean(id)),
      incidentIds,
    });
    for (const status of p.moves)
      problem = await problems.transition(actor, problem.id, problem.version, { status });
    workspace.problems[p.handle] = { id: problem.id, number: problem.number };
  }
}
