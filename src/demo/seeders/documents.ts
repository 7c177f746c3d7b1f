// Demo controlled documents of Maison Verlaine's SMS: scope, policy, objectives, plan, the change
// and information security policies, the continuity plan and the incident, change and problem
// processes. Some approved (two with earlier versions), some in review or draft, one overdue for
// review; an acknowledgement campaign for the change management policy, partly completed.
import type { Services } from '../../server/services.js';
import type { Actor } from '../../shared/actor.js';
import type { DemoWorkspace } from '../demo.js';
import * as text from './document-texts.js';

interface DemoDocument {
  handle: string;
  kind: 'policy' | 'plan' | 'process' | 'procedure';
  title: string;
  body: string;
  checklistKey?: string;
  requirements: string[];
  /** An earlier text approved first, so the document has a version history. */
  earlier?: string;
  state: 'approved' | 'in_review' | 'draft';
}

const DOCUMENTS: DemoDocument[] = [
  {
    handle: 'smsScope',
    kind: 'plan',
    title: 'Scope of the service management system',
    body: text.SCOPE,
    earlier: text.SCOPE_V1,
    checklistKey: 'scope',
    requirements: ['4.3', '4.4'],
    state: 'approved',
  },
  {
    handle: 'smsPolicy',
    kind: 'policy',
    title: 'Service management policy',
    body: text.SMS_POLICY,
    checklistKey: 'sms-policy',
    requirements: ['5.2.1', '5.2.2'],
    state: 'approved',
  },
  {
    handle: 'smsObjectives',
    kind: 'plan',
    title: 'Service management objectives 2026',
    body: text.OBJECTIVES,
    checklistKey: 'sms-objectives',
    requirements: ['6.2.1', '6.2.2'],
    state: 'in_review',
  },
  {
    handle: 'smsPlan',
    kind: 'plan',
    title: 'Service management plan',
    body: text.SMS_PLAN,
    checklistKey: 'sms-plan',
    requirements: ['6.3'],
    state: 'draft',
  },
  {
    handle: 'changePolicy',
    kind: 'policy',
    title: 'Change management policy',
    body: text.CHANGE_POLICY,
    earlier: text.CHANGE_POLICY_V1,
    checklistKey: 'change-management-policy',
    requirements: ['8.5.1.1'],
    state: 'approved',
  },
  {
    handle: 'infoSecPolicy',
    kind: 'policy',
    title: 'Information security policy',
    body: text.INFOSEC_POLICY,
    checklistKey: 'information-security-policy',
    requirements: ['8.7.3.1'],
    state: 'approved',
  },
  {
    handle: 'continuityPlan',
    kind: 'plan',
    title: 'Service continuity plan',
    body: text.CONTINUITY_PLAN,
    checklistKey: 'continuity-plans',
    requirements: ['8.7.2'],
    state: 'in_review',
  },
  {
    handle: 'incidentProcess',
    kind: 'process',
    title: 'Incident management process',
    body: text.INCIDENT_PROCESS,
    checklistKey: 'process-documents',
    requirements: ['7.5.4', '8.6.1'],
    state: 'approved',
  },
  {
    handle: 'majorIncidentProcedure',
    kind: 'procedure',
    title: 'Major incident procedure',
    body: text.MAJOR_INCIDENT_PROCEDURE,
    requirements: ['8.6.1'],
    state: 'approved',
  },
  {
    handle: 'changeProcess',
    kind: 'process',
    title: 'Change management process',
    body: text.CHANGE_PROCESS,
    requirements: ['8.5.1.2', '8.5.1.3'],
    state: 'approved',
  },
  {
    handle: 'problemProcess',
    kind: 'process',
    title: 'Problem management process',
    body: text.PROBLEM_PROCESS,
    requirements: ['8.6.3'],
    state: 'draft',
  },
];

const DAY = 86_400_000;

export async function seedDocuments(services: Services, workspace: DemoWorkspace): Promise<void> {
  const actorOf = (handle: string): Actor => {
    const u = workspace.users[handle];
    if (!u) throw new Error(`demo user ${handle} missing`);
    return { id: u.id, name: u.name, role: u.role as Actor['role'] };
  };
  // The SMS manager writes; the IT director approves (never the author).
  const author = actorOf('manager');
  const approver = actorOf('executive');
  const docs = services.documents;
  workspace.documents = {};

  for (const d of DOCUMENTS) {
    let doc = await docs.create(author, {
      kind: d.kind,
      title: d.title,
      body: d.earlier ?? d.body,
      checklistKey: d.checklistKey ?? null,
      requirements: d.requirements,
      ownerId: author.id,
    });
    if (d.earlier) {
      doc = await docs.submit(author, doc.id, doc.version, {});
      doc = await docs.approve(approver, doc.id, doc.version, { comment: 'First issue approved.' });
      doc = await docs.update(author, doc.id, doc.version, {
        body: d.body,
        changeNote: 'Expanded after the gap assessment.',
      });
    }
    if (d.state !== 'draft') {
      doc = await docs.submit(author, doc.id, doc.version, {
        reviewerId: approver.id,
        comment: 'Ready for review.',
      });
    }
    if (d.state === 'approved') {
      doc = await docs.approve(approver, doc.id, doc.version, { comment: 'Approved.' });
    }
    workspace.documents[d.handle] = { id: doc.id, title: doc.title };
  }

  // The information security policy was approved over a year ago and its review has slipped:
  // back-date the approval (demo history only; the service always stamps the present).
  const infoSec = workspace.documents.infoSecPolicy;
  if (infoSec) {
    const now = Date.now();
    const approvedAt = new Date(now - 400 * DAY).toISOString();
    await services.db
      .updateTable('documents')
      .set({ approved_at: approvedAt, next_review_at: new Date(now - 35 * DAY).toISOString() })
      .where('id', '=', infoSec.id)
      .execute();
    await services.db
      .updateTable('document_versions')
      .set({ approved_at: approvedAt, submitted_at: approvedAt, created_at: approvedAt })
      .where('document_id', '=', infoSec.id)
      .execute();
  }

  // Everyone in IT must acknowledge the change management policy: three of five have.
  const change = workspace.documents.changePolicy;
  if (change) {
    const campaign = await docs.launchCampaign(author, change.id, {
      roles: ['agent', 'manager'],
      dueAt: new Date(Date.now() + 14 * DAY).toISOString(),
      message: 'The CAB rules changed: please read the policy before the next release.',
    });
    for (const handle of ['agent', 'agent2', 'executive'])
      await docs.acknowledge(actorOf(handle), campaign.id);
  }
  // Boutique staff are asked to read the service management policy (5.2.2): one has.
  const policy = workspace.documents.smsPolicy;
  if (policy) {
    const campaign = await docs.launchCampaign(author, policy.id, {
      roles: ['requester'],
      dueAt: new Date(Date.now() + 21 * DAY).toISOString(),
    });
    await docs.acknowledge(actorOf('requester2'), campaign.id);
  }
}
