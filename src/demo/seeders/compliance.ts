// Demo the certification programme of Maison Verlaine: a baseline gap assessment made at the start
// of the programme (six months ago, closed) and the current one showing progress per clause, with
// the demo's live records and controlled documents as evidence, and a roadmap in flight with a few
// overdue tasks. Goes through the compliance service like a user would, so it is audited.
import type { Conformity, LiveLink } from '../../modules/compliance/compliance.js';
import { isLive } from '../../modules/compliance/evidence/index.js';
import type { EvidenceSource } from '../../modules/compliance/library/evidence-sources.js';
import type { Services } from '../../server/services.js';
import type { Actor } from '../../shared/actor.js';
import type { DemoWorkspace } from '../demo.js';

const DAY = 86_400_000;

interface Answer {
  conformity: Conformity;
  maturity: number;
  notes: string;
}

/** Where the retailer stood when the programme began: a working desk, little governance. */
function baseline(clause: string, number: string, i: number): Answer {
  const desk = number.startsWith('8.6') || number === '8.5.1.1' || number === '8.3.3';
  if (desk)
    return {
      conformity: 'partially_conforming',
      maturity: 2,
      notes:
        'The service desk runs this day to day in Meridian, but nothing is documented or reviewed.',
    };
  const byClause: Record<string, Answer> = {
    '4': {
      conformity: 'nonconforming',
      maturity: 1,
      notes: 'No defined SMS scope; context known only informally by the IT director.',
    },
    '5': {
      conformity: i % 2 ? 'partially_conforming' : 'nonconforming',
      maturity: 1,
      notes: 'Management supports the programme but no policy or roles are written down.',
    },
    '6': {
      conformity: 'nonconforming',
      maturity: 0,
      notes: 'No risk register, objectives or SMS plan yet.',
    },
    '7': {
      conformity: i % 3 ? 'nonconforming' : 'partially_conforming',
      maturity: 1,
      notes: 'Skills and documents are managed team by team, without control.',
    },
    '8': {
      conformity: i % 3 === 0 ? 'partially_conforming' : 'nonconforming',
      maturity: 1,
      notes: 'Practice exists in places, but is neither defined nor measured.',
    },
    '9': {
      conformity: 'nonconforming',
      maturity: 0,
      notes: 'No internal audit, no management review, little measurement.',
    },
    '10': {
      conformity: 'nonconforming',
      maturity: 1,
      notes: 'Improvements are made ad hoc after major incidents.',
    },
  };
  return byClause[clause] ?? { conformity: 'nonconforming', maturity: 0, notes: '' };
}

/** Where it stands now: policies approved, desk processes defined, audit and review still to come. */
function current(clause: string, number: string, i: number): Answer {
  if (number.startsWith('8.6') || number.startsWith('8.5.1') || number === '8.3.3')
    return {
      conformity: 'conforming',
      maturity: 3,
      notes: 'Defined process document approved; records and SLA figures in Meridian.',
    };
  if (number === '9.2' || number === '9.3')
    return {
      conformity: 'nonconforming',
      maturity: 1,
      notes: 'Planned: the first internal audit and management review are on the roadmap.',
    };
  const byClause: Record<string, Answer> = {
    '4': {
      conformity: 'conforming',
      maturity: 3,
      notes: 'Scope approved by the executive committee; interested parties registered.',
    },
    '5': {
      conformity: 'conforming',
      maturity: 3,
      notes: 'SMS policy approved and acknowledged by staff; roles assigned.',
    },
    '6': {
      conformity: i % 2 ? 'conforming' : 'partially_conforming',
      maturity: 2,
      notes: 'Objectives set; the risk register is still being populated.',
    },
    '7': {
      conformity: i % 3 ? 'conforming' : 'partially_conforming',
      maturity: i % 3 ? 3 : 2,
      notes: 'Documents controlled in Meridian; training records kept outside it for now.',
    },
    '8': {
      conformity: i % 4 === 0 ? 'nonconforming' : 'partially_conforming',
      maturity: 2,
      notes: 'Process drafted and in use; measurement not yet in place.',
    },
    '9': {
      conformity: 'partially_conforming',
      maturity: 2,
      notes: 'Service reports produced monthly from Meridian.',
    },
    '10': {
      conformity: 'partially_conforming',
      maturity: 2,
      notes: 'Nonconformities recorded; improvement register started.',
    },
  };
  return byClause[clause] ?? { conformity: 'partially_conforming', maturity: 2, notes: '' };
}

const iso = (t: number) => new Date(t).toISOString().slice(0, 10);

export async function seedCompliance(services: Services, workspace: DemoWorkspace): Promise<void> {
  const { compliance, documents } = services;
  const user = (handle: string) => workspace.users[handle];
  const manager = user('manager');
  if (!manager) return;
  const actor: Actor = { id: manager.id, name: manager.name, role: 'manager' };
  const now = services.clock.now().getTime();
  const start = now - 180 * DAY;
  const owners = ['manager', 'executive', 'agent', 'agent2'].map((h) => user(h)?.id ?? manager.id);

  const tree = await compliance.library.tree(actor);
  const guidance = new Map(tree.nodes.map((n) => [n.number, n]));
  const numbers = tree.nodes.filter((n) => n.leaf).map((n) => n.number);
  const docsFor = documents.forRequirements
    ? await documents.forRequirements(services.db, numbers)
    : new Map<string, { id: string; status: string }[]>();

  const links = (number: string, to: number): LiveLink[] =>
    [...new Set((guidance.get(number)?.meridianEvidence ?? []).map((m) => m.source))]
      .filter((s) => isLive(s))
      .slice(0, 2)
      .map((source) => ({
        source: source as EvidenceSource,
        from: iso(to - 89 * DAY),
        to: iso(to),
      }));

  // The baseline: assessed at the start, then closed as the reference snapshot.
  const base = await compliance.assessments.create(actor, {
    title: 'Baseline gap assessment',
    notes: 'Made with the consultant in the first month of the programme.',
    assessedOn: iso(start),
  });
  for (const [i, item] of base.items.entries()) {
    const a = baseline(item.clause, item.number, i);
    await compliance.assessments.updateItem(actor, base.id, item.id, item.version, {
      ...a,
      ownerId: owners[i % owners.length],
      liveLinks: a.conformity === 'partially_conforming' ? links(item.number, start) : [],
    });
  }
  await compliance.assessments.close(actor, base.id, base.version);

  // The current assessment starts from the baseline and records the progress since.
  const now6 = await compliance.assessments.create(actor, {
    title: 'Readiness assessment, month 6',
    notes: 'Progress review before the stage 1 audit.',
    copyFrom: base.id,
  });
  for (const [i, item] of now6.items.entries()) {
    const a = current(item.clause, item.number, i);
    const gap = a.conformity !== 'conforming' || a.maturity < item.targetMaturity;
    // Gaps are due over the coming months; a few were due already and slipped.
    const due = gap ? iso(now + ((i % 6) - 1) * 30 * DAY + 15 * DAY) : null;
    await compliance.assessments.updateItem(actor, now6.id, item.id, item.version, {
      ...a,
      dueDate: due,
      documentIds: (docsFor.get(item.number) ?? []).map((d) => d.id).slice(0, 3),
      liveLinks: links(item.number, now),
    });
  }

  // The roadmap: phases dated from the programme start, workstreams, hand-made tasks.
  const programme = await compliance.roadmap.overview(actor);
  const phaseDates: Record<string, [number, number]> = {
    assessment: [0, 30],
    framework: [20, 120],
    planning: [90, 170],
    implementation: [150, 360],
  };
  const phase: Record<string, string> = {};
  for (const p of programme.phases) {
    phase[p.key] = p.id;
    const [from, to] = phaseDates[p.key] ?? [0, 0];
    await compliance.roadmap.updatePhase(actor, p.id, p.version, {
      startDate: iso(start + from * DAY),
      endDate: iso(start + to * DAY),
    });
  }
  const stream: Record<string, string> = {};
  for (const [handle, name, lead, description] of [
    [
      'governance',
      'Governance and policy',
      'executive',
      'Scope, policy, objectives, roles and the SMS plan.',
    ],
    [
      'desk',
      'Service desk processes',
      'manager',
      'Incident, request, problem and service level management.',
    ],
    ['change', 'Change and release', 'agent2', 'Change, release and deployment, configuration.'],
    [
      'assurance',
      'Measurement and assurance',
      'manager',
      'KPIs, internal audit, management review, improvement.',
    ],
  ] as const) {
    const existing = programme.workstreams.find((w) => w.name === name);
    stream[handle] =
      existing?.id ??
      (
        await compliance.roadmap.createWorkstream(actor, {
          name,
          description,
          leadId: user(lead)?.id ?? null,
        })
      ).id;
  }
  const day = (d: number) => iso(start + d * DAY);
  const made: Record<string, string> = {};
  const TASKS: [
    string,
    string,
    string,
    string,
    number,
    number,
    'done' | 'in_progress' | 'not_started' | 'blocked',
    number,
    string[],
    string[],
    boolean?,
  ][] = [
    [
      'kickoff',
      'Programme kick-off and baseline gap assessment',
      'assessment',
      'governance',
      0,
      21,
      'done',
      100,
      [],
      ['4.1'],
      false,
    ],
    [
      'gapReport',
      'Gap Analysis Report presented to the executive committee',
      'assessment',
      'governance',
      28,
      28,
      'done',
      100,
      ['kickoff'],
      [],
      true,
    ],
    [
      'scope',
      'Define and approve the SMS scope',
      'framework',
      'governance',
      30,
      60,
      'done',
      100,
      ['gapReport'],
      ['4.3'],
      false,
    ],
    [
      'policy',
      'Write the service management policy and objectives',
      'framework',
      'governance',
      40,
      80,
      'done',
      100,
      ['scope'],
      ['5.2', '6.2'],
      false,
    ],
    [
      'risks',
      'Build the risk register and treatment plan',
      'framework',
      'governance',
      60,
      140,
      'in_progress',
      60,
      ['scope'],
      ['6.1'],
      false,
    ],
    [
      'processes',
      'Document incident, request and change processes',
      'framework',
      'desk',
      50,
      120,
      'done',
      100,
      ['policy'],
      ['8.6.1', '8.5.1.1'],
      false,
    ],
    [
      'training',
      'Plan SMS awareness and role training',
      'planning',
      'governance',
      100,
      160,
      'in_progress',
      40,
      ['policy'],
      ['7.2', '7.3'],
      false,
    ],
    [
      'kpis',
      'Define KPIs and the monthly service report',
      'planning',
      'assurance',
      110,
      165,
      'blocked',
      30,
      ['processes'],
      ['9.1'],
      false,
    ],
    [
      'supplier',
      'Review supplier contracts against service targets',
      'planning',
      'desk',
      120,
      170,
      'not_started',
      0,
      ['processes'],
      ['8.3.4'],
      false,
    ],
    [
      'audit',
      'Run the first internal audit',
      'implementation',
      'assurance',
      190,
      230,
      'not_started',
      0,
      ['kpis'],
      ['9.2'],
      false,
    ],
    [
      'review',
      'Hold the first management review',
      'implementation',
      'assurance',
      235,
      240,
      'not_started',
      0,
      ['audit'],
      ['9.3'],
      true,
    ],
    [
      'stage1',
      'Stage 1 certification audit',
      'implementation',
      'governance',
      270,
      270,
      'not_started',
      0,
      ['review'],
      [],
      true,
    ],
  ];
  for (const [handle, title, ph, ws, from, to, status, percent, after, reqs, milestone] of TASKS) {
    const task = await compliance.roadmap.createTask(actor, {
      title,
      phaseId: phase[ph] as string,
      workstreamId: stream[ws] ?? null,
      ownerId: owners[Object.keys(made).length % owners.length] ?? null,
      raci: {
        responsible: [owners[(Object.keys(made).length + 2) % owners.length] as string],
        accountable: [user('executive')?.id ?? manager.id],
        consulted: [manager.id],
        informed: [user('auditor')?.id ?? manager.id],
      },
      // The resolver groups hear of the programme's progress as teams, not one by one.
      raciGroups: {
        informed: [workspace.groups.servicedesk?.id, workspace.groups.ecommerce?.id].filter(
          (id): id is string => id !== undefined,
        ),
      },
      startDate: day(from),
      dueDate: day(to),
      status,
      percentComplete: percent,
      effortDays: Math.max(1, Math.round((to - from) / 4)),
      milestone: milestone ?? false,
      dependsOn: after.map((h) => made[h]).filter((id): id is string => id !== undefined),
      requirementNumbers: reqs,
    });
    made[handle] = task.id;
  }
  // The remaining gaps of the current assessment, planned in one action.
  await compliance.gapsToTasks(actor, now6.id, {
    phaseId: phase.implementation,
    workstreamId: stream.desk ?? null,
  });
}
