// Demo change management: the CAB and the emergency CAB, the change policy with its risk
// questionnaire and approval rules, standard-change templates, and about a quarter of changes —
// two months of history (mostly successful, a few failed or backed out with reviews linking the
// incidents they caused) and a month ahead in every state, one of them inside the winter sales
// freeze with a justified override. Everything goes through the services, so rules and audit apply.
import type { ChangePolicy } from '../../modules/changes/change-policy.js';
import type { CloseCode, RiskLevel } from '../../modules/changes/changes.js';
import type { Services } from '../../server/services.js';
import { type Actor, systemActor } from '../../shared/actor.js';
import type { DemoWorkspace } from '../demo.js';
import { winterSales } from './change-calendar.js';
import { CHANGE_TEXTS, type DemoChangeText } from './change-texts.js';

const DAY = 86_400_000;
const HOUR = 3_600_000;

const ANSWERS: Record<RiskLevel, Record<string, string>> = {
  low: { customer_impact: 'none', tested: 'yes', backout: 'quick', trading_hours: 'no' },
  medium: { customer_impact: 'degraded', tested: 'yes', backout: 'hour', trading_hours: 'no' },
  high: { customer_impact: 'outage', tested: 'partly', backout: 'long', trading_hours: 'no' },
};

function demoPolicy(
  groups: { cab: string; ecab: string },
  svc: (h: string) => string[],
): ChangePolicy {
  const cab = { kind: 'group' as const, groupId: groups.cab };
  return {
    allServicesControlled: false,
    controlledServiceIds: svc('storefront').concat(
      svc('payments'),
      svc('pos'),
      svc('crm'),
      svc('warehouse'),
    ),
    majorImpact: {
      riskLevels: ['high'],
      serviceIds: svc('storefront').concat(svc('payments'), svc('pos')),
    },
    riskQuestionnaire: {
      questions: [
        {
          key: 'customer_impact',
          text: 'Could clients notice the change while it is made?',
          answers: [
            { key: 'none', label: 'No', weight: 0 },
            { key: 'degraded', label: 'Slower or partly unavailable', weight: 3 },
            { key: 'outage', label: 'Unavailable for a while', weight: 5 },
          ],
        },
        {
          key: 'tested',
          text: 'Was the change tested in the staging copy of production?',
          answers: [
            { key: 'yes', label: 'Yes, fully', weight: 0 },
            { key: 'partly', label: 'Partly', weight: 2 },
            { key: 'no', label: 'No', weight: 4 },
          ],
        },
        {
          key: 'backout',
          text: 'How long would backing it out take?',
          answers: [
            { key: 'quick', label: 'Under 15 minutes', weight: 0 },
            { key: 'hour', label: 'Under an hour', weight: 1 },
            { key: 'long', label: 'Longer, or it cannot be backed out', weight: 3 },
          ],
        },
        {
          key: 'trading_hours',
          text: 'Is it made while boutiques are open or during the evening online peak?',
          answers: [
            { key: 'no', label: 'No', weight: 0 },
            { key: 'yes', label: 'Yes', weight: 3 },
          ],
        },
      ],
      thresholds: { medium: 3, high: 8 },
    },
    approvalRules: [
      {
        name: 'Emergency changes',
        types: ['emergency'],
        riskLevels: [],
        major: null,
        steps: [
          {
            name: 'Emergency CAB',
            approvers: { kind: 'group', groupId: groups.ecab },
            mode: 'any',
            n: null,
          },
        ],
      },
      {
        name: 'Major changes',
        types: ['normal'],
        riskLevels: [],
        major: true,
        steps: [
          { name: 'CAB', approvers: cab, mode: 'n_of_m', n: 2 },
          { name: 'Service owner', approvers: { kind: 'service_owners' }, mode: 'all', n: null },
        ],
      },
      {
        name: 'Low-risk normal changes',
        types: ['normal'],
        riskLevels: ['low'],
        major: null,
        steps: [
          { name: 'Service owner', approvers: { kind: 'service_owners' }, mode: 'any', n: null },
        ],
      },
      {
        name: 'Medium and high-risk normal changes',
        types: ['normal'],
        riskLevels: ['medium', 'high'],
        major: null,
        steps: [{ name: 'CAB', approvers: cab, mode: 'n_of_m', n: 2 }],
      },
    ],
  };
}

const TEMPLATES = [
  {
    handle: 'emailRelay',
    name: 'Restart the email relay after monthly patching',
    service: 'email',
    implementationPlan:
      'Drain the relay queue, apply the patches, restart, check the queue empties.',
    testPlan: 'Send a test message to a boutique shared mailbox.',
    backoutPlan: 'Fail over to the standby relay.',
  },
  {
    handle: 'storefrontCategory',
    name: 'Publish a new product category on the storefront',
    service: 'storefront',
    implementationPlan: 'Create the category in the back office, attach products, publish.',
    testPlan: 'Open the category in French, English and Italian.',
    backoutPlan: 'Unpublish the category.',
  },
  {
    handle: 'tlsCertificate',
    name: 'Renew the payment gateway TLS certificate',
    service: 'payments',
    implementationPlan: 'Install the renewed certificate on both gateway nodes, one at a time.',
    testPlan: 'Run a 1 EUR test payment through each node.',
    backoutPlan: 'Reinstall the previous certificate (valid for 14 more days).',
  },
  {
    handle: 'tillPriceFile',
    name: 'Load the weekly price file on the tills',
    service: 'pos',
    implementationPlan: 'Push the price file to every till after closing time.',
    testPlan: 'Scan three items in each boutique the next morning.',
    backoutPlan: 'Push the previous week’s price file.',
  },
] as const;

/** What becomes of a demo change. */
type Fate =
  | {
      to:
        | 'draft'
        | 'assessment'
        | 'awaiting_approval'
        | 'scheduled'
        | 'implementing'
        | 'review'
        | 'cancelled'
        | 'rejected';
    }
  | { to: 'closed'; code: CloseCode; caused?: [string, string, number] };

interface Plan {
  text: DemoChangeText;
  day: number;
  fate: Fate;
  override?: string;
  at?: string;
}

export async function seedChanges(services: Services, workspace: DemoWorkspace): Promise<void> {
  const user = (handle: string) => {
    const u = workspace.users[handle];
    if (!u) throw new Error(`demo user ${handle} is missing`);
    return u;
  };
  const actorOf = (handle: string): Actor => {
    const u = user(handle);
    return { id: u.id, name: u.name, role: u.role as Actor['role'] };
  };
  const byId = new Map(Object.values(workspace.users).map((u) => [u.id, u]));
  const actorById = (id: string): Actor => {
    const u = byId.get(id);
    if (!u) throw new Error(`demo user ${id} is missing`);
    return { id: u.id, name: u.name, role: u.role as Actor['role'] };
  };
  const svc = (handle: string) => {
    const id = workspace.services?.[handle]?.id;
    return id ? [id] : [];
  };
  const system = systemActor('demo');
  const { changes, groups, clock } = services;
  const now = clock.now().getTime();

  const cab = await groups.create(system, {
    name: 'Change Advisory Board',
    description: 'Assesses and approves normal changes of medium and high risk; meets on Tuesdays.',
    managerId: user('manager').id,
    memberIds: ['manager', 'agent2', 'agent3', 'executive'].map((h) => user(h).id),
  });
  const ecab = await groups.create(system, {
    name: 'Emergency CAB',
    description: 'Approves emergency changes at any hour, before or after they are made.',
    managerId: user('manager').id,
    memberIds: ['manager', 'executive', 'admin'].map((h) => user(h).id),
  });
  workspace.groups.cab = { id: cab.id, name: cab.name };
  workspace.groups.ecab = { id: ecab.id, name: ecab.name };

  const admin = actorOf('admin');
  await changes.updatePolicy(admin, 0, demoPolicy({ cab: cab.id, ecab: ecab.id }, svc));
  const templates: Record<string, string> = {};
  for (const t of TEMPLATES) {
    const created = await changes.createTemplate(admin, {
      name: t.name,
      description: t.name,
      serviceId: svc(t.service)[0] ?? null,
      implementationPlan: t.implementationPlan,
      testPlan: t.testPlan,
      backoutPlan: t.backoutPlan,
      riskLevel: 'low',
    });
    templates[t.handle] = created.id;
  }

  const plans = planQuarter(now);
  const made: { handle: string; id: string; number: string; live: boolean }[] = [];
  for (const plan of plans) {
    const change = await make(plan);
    if (change)
      made.push({
        ...change,
        handle: plan.text.handle ?? change.number,
        live: plan.fate.to !== 'cancelled' && plan.fate.to !== 'rejected',
      });
  }
  // Newest first, so later seeders (releases) link the changes of the coming weeks.
  workspace.changes = Object.fromEntries(
    made
      .filter((c) => c.live)
      .reverse()
      .map((c) => [c.handle, { id: c.id, number: c.number }]),
  );

  /** A two-hour night window on the plan's day, moved earlier while it would conflict. */
  async function slot(plan: Plan, serviceIds: string[]) {
    if (plan.at)
      return { start: plan.at, end: new Date(Date.parse(plan.at) + 2 * HOUR).toISOString() };
    const midnight = Math.floor((now + plan.day * DAY) / DAY) * DAY;
    for (let shift = 0; shift < 20; shift++) {
      const start = new Date(midnight - shift * DAY + 21 * HOUR).toISOString();
      const end = new Date(midnight - shift * DAY + 23 * HOUR).toISOString();
      const conflicts = await services.changeCalendar.conflictsFor(services.db, {
        changeId: null,
        serviceIds,
        start,
        end,
      });
      if (conflicts.length === 0) return { start, end };
    }
    return null;
  }

  async function make(plan: Plan) {
    const { text, fate } = plan;
    const requester = actorOf(text.by);
    const serviceIds = svc(text.service);
    const window = await slot(plan, serviceIds);
    if (!window) return null;
    let change = await changes.create(requester, {
      type: text.type,
      title: text.title,
      ...(text.template ? { templateId: templates[text.template] } : {}),
      description: text.description,
      reason: text.reason,
      serviceIds,
      groupId: text.group ? (workspace.groups[text.group]?.id ?? null) : null,
      assigneeId: requester.id,
      plannedStart: window.start,
      plannedEnd: window.end,
      ...(text.implementationPlan ? { implementationPlan: text.implementationPlan } : {}),
      ...(text.testPlan ? { testPlan: text.testPlan } : {}),
      ...(text.backoutPlan ? { backoutPlan: text.backoutPlan } : {}),
      riskAnswers: text.type === 'standard' ? {} : ANSWERS[text.risk ?? 'low'],
      impact: text.risk ?? 'low',
      ...(plan.override ? { scheduleOverride: { justification: plan.override } } : {}),
    });
    const step = async (
      action: 'assess' | 'submit' | 'start' | 'complete' | 'cancel',
      extra = {},
    ) => {
      change = await changes.transition(requester, change.id, change.version, { action, ...extra });
    };
    const approve = async (reject = false) => {
      while (change.approval === 'pending') {
        const current = change.steps.find((s) => s.status === 'active');
        const voterId = current?.eligibleIds.find(
          (id) => !current.votes.some((v) => v.voterId === id),
        );
        if (!current || !voterId) return;
        change = await changes.vote(actorById(voterId), change.id, {
          decision: reject ? 'reject' : 'approve',
          comment: reject
            ? 'Not during the sales build-up: please bring it back after the freeze with a tested back-out.'
            : 'Plans and back-out are clear; approved.',
        });
      }
    };
    const summary = { id: change.id, number: change.number };
    if (fate.to === 'draft') return summary;
    if (fate.to === 'cancelled') {
      await step('cancel', {
        reason: 'Superseded by the platform upgrade planned for the spring.',
      });
      return summary;
    }
    if (text.type === 'normal') await step('assess');
    if (fate.to === 'assessment') return summary;
    await step('submit');
    const emergency = text.type === 'emergency';
    if (fate.to === 'awaiting_approval') return summary;
    if (fate.to === 'rejected') {
      await approve(true);
      return summary;
    }
    if (!emergency || fate.to === 'scheduled') await approve();
    if (fate.to === 'scheduled') return summary;
    await step('start');
    if (fate.to === 'implementing') return summary;
    await step('complete');
    if (fate.to !== 'closed') return summary;
    if (change.reviewRequired) {
      const caused = fate.caused
        ? await services.problems.incidentIdsMatching(
            svc(fate.caused[0])[0] ?? '',
            fate.caused[1],
            fate.caused[2],
          )
        : [];
      const good = fate.code === 'successful' || fate.code === 'successful_with_issues';
      change = await changes.recordReview(requester, change.id, change.version, {
        outcome: good
          ? 'Implemented in the planned window; monitoring stayed green the following day.'
          : (text.failure ?? 'The change did not work as planned and was reversed.'),
        objectivesMet: good,
        lessons: good
          ? ''
          : (text.lessons ?? 'Rehearse the back-out in staging before the window.'),
        causedIncidentIds: caused,
      });
    }
    if (emergency) await approve();
    change = await changes.transition(requester, change.id, change.version, {
      action: 'close',
      closeCode: fate.code,
    });
    return summary;
  }
}

/**
 * The quarter: history two months back (one change every other day or so) and a month ahead, with
 * the states a demo walks through. Texts rotate through CHANGE_TEXTS.
 */
function planQuarter(now: number): Plan[] {
  const texts = [...CHANGE_TEXTS];
  // Each text once while some match; then texts are reused (a second weekly price file…).
  let reused = 0;
  const take = (predicate: (t: DemoChangeText) => boolean): DemoChangeText => {
    const index = texts.findIndex((t) => !t.handle && predicate(t));
    if (index >= 0) return texts.splice(index, 1)[0] as DemoChangeText;
    // Routine work repeats: standard changes first, then any matching text in turn.
    const standard = CHANGE_TEXTS.filter((t) => t.type === 'standard' && predicate(t));
    const matching = standard.length
      ? standard
      : CHANGE_TEXTS.filter((t) => !t.handle && predicate(t));
    return (matching[reused++ % matching.length] ?? CHANGE_TEXTS[0]) as DemoChangeText;
  };

  // Today and the month ahead first, so the changes people open get distinct texts.
  const aheadFates: [number, Fate['to']][] = [
    [-1, 'review'],
    [0, 'implementing'],
    [2, 'scheduled'],
    [4, 'awaiting_approval'],
    [5, 'scheduled'],
    [7, 'awaiting_approval'],
    [9, 'scheduled'],
    [12, 'assessment'],
    [14, 'scheduled'],
    [16, 'awaiting_approval'],
    [19, 'draft'],
    [21, 'scheduled'],
    [24, 'assessment'],
    [27, 'draft'],
  ];
  const ahead: Plan[] = aheadFates.map(([day, to]) => ({
    text: take((t) =>
      to === 'scheduled'
        ? t.failure === undefined
        : to === 'review' || to === 'implementing'
          ? t.type !== 'standard' && t.failure === undefined
          : t.type === 'normal' && t.failure === undefined && t.service !== 'email',
    ),
    day,
    fate: { to } as Fate,
  }));

  // Two months of history, one change every other day; a few failed, backed out or refused.
  const routine: Fate[] = [
    { to: 'closed', code: 'successful' },
    { to: 'closed', code: 'successful' },
    { to: 'closed', code: 'successful_with_issues' },
    { to: 'closed', code: 'successful' },
  ];
  const special = new Map<number, Fate>([
    [
      4,
      { to: 'closed', code: 'failed', caused: ['storefront', 'checkout page returns an error', 2] },
    ],
    [9, { to: 'closed', code: 'backed_out', caused: ['payments', 'card payments declined', 3] }],
    [14, { to: 'cancelled' }],
    [17, { to: 'closed', code: 'backed_out', caused: ['pos', 'terminal frozen', 2] }],
    [21, { to: 'rejected' }],
    [24, { to: 'closed', code: 'failed' }],
  ]);
  const history: Plan[] = [];
  for (let i = 0, day = -62; day < -2; i++, day += 2) {
    const fate = special.get(i) ?? (routine[i % routine.length] as Fate);
    const failing = fate.to === 'closed' && (fate.code === 'failed' || fate.code === 'backed_out');
    const causedOn = fate.to === 'closed' ? fate.caused?.[0] : undefined;
    history.push({
      text: take((t) =>
        failing
          ? t.failure !== undefined && (!causedOn || t.service === causedOn)
          : fate.to === 'rejected'
            ? t.type === 'normal' && t.service !== 'email'
            : t.failure === undefined,
      ),
      day,
      fate,
    });
  }

  const specials: Plan[] = [];
  for (const text of CHANGE_TEXTS.filter((t) => t.handle === 'gatewayEmergency'))
    specials.push({ text, day: 0, fate: { to: 'implementing' } });
  const sales = winterSales(new Date(now));
  for (const text of CHANGE_TEXTS.filter((t) => t.handle === 'schemeMandate'))
    specials.push({
      text,
      day: 0,
      at: new Date(Date.parse(sales.start) + 8 * DAY + 21 * HOUR).toISOString(),
      fate: { to: 'awaiting_approval' },
      override:
        'The card schemes require the new authentication data from 15 January; missing it means declined payments in the middle of the sales. Rehearsed twice in staging; the acquirer’s engineer is on the call.',
    });
  return [...history, ...ahead, ...specials];
}
