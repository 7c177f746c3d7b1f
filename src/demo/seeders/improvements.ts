// Demo the continual improvement register of Maison Verlaine: nine opportunities from every kind
// of source (the two opportunities for improvement of the internal audit when the audits seeder
// made them, a complaint, problems, a KPI off target, staff suggestions), in every status, two of
// them completed with their measured effect, one rejected with its reason.
import type { ImprovementInput } from '../../modules/improvements/improvements.service.js';
import type { Services } from '../../server/services.js';
import type { Actor } from '../../shared/actor.js';
import type { DemoWorkspace } from '../demo.js';

const DAY = 86_400_000;

type Step = 'approved' | 'in_progress' | 'implemented' | 'closed' | 'rejected';

interface DemoImprovement {
  handle: string;
  by: string;
  input: ImprovementInput;
  owner?: string;
  /** Days from today. */
  target?: number;
  steps: Step[];
  progress?: string;
  rejection?: string;
  outcome?: {
    measure: string;
    before: string;
    after: string;
    measuredDaysAgo: number;
    notes: string;
  };
}

export async function seedImprovements(
  services: Services,
  workspace: DemoWorkspace,
): Promise<void> {
  const actorOf = (handle: string): Actor => {
    const u = workspace.users[handle];
    if (!u) throw new Error(`demo user ${handle} missing`);
    return { id: u.id, name: u.name, role: u.role as Actor['role'] };
  };
  const manager = actorOf('manager');
  const today = Date.parse(`${services.clock.now().toISOString().slice(0, 10)}T00:00:00.000Z`);
  const day = (offset: number) => new Date(today + offset * DAY).toISOString().slice(0, 10);
  const findings = workspace.auditFindings ?? {};
  const problems = workspace.problems ?? {};
  const complaint = (await services.complaints.list(manager, {}, { limit: 1 })).items[0];

  const items: DemoImprovement[] = [
    {
      handle: 'passwordReset',
      by: 'agent2',
      input: {
        title: 'Password reset self-service in the portal',
        description:
          'A third of the service desk’s requests were password resets. Staff reset their own password from the portal after a check by text message.',
        source: 'kpi',
        sourceLabel: 'Service delivery time',
        expectedBenefit: 'Fewer reset tickets; staff back at work in minutes instead of hours.',
        benefit: 4,
        effort: 2,
        impact: 3,
      },
      owner: 'agent2',
      target: -40,
      steps: ['approved', 'in_progress', 'implemented', 'closed'],
      outcome: {
        measure: 'Password reset tickets a month',
        before: '420',
        after: '260',
        measuredDaysAgo: 10,
        notes:
          'Reset tickets down 38% in the first full month; median time to resolve them fell from 3.2 h to 4 min.',
      },
    },
    {
      handle: 'backupAcquirer',
      by: 'agent2',
      input: {
        title: 'Switch to the backup acquirer automatically at peak',
        description:
          'When the acquirer gateway saturates, route card payments to the backup acquirer without waiting for an agent.',
        source: 'problem',
        sourceId: problems.paymentTimeouts?.id ?? null,
        sourceLabel: problems.paymentTimeouts?.number ?? null,
        expectedBenefit: 'No more declined payments at evening peaks and on sale days.',
        benefit: 5,
        effort: 3,
        impact: 5,
      },
      owner: 'agent2',
      target: -5,
      steps: ['approved', 'in_progress', 'implemented'],
      progress:
        'Automatic failover live since the last release; measuring declined payments over a full month.',
    },
    {
      handle: 'storeCallback',
      by: 'manager',
      input: {
        title: 'Call boutique staff back within one hour on till incidents',
        description:
          'A store manager complained that a frozen till stayed unanswered for a morning. Till incidents now get a call-back within the hour.',
        source: 'complaint',
        sourceId: complaint?.id ?? null,
        sourceLabel: complaint?.number ?? null,
        expectedBenefit: 'Stores never wait without news; fewer complaints from boutiques.',
        benefit: 4,
        effort: 1,
        impact: 4,
      },
      owner: 'agent',
      target: -20,
      steps: ['approved', 'in_progress', 'implemented', 'closed'],
      outcome: {
        measure: 'Complaints from boutiques a quarter',
        before: '9',
        after: '3',
        measuredDaysAgo: 5,
        notes: 'Call-back within the hour met for 94% of till incidents.',
      },
    },
    {
      handle: 'tillFreeze',
      by: 'agent',
      input: {
        title: 'Roll back the terminal update on USB PIN pads',
        description:
          'Most till freezes follow the latest terminal update on PIN pads connected by USB.',
        source: 'problem',
        sourceId: problems.posFreeze?.id ?? null,
        sourceLabel: problems.posFreeze?.number ?? null,
        expectedBenefit: 'No lost sales at the till.',
        benefit: 4,
        effort: 2,
        impact: 4,
      },
      owner: 'agent',
      target: -3,
      steps: ['approved', 'in_progress'],
      progress: 'Rolled back in Milan; Paris and London planned after the weekend.',
    },
    {
      handle: 'knowledgeFrench',
      by: 'agent3',
      input: {
        title: 'Knowledge articles in French and Italian for the boutiques',
        description:
          'Boutique staff search the knowledge base in their own language and find nothing.',
        source: 'suggestion',
        expectedBenefit: 'Store staff solve simple issues themselves.',
        benefit: 3,
        effort: 3,
        impact: 2,
      },
      owner: 'agent3',
      target: 45,
      steps: ['approved'],
    },
    {
      handle: 'satisfactionFollowUp',
      by: 'agent',
      input: {
        title: 'Call every requester who rates a ticket 1 or 2',
        description:
          'Low ratings open a complaint, but nobody calls the requester before the complaint is handled.',
        source: 'survey',
        expectedBenefit: 'Unhappy requesters heard within a day.',
        benefit: 3,
        effort: 2,
        impact: 4,
      },
      steps: [],
    },
    {
      handle: 'chatbot',
      by: 'agent3',
      input: {
        title: 'A chatbot for store staff',
        description: 'Answer common questions from boutique staff with a chatbot in the portal.',
        source: 'suggestion',
        expectedBenefit: 'Fewer simple requests.',
        benefit: 2,
        effort: 5,
        impact: 1,
      },
      steps: ['rejected'],
      rejection:
        'Low benefit for a large effort; the knowledge articles in French and Italian answer the same need first.',
    },
  ];
  const ofi1 = findings.internalOfi1;
  const ofi2 = findings.internalOfi2;
  if (ofi1)
    items.push({
      handle: 'auditOfi1',
      by: 'auditor',
      input: {
        title: ofi1.title,
        description: 'Opportunity for improvement raised by the internal audit.',
        source: 'audit-finding',
        sourceId: ofi1.id,
        sourceLabel: ofi1.reference,
        expectedBenefit: 'Stronger evidence for the certification audit.',
        benefit: 3,
        effort: 2,
        impact: 4,
      },
      owner: 'manager',
      target: 30,
      steps: ['approved', 'in_progress'],
      progress: 'Template drafted; to be reviewed with the change advisory board.',
    });
  if (ofi2)
    items.push({
      handle: 'auditOfi2',
      by: 'auditor',
      input: {
        title: ofi2.title,
        description: 'Opportunity for improvement raised by the internal audit.',
        source: 'audit-finding',
        sourceId: ofi2.id,
        sourceLabel: ofi2.reference,
        expectedBenefit: 'A simpler check for the next audit.',
      },
      steps: [],
    });

  workspace.improvements = {};
  for (const item of items) {
    const by = actorOf(item.by);
    let improvement = await services.improvements.create(by, item.input);
    if (item.owner || item.target !== undefined)
      improvement = await services.improvements.update(
        manager,
        improvement.id,
        improvement.version,
        {
          ownerId: item.owner ? actorOf(item.owner).id : undefined,
          targetDate: item.target !== undefined ? day(item.target) : undefined,
        },
      );
    for (const step of item.steps) {
      if (step === 'closed' && item.outcome) {
        const owner = actorOf(item.owner ?? 'manager');
        improvement = await services.improvements.update(
          owner,
          improvement.id,
          improvement.version,
          {
            outcome: {
              measure: item.outcome.measure,
              before: item.outcome.before,
              after: item.outcome.after,
              measuredOn: day(-item.outcome.measuredDaysAgo),
              notes: item.outcome.notes,
            },
          },
        );
      }
      const mover =
        step === 'in_progress' || step === 'implemented'
          ? actorOf(item.owner ?? 'manager')
          : manager;
      improvement = await services.improvements.transition(
        mover,
        improvement.id,
        improvement.version,
        {
          status: step,
          ...(step === 'rejected' ? { rejectionReason: item.rejection } : {}),
        },
      );
    }
    if (item.progress)
      improvement = await services.improvements.update(
        actorOf(item.owner ?? 'manager'),
        improvement.id,
        improvement.version,
        { progressNote: item.progress },
      );
    workspace.improvements[item.handle] = {
      id: improvement.id,
      number: improvement.number,
      title: improvement.title,
    };
  }
}
