// Demo storefront releases, one in each column of the board: the autumn collection deployed, a
// promo-code fix rolled back after it caused an incident, the winter-sales release ready with its
// "go", one in testing with a failed criterion, one building and one being planned. Approved demo
// changes are linked where the change seeder left some.
import type { ReleaseDetail } from '../../modules/releases/releases.service.js';
import type { Services } from '../../server/services.js';
import type { Actor } from '../../shared/actor.js';
import type { DemoWorkspace } from '../demo.js';

const DAY = 86_400_000;

type ChangeKind = 'done' | 'coming' | 'pending';

interface DemoRelease {
  title: string;
  type: 'major' | 'minor' | 'emergency';
  versionLabel: string;
  /** Days from today to the start of the deployment window, and its length in hours. */
  startInDays: number;
  hours: number;
  description: string;
  deploymentPlan: string;
  rollbackPlan: string;
  criteria: [string, 'passed' | 'failed' | 'not_run', string?][];
  /** Demo changes to link: approved and done, approved and coming, or still awaiting approval. */
  changes?: { count: number; kind: ChangeKind };
  /** The statuses to walk through after planning. */
  path: string[];
  decision?: { decision: 'go' | 'no_go'; comment: string };
  outcome?: { result?: 'successful' | 'successful_with_issues'; text: string };
  incident?: { title: string; description: string };
}

const RELEASES: DemoRelease[] = [
  {
    title: 'Storefront 24.10 – autumn collection',
    type: 'major',
    versionLabel: '24.10.0',
    startInDays: -34,
    hours: 3,
    description: 'New collection pages, size guide and the reworked product gallery.',
    deploymentPlan:
      'Blue/green switch of the storefront web tier at 06:00, cache warm-up, smoke tests by the web team.',
    rollbackPlan: 'Switch the load balancer back to the blue pool; database changes are additive.',
    criteria: [
      [
        'Checkout completes with card, PayPal and gift card',
        'passed',
        'Regression run #1841, all green',
      ],
      [
        'Product pages load in under 2 s at the 95th percentile',
        'passed',
        'Load test report, 1.4 s p95',
      ],
      ['Size guide reviewed by the merchandising team', 'passed'],
    ],
    changes: { count: 2, kind: 'done' },
    path: ['building', 'testing', 'ready', 'deploying', 'deployed'],
    decision: { decision: 'go', comment: 'All criteria passed; the web team is on call.' },
    outcome: { result: 'successful', text: 'Deployed in 40 minutes, no customer impact.' },
  },
  {
    title: 'Storefront 24.10.1 – promo code fix',
    type: 'emergency',
    versionLabel: '24.10.1',
    startInDays: -26,
    hours: 1,
    description: 'Fix for percentage promo codes applied twice on bundles.',
    deploymentPlan: 'Hot deploy of the pricing service container, rolling restart.',
    rollbackPlan: 'Redeploy image 24.10.0 of the pricing service.',
    criteria: [
      ['Bundle discounts computed once', 'passed', 'Unit and integration tests'],
      ['Existing promo codes still accepted', 'passed', 'Manual check on 12 live codes'],
    ],
    path: ['building', 'testing', 'ready', 'deploying', 'rolled_back'],
    decision: { decision: 'go', comment: 'Emergency: revenue loss on bundles.' },
    outcome: {
      text: 'Promo codes of the loyalty programme were rejected after the deployment; rolled back to 24.10.0 within 30 minutes.',
    },
    incident: {
      title: 'Loyalty promo codes rejected at checkout',
      description:
        'Since the deployment this morning, clients get “invalid code” for loyalty codes.',
    },
  },
  {
    title: 'Storefront 24.11 – winter sales',
    type: 'major',
    versionLabel: '24.11.0',
    startInDays: 4,
    hours: 4,
    description: 'Sales banners, countdown, extra checkout capacity for the winter sales.',
    deploymentPlan:
      'Deploy before the freeze window; scale the checkout pool to 12 nodes; feature flags for banners.',
    rollbackPlan: 'Feature flags off, then redeploy 24.10.0 if the checkout is affected.',
    criteria: [
      ['Checkout sustains 3× the usual peak load', 'passed', 'Load test 2026-11-20'],
      ['Sale prices match the merchandising price list', 'passed'],
      ['Banners and countdown display on mobile and desktop', 'passed'],
    ],
    changes: { count: 2, kind: 'coming' },
    path: ['building', 'testing', 'ready'],
    decision: { decision: 'go', comment: 'Ready before the winter sales freeze.' },
  },
  {
    title: 'Storefront 24.11.1 – checkout accessibility',
    type: 'minor',
    versionLabel: '24.11.1',
    startInDays: 12,
    hours: 2,
    description: 'Keyboard navigation and screen reader labels in the checkout.',
    deploymentPlan: 'Rolling deploy of the web tier.',
    rollbackPlan: 'Redeploy the previous image.',
    criteria: [
      ['Checkout usable with the keyboard only', 'passed', 'Manual test'],
      [
        'No serious axe-core violations in the checkout',
        'failed',
        '2 serious violations on the payment step',
      ],
      ['Screen reader announces errors', 'not_run'],
    ],
    changes: { count: 1, kind: 'pending' },
    path: ['building', 'testing'],
  },
  {
    title: 'Storefront 24.12 – gift guide',
    type: 'minor',
    versionLabel: '24.12.0',
    startInDays: 20,
    hours: 2,
    description: 'Gift guide pages and gift wrapping option.',
    deploymentPlan: 'Rolling deploy of the web tier.',
    rollbackPlan: 'Redeploy the previous image.',
    criteria: [['Gift wrapping added to the order total', 'not_run']],
    path: ['building'],
  },
  {
    title: 'Storefront 25.1 – new search',
    type: 'major',
    versionLabel: '25.1.0',
    startInDays: 45,
    hours: 4,
    description: 'Replace the search engine of the storefront; synonyms and typo tolerance.',
    deploymentPlan: 'To be written with the search vendor.',
    rollbackPlan: 'Keep the old search cluster running for a week behind a flag.',
    criteria: [],
    path: [],
  },
];

export async function seedReleases(services: Services, workspace: DemoWorkspace): Promise<void> {
  const storefront = workspace.services?.storefront?.id;
  if (!storefront) return;
  const actorOf = (handle: string): Actor => {
    const u = workspace.users[handle];
    if (!u) throw new Error(`demo user ${handle} is missing`);
    return { id: u.id, name: u.name, role: u.role as Actor['role'] };
  };
  const manager = actorOf('manager');
  const releases = services.releases;
  const now = services.clock.now().getTime();

  // Approved changes go on releases that deploy; a pending one shows the gate on another.
  const demoChanges = Object.values(workspace.changes ?? {});
  const states = demoChanges.length
    ? await services.changes.approvalStates(
        services.db,
        demoChanges.map((c) => c.id),
      )
    : new Map();
  const kindOf = (id: string): ChangeKind | null => {
    const state = states.get(id);
    if (!state) return null;
    if (!state.approved) return state.status === 'draft' ? null : 'pending';
    return state.status === 'closed' ? 'done' : state.status === 'review' ? null : 'coming';
  };
  const pools: Record<ChangeKind, string[]> = { done: [], coming: [], pending: [] };
  for (const c of demoChanges) {
    const kind = kindOf(c.id);
    if (kind) pools[kind].push(c.id);
  }

  for (const spec of RELEASES) {
    // Deployment windows open at 21:00 UTC, after the boutiques close.
    const day = new Date(now + spec.startInDays * DAY);
    const start = Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), 21);
    let release: ReleaseDetail = await releases.create(manager, {
      title: spec.title,
      type: spec.type,
      versionLabel: spec.versionLabel,
      serviceId: storefront,
      description: spec.description,
      deploymentPlan: spec.deploymentPlan,
      rollbackPlan: spec.rollbackPlan,
      plannedStart: new Date(start).toISOString(),
      plannedEnd: new Date(start + spec.hours * 3_600_000).toISOString(),
    });
    const wanted = spec.changes;
    for (const changeId of wanted ? pools[wanted.kind].splice(0, wanted.count) : [])
      release = await releases.linkChange(manager, release.id, changeId);
    for (const [description] of spec.criteria)
      release = await releases.addCriterion(manager, release.id, { description });
    for (const status of spec.path) {
      if (status === 'ready') {
        // Test results are recorded while testing, before the release is declared ready.
        for (const [i, [, result, evidence]] of spec.criteria.entries()) {
          const criterion = release.criteria[i];
          if (criterion && result !== 'not_run')
            release = await releases.updateCriterion(
              manager,
              release.id,
              criterion.id,
              criterion.version,
              { result, evidence: evidence ?? null },
            );
        }
        if (spec.decision)
          release = await releases.decide(manager, release.id, release.version, spec.decision);
      }
      release = await releases.transition(manager, release.id, release.version, {
        status: status as 'building',
        ...(status === 'deployed' || status === 'rolled_back'
          ? { outcome: spec.outcome?.text ?? null, outcomeResult: spec.outcome?.result }
          : {}),
      });
    }
    // A release left in testing shows its results so far.
    if (spec.path.at(-1) === 'testing')
      for (const [i, [, result, evidence]] of spec.criteria.entries()) {
        const criterion = release.criteria[i];
        if (criterion && result !== 'not_run')
          release = await releases.updateCriterion(
            manager,
            release.id,
            criterion.id,
            criterion.version,
            { result, evidence: evidence ?? null },
          );
      }
    if (spec.incident) {
      const incident = await services.tickets.create(actorOf('requester'), {
        type: 'incident',
        title: spec.incident.title,
        description: spec.incident.description,
        serviceId: storefront,
        category: 'software',
        impact: 2,
        urgency: 2,
      });
      await releases.linkIncident(manager, release.id, incident.id);
    }
  }
}
