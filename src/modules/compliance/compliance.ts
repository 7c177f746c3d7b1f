// The compliance workspace's records and rules, without framework or SQL: conformity and maturity
// of an assessed requirement, what counts as a gap, and the roadmap task's life cycle.
import type { EvidenceSource } from './library/evidence-sources.js';

export const CONFORMITY = [
  'not_assessed',
  'conforming',
  'partially_conforming',
  'nonconforming',
] as const;
export type Conformity = (typeof CONFORMITY)[number];

export const TASK_STATUSES = [
  'not_started',
  'in_progress',
  'blocked',
  'done',
  'cancelled',
] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

/** The four phases of the programme (PRODUCT.md), created by the migration. */
export const PHASES = [
  { key: 'assessment', title: 'Assessment and gap analysis' },
  { key: 'framework', title: 'Strategy and framework development' },
  { key: 'planning', title: 'Execution planning' },
  { key: 'implementation', title: 'Implementation and continual improvement' },
] as const;

export const MATURITY_LABELS = [
  'Incomplete',
  'Initial',
  'Managed',
  'Defined',
  'Quantitatively managed',
  'Optimising',
] as const;

export const DEFAULT_TARGET_MATURITY = 3;

/** Conformity as a number for the share: partial conformity counts half. */
export const CONFORMITY_SCORE: Record<Conformity, number> = {
  not_assessed: 0,
  conforming: 1,
  partially_conforming: 0.5,
  nonconforming: 0,
};

export const CONFORMITY_LABELS: Record<Conformity, string> = {
  not_assessed: 'Not assessed',
  conforming: 'Conforming',
  partially_conforming: 'Partially conforming',
  nonconforming: 'Nonconforming',
};

export interface Framework {
  id: string;
  framework: string;
  edition: string;
  dataVersion: number;
  title: string;
  language: string;
  leafCount: number;
  loadedAt: string;
}

export interface DocumentedInformation {
  key: string | null;
  name: string;
  mandatory: boolean;
}

export interface RequirementNode {
  id: string;
  frameworkId: string;
  number: string;
  title: string;
  parentNumber: string | null;
  clause: string;
  depth: number;
  position: number;
  leaf: boolean;
  edition: string;
  intent: string | null;
  documentedInformation: DocumentedInformation[];
  auditEvidence: string[];
  meridianEvidence: { source: string; description: string }[];
  meridianGap: string | null;
  hasLicensedText: boolean;
}

export interface LiveLink {
  source: EvidenceSource;
  from: string;
  to: string;
}

export interface Assessment {
  id: string;
  number: string;
  frameworkId: string;
  title: string;
  notes: string;
  assessedOn: string;
  status: 'open' | 'closed';
  closedAt: string | null;
  createdById: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface AssessmentItem {
  id: string;
  assessmentId: string;
  requirementId: string;
  number: string;
  title: string;
  clause: string;
  position: number;
  conformity: Conformity;
  maturity: number;
  targetMaturity: number;
  notes: string;
  ownerId: string | null;
  dueDate: string | null;
  documentIds: string[];
  attachmentIds: string[];
  liveLinks: LiveLink[];
  gap: boolean;
  taskIds: string[];
  updatedAt: string;
  version: number;
}

/** A requirement is a gap when it is not fully conforming or its maturity is below target. */
export const isGap = (item: Pick<AssessmentItem, 'conformity' | 'maturity' | 'targetMaturity'>) =>
  item.conformity !== 'conforming' || item.maturity < item.targetMaturity;

export interface Phase {
  id: string;
  key: string;
  position: number;
  title: string;
  startDate: string | null;
  endDate: string | null;
  updatedAt: string;
  version: number;
}

export interface Workstream {
  id: string;
  name: string;
  description: string;
  leadId: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface Raci {
  responsible: string[];
  accountable: string[];
  consulted: string[];
  informed: string[];
}

export interface Task {
  id: string;
  number: string;
  title: string;
  description: string;
  phaseId: string;
  workstreamId: string | null;
  ownerId: string | null;
  /** People per RACI role… */
  raci: Raci;
  /** …and groups per RACI role (a team may be responsible, a committee informed). */
  raciGroups: Raci;
  startDate: string | null;
  dueDate: string | null;
  status: TaskStatus;
  percentComplete: number;
  effortDays: number | null;
  milestone: boolean;
  dependsOn: string[];
  requirementNumbers: string[];
  gapItemIds: string[];
  overdue: boolean;
  completedAt: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
}

/** Overdue: the due date has passed (before today) and the task is still open. */
export const isOverdue = (task: Pick<Task, 'dueDate' | 'status'>, today: string) =>
  task.dueDate !== null &&
  task.dueDate < today &&
  task.status !== 'done' &&
  task.status !== 'cancelled';

/** The top clause (4–10) a clause number belongs to. */
export const topClause = (number: string) => number.split('.')[0] ?? number;

export const isoDate = (d: Date) => d.toISOString().slice(0, 10);
