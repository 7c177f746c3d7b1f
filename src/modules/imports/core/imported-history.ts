// A ticket's history in the tool it came from, as entries of its Meridian timeline.
import type { Executor } from '../../../db/executor.js';

export interface ImportedTimelineEntry {
  kind: 'change';
  id: string;
  at: string;
  actorName: string;
  visibility: null;
  body: null;
  /** imported:<kind>, e.g. imported:resolved. */
  action: string;
  changes: Record<string, { from: unknown; to: unknown }>;
}

/** Oldest first. `staff` sees groups, assignees and the source's own status; others the status. */
export async function importedTimeline(
  db: Executor,
  ticketId: string,
  staff: boolean,
): Promise<ImportedTimelineEntry[]> {
  const source = await db
    .selectFrom('ticket_imports')
    .select(['source'])
    .where('ticket_id', '=', ticketId)
    .executeTakeFirst();
  if (!source) return [];
  const rows = await db
    .selectFrom('imported_ticket_events as e')
    .leftJoin('groups as g', 'g.id', 'e.group_id')
    .leftJoin('users as u', 'u.id', 'e.assignee_id')
    .select([
      'e.id',
      'e.at',
      'e.kind',
      'e.status',
      'e.source_status',
      'g.name as group_name',
      'u.name as assignee_name',
    ])
    .where('e.ticket_id', '=', ticketId)
    .orderBy('e.position')
    .execute();
  let previous: string | null = null;
  return rows.map((r) => {
    const changes: ImportedTimelineEntry['changes'] = {
      status: { from: previous, to: r.status },
    };
    previous = r.status;
    if (staff) {
      if (r.group_name) changes.group = { from: null, to: r.group_name };
      if (r.assignee_name) changes.assignee = { from: null, to: r.assignee_name };
      if (r.source_status) changes.sourceStatus = { from: null, to: r.source_status };
    }
    return {
      kind: 'change',
      id: r.id,
      at: new Date(r.at).toISOString(),
      actorName: `${source.source} (imported)`,
      visibility: null,
      body: null,
      action: `imported:${r.kind}`,
      changes,
    };
  });
}
