// The desk's history and today: months of generated tickets (so dashboards and KPIs have data on
// first start), then a few live tickets raised through the ticket service itself, in the states
// a demo walks through — new, in progress, on hold, waiting for approval, resolved with a survey.

import type { Services } from '../../server/services.js';
import type { Actor } from '../../shared/actor.js';
import { systemActor } from '../../shared/actor.js';
import type { DemoWorkspace } from '../demo.js';
import { generateTickets } from '../ticket-generator.js';

export async function seedTickets(
  services: Services,
  workspace: DemoWorkspace,
  options: { tickets?: number },
) {
  const actorOf = (handle: string): Actor => {
    const u = workspace.users[handle];
    if (!u) throw new Error(`demo user ${handle} is missing`);
    return { id: u.id, name: u.name, role: u.role as Actor['role'] };
  };
  const system = systemActor('demo');
  // Requesters' line manager approves their requests.
  for (const handle of ['requester', 'requester2', 'requester3']) {
    const user = await services.users.get(system, actorOf(handle).id as string);
    await services.users.update(system, user.id, user.version, {
      managerId: actorOf('executive').id,
    });
  }

  const count = options.tickets ?? 2500;
  if (count > 0) {
    // History ends yesterday evening so today's live tickets come last.
    await generateTickets(services, { count, days: 180, seed: 20261126 });
  }

  const svc = workspace.services ?? {};
  const types = workspace.requestTypes ?? {};
  const requester = actorOf('requester');
  const agent = actorOf('agent');
  const tickets = services.tickets;

  const checkout = await tickets.create(requester, {
    type: 'incident',
    title: 'Clients cannot pay with Amex on the storefront',
    description: 'Since this morning every Amex payment ends on “payment declined”. Visa works.',
    serviceId: svc.payments?.id,
    category: 'payment',
    impact: 1,
    urgency: 2,
  });
  const payments = actorOf('agent2');
  const taken = await tickets.update(payments, checkout.id, checkout.version, {
    assigneeId: payments.id,
  });
  await tickets.changeStatus(payments, checkout.id, taken.version, { status: 'in_progress' });
  await tickets.comment(payments, checkout.id, {
    visibility: 'internal',
    body: 'Acquirer returns code 05 for all Amex BINs since 08:40; opened a case with them.',
  });
  await tickets.comment(payments, checkout.id, {
    visibility: 'public',
    body: 'We see the problem and the payment provider is working on it. Visa and Mastercard are not affected.',
  });

  await tickets.create(actorOf('requester2'), {
    type: 'incident',
    title: 'Receipt printer out of order at the Milan boutique',
    description: 'The printer blinks orange and prints nothing.',
    serviceId: svc.pos?.id,
    category: 'hardware',
    impact: 2,
    urgency: 2,
  });

  const mailbox = await tickets.create(actorOf('requester3'), {
    type: 'incident',
    title: 'Outlook keeps asking for my password',
    description: 'On the boutique PC, every ten minutes.',
    serviceId: svc.email?.id,
    category: 'software',
  });
  const held = await tickets.update(actorOf('agent3'), mailbox.id, mailbox.version, {
    assigneeId: actorOf('agent3').id,
  });
  await tickets.comment(actorOf('agent3'), mailbox.id, {
    visibility: 'public',
    body: 'Could you tell us when the PC was last restarted, and send a photo of the message?',
  });
  await tickets.changeStatus(actorOf('agent3'), mailbox.id, held.version, {
    status: 'on_hold',
    holdReason: 'awaiting_requester',
  });

  if (types.laptop) {
    await tickets.create(requester, {
      type: 'request',
      title: 'New laptop for our new client adviser',
      description: '',
      requestTypeId: types.laptop.id,
      formAnswers: {
        model: 'MacBook Air 13"',
        forUser: requester.id,
        justification: 'A new client adviser joins the Paris boutique on Monday.',
      },
    });
  }

  // Resolved yesterday: the requester has a survey to answer.
  const resolved = await tickets.create(requester, {
    type: 'incident',
    title: 'Product images missing on the new collection page',
    description: 'The handbags of the new collection show grey boxes.',
    serviceId: svc.storefront?.id,
    category: 'software',
  });
  const mine = await tickets.update(agent, resolved.id, resolved.version, { assigneeId: agent.id });
  await tickets.comment(agent, resolved.id, {
    visibility: 'public',
    body: 'The image cache was stale; it is purged now.',
  });
  await tickets.changeStatus(agent, resolved.id, mine.version, {
    status: 'resolved',
    resolutionCode: 'solved',
    resolutionNotes: 'Purged the CDN image cache and re-published the collection.',
  });
}
