// Complaints (ISO/IEC 20000-1, 8.3.2): recorded, owned by the service owner, investigated and
// resolved with a recorded resolution, then closed. No framework, no SQL.
import { DomainError, invalid } from '../../shared/errors.js';

export const COMPLAINT_STATUSES = ['open', 'investigating', 'resolved', 'closed'] as const;
export type ComplaintStatus = (typeof COMPLAINT_STATUSES)[number];

/** Forward through the life cycle; a resolved complaint may go back to investigation. */
const NEXT: Record<ComplaintStatus, readonly ComplaintStatus[]> = {
  open: ['investigating', 'resolved'],
  investigating: ['resolved'],
  resolved: ['closed', 'investigating'],
  closed: [],
};

export interface Complaint {
  id: string;
  number: string;
  ticketId: string | null;
  surveyId: string | null;
  serviceId: string | null;
  ownerId: string | null;
  complainantId: string | null;
  summary: string;
  status: ComplaintStatus;
  resolution: string | null;
  resolvedAt: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export function checkSummary(summary: string): string {
  const trimmed = summary.trim();
  if (!trimmed) throw invalid('/summary', 'must not be empty');
  return trimmed;
}

/** The complaint after a change of status and resolution; refuses what the life cycle forbids. */
export function transition(
  before: Complaint,
  patch: { status?: ComplaintStatus; resolution?: string | null },
  now: string,
): Pick<Complaint, 'status' | 'resolution' | 'resolvedAt'> {
  const resolution =
    patch.resolution !== undefined ? patch.resolution?.trim() || null : before.resolution;
  const status = patch.status ?? before.status;
  if (status !== before.status && !NEXT[before.status].includes(status)) {
    throw new DomainError(
      'INVALID_TRANSITION',
      `A complaint that is ${before.status} cannot become ${status}${
        NEXT[before.status].length ? ` (allowed: ${NEXT[before.status].join(', ')})` : ''
      }.`,
      { errors: [{ field: '/status', message: `cannot go from ${before.status} to ${status}` }] },
    );
  }
  if ((status === 'resolved' || status === 'closed') && !resolution) {
    throw invalid('/resolution', 'is required to resolve a complaint');
  }
  const resolvedAt =
    status === 'resolved' && before.status !== 'resolved'
      ? now
      : status === 'investigating' || status === 'open'
        ? null
        : before.resolvedAt;
  return { status, resolution, resolvedAt };
}
