// Demo the certification cycle of Maison Verlaine with Certis Europe: a completed internal audit
// (ten requirements sampled, a minor nonconformity whose corrective action was verified effective
// and closed, two opportunities for improvement), the stage 1 and stage 2 certification audits
// (stage 2 with a minor nonconformity on training, its action still open), the surveillance
// audits of years 2 and 3 and the recertification planned. A few requirements are sampled by no
// audit of the cycle, so the programme shows its warning.
import type { Services } from '../../server/services.js';
import type { Actor } from '../../shared/actor.js';
import type { DemoWorkspace } from '../demo.js';

const DAY = 86_400_000;

type Result = 'conforming' | 'nonconforming';

export async function seedAudits(services: Services, workspace: DemoWorkspace): Promise<void> {
  const actorOf = (handle: string): Actor => {
    const u = workspace.users[handle];
    if (!u) throw new Error(`demo user ${handle} missing`);
    return { id: u.id, name: u.name, role: u.role as Actor['role'] };
  };
  const manager = actorOf('manager');
  const auditor = actorOf('auditor');
  const owner = actorOf('agent');
  const audits = services.auditProgramme;
  const today = Date.parse(`${services.clock.now().toISOString().slice(0, 10)}T00:00:00.000Z`);
  const day = (offset: number) => new Date(today + offset * DAY).toISOString().slice(0, 10);

  const scheme = await audits.createGradeScheme(manager, {
    name: 'Certis Europe',
    grades: [
      { key: 'major', label: 'Major nonconformity', kind: 'major-nonconformity' },
      { key: 'minor', label: 'Minor nonconformity', kind: 'minor-nonconformity' },
      { key: 'observation', label: 'Observation', kind: 'observation' },
      { key: 'ofi', label: 'Opportunity for improvement', kind: 'opportunity-for-improvement' },
    ],
  });
  const cycleStart = day(-160);
  const programme = await audits.createProgramme(manager, {
    name: 'ISO/IEC 20000-1 certification cycle 1',
    certificationBody: 'Certis Europe',
    gradeSchemeId: scheme.id,
    cycleStart,
    cycleEnd: day(-160 + 3 * 365 - 1),
  });

  async function run(
    input: Parameters<typeof audits.create>[1],
    results: Record<string, Result>,
    evidence: Record<string, string>,
  ) {
    let audit = await audits.create(manager, input);
    audit = await audits.transition(auditor, audit.id, audit.version, 'in-progress');
    for (const [requirement, result] of Object.entries(results))
      audit = await audits.recordResult(auditor, audit.id, requirement, {
        result,
        evidence:
          evidence[requirement] ??
          'Records sampled and people interviewed; practice as documented.',
        records: [],
      });
    return audit;
  }
  const complete = async (id: string) => {
    const audit = await audits.get(auditor, id);
    return audits.transition(auditor, audit.id, audit.version, 'completed');
  };

  // The internal audit, five months ago.
  const internalSample = [
    '4.3',
    '5.2.1',
    '6.2.1',
    '7.5.1',
    '8.2.4',
    '8.5.1.1',
    '8.6.1',
    '8.6.3',
    '9.1',
    '10.2',
  ];
  const internal = await run(
    {
      programmeId: programme.id,
      type: 'internal',
      title: 'Internal audit of the service desk and change management',
      plannedStart: day(-150),
      plannedEnd: day(-146),
      leadAuditorId: auditor.id,
      areaGroupIds: [workspace.groups.servicedesk?.id].filter((x): x is string => !!x),
      scope:
        'Incident, request, problem and change management at head office and the Paris boutique; the SMS documents behind them.',
      requirements: internalSample,
    },
    Object.fromEntries(
      internalSample.map((r) => [r, r === '8.5.1.1' ? 'nonconforming' : 'conforming']),
    ),
    {
      '8.5.1.1':
        'Four of twelve sampled normal changes were implemented without a recorded risk assessment.',
      '8.6.1': 'Thirty incidents sampled; priorities and escalations as documented.',
      '9.1': 'Monthly service reports produced; KPI definitions agreed with the business.',
    },
  );
  const minor = await audits.raiseFinding(auditor, internal.id, {
    gradeKey: 'minor',
    title: 'Normal changes implemented without a risk assessment',
    statement:
      'Four of twelve sampled normal changes carry no risk assessment, which the change management policy requires before approval.',
    evidence: 'Change records of March and April; interview with the change manager.',
    requirements: ['8.5.1.1'],
  });
  const ofi1 = await audits.raiseFinding(auditor, internal.id, {
    gradeKey: 'ofi',
    title: 'Link known errors to incident categories',
    statement:
      'Agents search the known-error database by hand; suggesting known errors by incident category would shorten resolution.',
    evidence: 'Observed at the service desk for two hours.',
    requirements: ['8.6.1'],
  });
  const ofi2 = await audits.raiseFinding(auditor, internal.id, {
    gradeKey: 'ofi',
    title: 'Publish the monthly service report to store managers',
    statement:
      'Store managers do not receive the service report and learn of SLA breaches from their staff.',
    evidence: 'Interviews with two store managers.',
    requirements: ['9.1'],
  });
  await complete(internal.id);

  // The nonconformity's corrective action: planned, done, verified effective, closed.
  let nc = await audits.updateAction(manager, minor.id, minor.version, {
    actionOwnerId: owner.id,
    actionDue: day(-100),
  });
  nc = await audits.updateAction(owner, nc.id, nc.version, {
    correction: 'Risk assessed after the fact for the four changes; none needed a back-out.',
    rootCause: 'The change form allowed submission with the risk questionnaire left empty.',
    action: 'Make the risk questionnaire mandatory for normal changes and brief the CAB.',
  });
  nc = await audits.updateAction(owner, nc.id, nc.version, { done: true });
  nc = await audits.verify(auditor, nc.id, nc.version, {
    effective: true,
    notes: 'Twenty normal changes since the fix all carry a risk level and an approval.',
  });
  await audits.closeFinding(auditor, nc.id, nc.version);

  // Stage 1 (documentation review) two months ago, stage 2 a fortnight ago.
  const stage1Sample = ['4.1', '4.2', '4.4', '5.1', '5.2.2', '6.1', '7.5.2'];
  const stage1 = await run(
    {
      programmeId: programme.id,
      type: 'stage-1',
      title: 'Certification audit, stage 1: documentation review',
      plannedStart: day(-62),
      plannedEnd: day(-61),
      scope: 'Certis Europe reviews the SMS documentation and readiness for stage 2.',
      requirements: stage1Sample,
    },
    Object.fromEntries(stage1Sample.map((r) => [r, 'conforming' as const])),
    {},
  );
  await audits.raiseFinding(auditor, stage1.id, {
    gradeKey: 'observation',
    title: 'Interested parties list not reviewed this year',
    statement:
      'The list of interested parties is correct but its last review predates the new e-commerce platform.',
    requirements: ['4.2'],
  });
  await complete(stage1.id);

  const stage2Sample = [
    '5.3',
    '6.2.2',
    '7.1',
    '7.2',
    '7.3',
    '7.6',
    '8.1',
    '8.2.5',
    '8.3.3',
    '8.4.1',
    '8.5.2.1',
    '8.6.2',
    '9.3',
    '10.1',
  ];
  const stage2 = await run(
    {
      programmeId: programme.id,
      type: 'stage-2',
      title: 'Certification audit, stage 2',
      plannedStart: day(-18),
      plannedEnd: day(-15),
      scope: 'Certis Europe audits the SMS in operation at head office and two boutiques.',
      requirements: stage2Sample,
    },
    Object.fromEntries(stage2Sample.map((r) => [r, 'conforming' as const])),
    {
      '7.2':
        'Training records: 95% of mandatory assignments completed on time against a 100% plan.',
    },
  );
  const stage2Minor = await audits.raiseFinding(auditor, stage2.id, {
    gradeKey: 'minor',
    title: 'Mandatory training not completed by all staff',
    statement:
      'Mandatory ISO/IEC 20000 awareness training reached 95% completion; the competence plan requires every assigned person to complete it by the due date.',
    evidence: 'Competence matrix of the service desk and the Paris boutique.',
    requirements: ['7.2'],
  });
  await complete(stage2.id);
  const open = await audits.updateAction(manager, stage2Minor.id, stage2Minor.version, {
    actionOwnerId: manager.id,
    actionDue: day(45),
    correction: 'The eleven people concerned booked on the next awareness session.',
    rootCause: 'No reminder before the due date; managers were not told of overdue training.',
    action: 'Turn on training reminders and send managers the overdue list each month.',
  });
  void open;

  // The rest of the cycle: surveillance in years 2 and 3, recertification before the cycle ends.
  const planned = [
    {
      type: 'surveillance' as const,
      title: 'Surveillance audit 1',
      offset: 205,
      requirements: [
        '4.1',
        '5.1',
        '6.1',
        '7.4',
        '8.2.1',
        '8.2.2',
        '8.3.1',
        '8.3.2',
        '8.5.1.2',
        '8.5.3',
        '8.7.1',
        '9.2',
        '10.1',
      ],
    },
    {
      type: 'surveillance' as const,
      title: 'Surveillance audit 2',
      offset: 570,
      requirements: [
        '4.4',
        '5.2.2',
        '6.2.1',
        '7.5.3',
        '7.5.4',
        '8.2.3',
        '8.2.6',
        '8.3.4.1',
        '8.3.4.2',
        '8.4.2',
        '8.4.3',
        '8.5.1.3',
        '8.5.2.2',
        '8.7.2',
        '9.4',
      ],
    },
    {
      type: 'recertification' as const,
      title: 'Recertification audit',
      offset: 870,
      requirements: [
        '4.3',
        '5.2.1',
        '6.2.2',
        '7.2',
        '7.3',
        '8.1',
        '8.5.2.3',
        '8.6.1',
        '8.6.2',
        '8.6.3',
        '8.7.3.1',
        '9.1',
        '9.3',
        '10.2',
      ],
    },
  ];
  for (const p of planned)
    await audits.create(manager, {
      programmeId: programme.id,
      type: p.type,
      title: p.title,
      plannedStart: day(p.offset),
      plannedEnd: day(p.offset + 2),
      scope: 'Certis Europe; sample agreed at the previous audit.',
      requirements: p.requirements,
    });

  const handle = (f: { id: string; reference: string; gradeKey: string; title: string }) => ({
    id: f.id,
    reference: f.reference,
    grade: f.gradeKey,
    title: f.title,
  });
  workspace.auditFindings = {
    internalMinor: handle(minor),
    internalOfi1: handle(ofi1),
    internalOfi2: handle(ofi2),
    stage2Minor: handle(stage2Minor),
  };
}
