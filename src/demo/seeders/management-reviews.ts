// Demo the management review of Maison Verlaine: the review held three months ago, with its
// inputs, decisions and actions (one done, one still open and overdue, turned into an
// improvement), and the next review planned in two weeks with its inputs taken from today's data.
import type { Services } from '../../server/services.js';
import type { Actor } from '../../shared/actor.js';
import type { DemoWorkspace } from '../demo.js';

const DAY = 86_400_000;

export async function seedManagementReviews(
  services: Services,
  workspace: DemoWorkspace,
): Promise<void> {
  const actorOf = (handle: string): Actor => {
    const u = workspace.users[handle];
    if (!u) throw new Error(`demo user ${handle} missing`);
    return { id: u.id, name: u.name, role: u.role as Actor['role'] };
  };
  const idOf = (handle: string): string => actorOf(handle).id as string;
  const chair = actorOf('manager');
  const reviews = services.managementReviews;
  const today = Date.parse(`${services.clock.now().toISOString().slice(0, 10)}T00:00:00.000Z`);
  const day = (offset: number) => new Date(today + offset * DAY).toISOString().slice(0, 10);
  const attendees = ['manager', 'executive', 'agent', 'agent2', 'auditor'].map((handle) =>
    idOf(handle),
  );

  // The previous review, held 90 days ago over the quarter before it.
  let held = await reviews.create(chair, {
    title: 'Management review, first half',
    plannedOn: day(-90),
    attendeeIds: attendees,
  });
  held = await reviews.refreshInputs(chair, held.id, held.version, {
    from: day(-180),
    to: day(-91),
  });
  held = await reviews.update(chair, held.id, held.version, {
    heldOn: day(-90),
    risks:
      'Peak season staffing at the service desk; dependency on one payment acquirer; the terminal supplier’s update policy.',
    minutes:
      'The board reviewed service delivery, satisfaction and the gap assessment. Password resets weigh on the desk; boutiques complain about unanswered till incidents. The internal audit is planned before the certification audit.',
    inputComments: {
      satisfaction: 'Boutiques rate us lower than head office: follow up on till incidents.',
      serviceDelivery: 'Password resets are a third of all requests.',
    },
  });
  held = await reviews.transition(chair, held.id, held.version, 'held');
  held = await reviews.addDecision(
    chair,
    held.id,
    'Offer password reset self-service in the portal before the next review.',
  );
  held = await reviews.addDecision(
    chair,
    held.id,
    'Make payment resilience at peak the first improvement priority of the quarter.',
  );
  const [selfService, resilience] = held.decisions;
  const done = await reviews.addAction(chair, held.id, {
    title: 'Launch password reset self-service',
    ownerId: idOf('agent2'),
    dueDate: day(-40),
    decisionId: selfService?.id ?? null,
  });
  await reviews.updateAction(actorOf('agent2'), done.id, done.version, {
    status: 'done',
    notes: 'Live in the portal; reset tickets down 38% (improvement register).',
  });
  const open = await reviews.addAction(chair, held.id, {
    title: 'Load-test the payment gateway before the winter sales',
    ownerId: idOf('agent2'),
    dueDate: day(-10),
    decisionId: resilience?.id ?? null,
  });
  await services.improvements.create(actorOf('manager'), {
    title: 'Load-test the payment gateway before every sale period',
    description: 'Turned from the action of the last management review into a standing practice.',
    source: 'management-review',
    sourceId: open.id,
    sourceLabel: `${held.number} action`,
    expectedBenefit: 'Saturation found before customers meet it.',
    benefit: 4,
    effort: 3,
    impact: 4,
  });
  const current = await reviews.get(chair, held.id);
  await reviews.transition(chair, current.id, current.version, 'closed');

  // The next review, planned in two weeks, prepared from today's data.
  const next = await reviews.create(chair, {
    title: 'Management review, second half',
    plannedOn: day(14),
    attendeeIds: attendees,
  });
  await reviews.refreshInputs(chair, next.id, next.version);
}
