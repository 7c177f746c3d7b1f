import type { Executor } from '../../db/executor.js';
import type { CursorKey } from '../../db/keyset.js';
import type { ComplaintsTable } from '../../db/schema.js';
import { updateVersionedRow } from '../../db/versioned-rows.js';
import type { Complaint, ComplaintStatus } from './complaints.js';

export const toComplaint = (row: ComplaintsTable): Complaint => ({
  id: row.id,
  number: row.number,
  ticketId: row.ticket_id,
  surveyId: row.survey_id,
  serviceId: row.service_id,
  ownerId: row.owner_id,
  complainantId: row.complainant_id,
  summary: row.summary,
  status: row.status as ComplaintStatus,
  resolution: row.resolution,
  resolvedAt: row.resolved_at,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
  version: row.version,
});

export const complaintRow = (c: Complaint): ComplaintsTable => ({
  id: c.id,
  number: c.number,
  ticket_id: c.ticketId,
  survey_id: c.surveyId,
  service_id: c.serviceId,
  owner_id: c.ownerId,
  complainant_id: c.complainantId,
  summary: c.summary,
  status: c.status,
  resolution: c.resolution,
  resolved_at: c.resolvedAt,
  created_at: c.createdAt,
  updated_at: c.updatedAt,
  version: c.version,
});

export interface ComplaintFilter {
  status?: ComplaintStatus;
  serviceId?: string;
  /** Only complaints this user owns or raised (for callers without complaints.manage). */
  involving?: string;
}

export const complaintsRepository = {
  byId: (db: Executor, id: string) =>
    db.selectFrom('complaints').selectAll().where('id', '=', id).executeTakeFirst(),

  insert: (db: Executor, row: ComplaintsTable) => db.insertInto('complaints').values(row).execute(),

  update: (db: Executor, id: string, expectedVersion: number, values: Partial<ComplaintsTable>) =>
    updateVersionedRow(db, 'complaints', id, expectedVersion, values),

  /** Newest first, paged by (created_at, id) descending. */
  async list(db: Executor, filter: ComplaintFilter, after: CursorKey | null, limit: number) {
    let query = db.selectFrom('complaints').selectAll();
    if (filter.status) query = query.where('status', '=', filter.status);
    if (filter.serviceId) query = query.where('service_id', '=', filter.serviceId);
    const involving = filter.involving;
    if (involving)
      query = query.where((eb) =>
        eb.or([eb('owner_id', '=', involving), eb('complainant_id', '=', involving)]),
      );
    if (after) {
      const [createdAt, id] = after;
      query = query.where((eb) =>
        eb.or([
          eb('created_at', '<', String(createdAt)),
          eb.and([eb('created_at', '=', String(createdAt)), eb('id', '<', id)]),
        ]),
      );
    }
    return query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
  },
};
