// Controlled documents (ISO/IEC 20000-1, 7.5): kinds, the review and approval workflow, versions
// and acknowledgement campaigns. No framework, no SQL.
import { DomainError, invalid } from '../../shared/errors.js';
import { CHECKLIST_KEYS, LEAF_REQUIREMENTS } from './library.js';

export const DOCUMENT_KINDS = [
  'policy',
  'plan',
  'process',
  'procedure',
  'work_instruction',
  'record_template',
] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

export const DOCUMENT_STATUSES = ['draft', 'in_review', 'approved', 'retired'] as const;
export type DocumentStatus = (typeof DOCUMENT_STATUSES)[number];

export const VERSION_STATUSES = [
  'draft',
  'in_review',
  'approved',
  'superseded',
  'retired',
] as const;
export type VersionStatus = (typeof VERSION_STATUSES)[number];

export interface ControlledDocument {
  id: string;
  number: string;
  kind: DocumentKind;
  title: string;
  ownerId: string | null;
  checklistKey: string | null;
  requirements: string[];
  status: DocumentStatus;
  currentVersion: number;
  approvedVersion: number | null;
  approvedAt: string | null;
  nextReviewAt: string | null;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface DocumentVersion {
  id: string;
  documentId: string;
  number: number;
  title: string;
  body: string;
  status: VersionStatus;
  authorId: string | null;
  reviewerId: string | null;
  submittedBy: string | null;
  submittedAt: string | null;
  approvedBy: string | null;
  approvedByName: string | null;
  approvedAt: string | null;
  changeNote: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface DocumentComment {
  id: string;
  documentId: string;
  versionNumber: number;
  authorId: string | null;
  authorName: string;
  decision: 'comment' | 'approve' | 'reject';
  body: string;
  createdAt: string;
}

/** The shape the compliance module reads (contract 1 of the issue-6 brief). */
export interface DocumentSummary {
  id: string;
  title: string;
  kind: DocumentKind;
  status: DocumentStatus;
  version: number;
  approvedAt: string | null;
  nextReviewAt: string | null;
}

export const MAX_BODY = 200_000;
/** Reviews fall due a year after approval unless the approver sets another date. */
export const DEFAULT_REVIEW_MONTHS = 12;

export function checkTitle(title: string, field = '/title'): string {
  const trimmed = title.trim();
  if (!trimmed) throw invalid(field, 'must not be empty');
  return trimmed;
}

export function checkRequirements(requirements: string[]): string[] {
  const unique = [...new Set(requirements.map((r) => r.trim()))];
  const unknown = unique.filter((r) => !LEAF_REQUIREMENTS.has(r));
  if (unknown.length > 0) {
    throw new DomainError(
      'VALIDATION_FAILED',
      `Unknown requirement ${unknown.join(', ')}: use the leaf requirement numbers of the library, e.g. 8.5.1.1.`,
      {
        errors: unknown.map((r) => ({
          field: `/requirements/${requirements.indexOf(r)}`,
          message: `${r} is not a leaf requirement of the library`,
        })),
      },
    );
  }
  return unique.sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
}

export function checkChecklistKey(key: string | null): string | null {
  if (key === null) return null;
  if (!CHECKLIST_KEYS.has(key))
    throw invalid('/checklistKey', `must be one of ${[...CHECKLIST_KEYS].join(', ')}`);
  return key;
}

export function checkReviewDate(value: string | null, now: string, field: string): string | null {
  if (value === null) return null;
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw invalid(field, 'must be a date-time');
  if (date.toISOString() <= now) throw invalid(field, 'must be in the future');
  return date.toISOString();
}

export function defaultReviewDate(approvedAt: string): string {
  const date = new Date(approvedAt);
  date.setUTCMonth(date.getUTCMonth() + DEFAULT_REVIEW_MONTHS);
  return date.toISOString();
}

/** Review overdue: an approved (in force) document whose next review date has passed. */
export const reviewOverdue = (d: ControlledDocument, now: string) =>
  d.approvedVersion !== null &&
  d.status !== 'retired' &&
  d.nextReviewAt !== null &&
  d.nextReviewAt < now;

/** In force and in date: the checklist's "approved" tick. */
export const approvedAndInDate = (d: ControlledDocument, now: string) =>
  d.approvedVersion !== null && d.status !== 'retired' && !reviewOverdue(d, now);

export function refuseTransition(from: DocumentStatus, action: string, allowed: string): never {
  throw new DomainError(
    'INVALID_TRANSITION',
    `A document that is ${from.replace('_', ' ')} cannot be ${action} (${allowed}).`,
    { errors: [{ field: '/status', message: `cannot ${action} from ${from}` }] },
  );
}

export const summaryOf = (d: ControlledDocument): DocumentSummary => ({
  id: d.id,
  title: d.title,
  kind: d.kind,
  status: d.status,
  version: d.approvedVersion ?? d.currentVersion,
  approvedAt: d.approvedAt,
  nextReviewAt: d.nextReviewAt,
});
