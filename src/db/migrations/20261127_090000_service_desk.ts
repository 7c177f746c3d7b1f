import { type Kysely, sql } from 'kysely';
import { columnTypes } from './column-types.js';

// The service desk (issue 4): the first service catalogue, request types with forms, tickets and
// their conversation, approvals, fulfilment tasks, attachments, surveys, complaints and
// notifications, and the full-text index behind the search port.
// biome-ignore lint/suspicious/noExplicitAny: migrations take Kysely<any> by convention
export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);
  const postgres = t.json === 'jsonb';

  // Requests may need the approval of the requester's line manager.
  await db.schema
    .alterTable('users')
    .addColumn('manager_id', 'text', (c) => c.references('users.id'))
    .execute();

  await db.schema
    .createTable('services')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('owner_id', 'text', (c) => c.references('users.id'))
    .addColumn('calendar_id', 'text', (c) => c.references('sla_calendars.id'))
    .addColumn('default_group_id', 'text', (c) => c.references('groups.id'))
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('services_name_unique')
    .on('services')
    .column('name')
    .unique()
    .execute();

  await db.schema
    .createTable('request_types')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('service_id', 'text', (c) => c.notNull().references('services.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('active', t.boolean, (c) => c.notNull())
    /** Field definitions: [{ key, label, kind, required, options, min, max, pattern }]. */
    .addColumn('form', t.json, (c) => c.notNull())
    /** Sequential approval steps: [{ kind: manager | service_owner | group, groupId? }]. */
    .addColumn('approvals', t.json, (c) => c.notNull())
    /** Fulfilment task templates: [{ title, groupId }]. */
    .addColumn('tasks', t.json, (c) => c.notNull())
    .addColumn('instructions', 'text', (c) => c.notNull())
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('request_types_service_name_unique')
    .on('request_types')
    .columns(['service_id', 'name'])
    .unique()
    .execute();

  // One row per number series (INC, REQ, CMP): the next number is taken in the creating transaction.
  await db.schema
    .createTable('number_series')
    .addColumn('prefix', 'text', (c) => c.primaryKey())
    .addColumn('next_value', t.bigint, (c) => c.notNull())
    .execute();

  // Desk-wide settings (priority matrix, reopen window, survey expiry) as one versioned document.
  await db.schema
    .createTable('desk_settings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('value', t.json, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('tickets')
    .addColumn('id', 'text', (c) => c.primaryKey())
    /** One sequence for incidents and requests: INC0001042 and REQ0001042 never both exist. */
    .addColumn('seq', t.bigint, (c) => c.notNull())
    .addColumn('number', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('requester_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('organisation_id', 'text', (c) => c.references('organisations.id'))
    .addColumn('service_id', 'text', (c) => c.references('services.id'))
    .addColumn('request_type_id', 'text', (c) => c.references('request_types.id'))
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('impact', 'integer', (c) => c.notNull())
    .addColumn('urgency', 'integer', (c) => c.notNull())
    .addColumn('priority', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    /** Not resolved or closed: every work queue reads only open tickets, through this column. */
    .addColumn('open', t.boolean, (c) => c.notNull())
    .addColumn('hold_reason', 'text')
    .addColumn('group_id', 'text', (c) => c.references('groups.id'))
    .addColumn('assignee_id', 'text', (c) => c.references('users.id'))
    .addColumn('resolution_code', 'text')
    .addColumn('resolution_notes', 'text')
    .addColumn('major_incident', t.boolean, (c) => c.notNull())
    .addColumn('form_answers', t.json, (c) => c.notNull())
    .addColumn('source_key', 'text')
    .addColumn('first_responded_at', t.timestamp)
    .addColumn('resolved_at', t.timestamp)
    .addColumn('closed_at', t.timestamp)
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('tickets_number_unique')
    .on('tickets')
    .column('number')
    .unique()
    .execute();
  await db.schema.createIndex('tickets_seq_unique').on('tickets').column('seq').unique().execute();
  // Queues: "open tickets of …, most recently changed first", paged by (updated_at, id).
  for (const [name, columns] of [
    ['tickets_open_updated', ['open', 'updated_at', 'id']],
    ['tickets_open_priority', ['open', 'priority', 'updated_at', 'id']],
    ['tickets_assignee_updated', ['assignee_id', 'open', 'updated_at', 'id']],
    ['tickets_group_updated', ['group_id', 'open', 'updated_at', 'id']],
    ['tickets_requester_updated', ['requester_id', 'updated_at', 'id']],
    ['tickets_organisation_updated', ['organisation_id', 'updated_at', 'id']],
    // Ids are UUIDv7 from the creation time: (x, id) serves "newest first" lists filtered by x.
    ['tickets_service_id', ['service_id', 'id']],
    ['tickets_group_id', ['group_id', 'id']],
    ['tickets_updated', ['updated_at', 'id']],
  ] as const) {
    await db.schema
      .createIndex(name)
      .on('tickets')
      .columns([...columns])
      .execute();
  }

  await db.schema
    .createTable('ticket_comments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('ticket_id', 'text', (c) => c.notNull().references('tickets.id'))
    .addColumn('author_id', 'text', (c) => c.references('users.id'))
    .addColumn('author_name', 'text', (c) => c.notNull())
    /** public: the requester sees it; internal: staff only. */
    .addColumn('visibility', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('ticket_comments_ticket')
    .on('ticket_comments')
    .columns(['ticket_id', 'created_at'])
    .execute();

  await db.schema
    .createTable('ticket_watchers')
    .addColumn('ticket_id', 'text', (c) => c.notNull().references('tickets.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addPrimaryKeyConstraint('ticket_watchers_pk', ['ticket_id', 'user_id'])
    .execute();

  // Directed links: related (both ways), duplicate_of, child_of (the parent's view is derived).
  await db.schema
    .createTable('ticket_links')
    .addColumn('ticket_id', 'text', (c) => c.notNull().references('tickets.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('target_id', 'text', (c) => c.notNull().references('tickets.id'))
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addPrimaryKeyConstraint('ticket_links_pk', ['ticket_id', 'kind', 'target_id'])
    .execute();
  await db.schema
    .createIndex('ticket_links_target')
    .on('ticket_links')
    .column('target_id')
    .execute();

  await db.schema
    .createTable('attachments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('owner_type', 'text', (c) => c.notNull())
    .addColumn('owner_id', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('media_type', 'text', (c) => c.notNull())
    .addColumn('size', t.bigint, (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('storage_key', 'text', (c) => c.notNull())
    .addColumn('uploaded_by', 'text', (c) => c.references('users.id'))
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('attachments_owner')
    .on('attachments')
    .columns(['owner_type', 'owner_id'])
    .execute();

  await db.schema
    .createTable('ticket_approvals')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('ticket_id', 'text', (c) => c.notNull().references('tickets.id'))
    .addColumn('step', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    /** The person who decides (manager, service owner), or null when any member of the group may. */
    .addColumn('approver_id', 'text', (c) => c.references('users.id'))
    .addColumn('group_id', 'text', (c) => c.references('groups.id'))
    /** waiting (an earlier step is open), pending, approved, rejected, skipped. */
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('decided_by', 'text', (c) => c.references('users.id'))
    .addColumn('decided_at', t.timestamp)
    .addColumn('comment', 'text')
    .execute();
  await db.schema
    .createIndex('ticket_approvals_ticket')
    .on('ticket_approvals')
    .columns(['ticket_id', 'step'])
    .execute();
  await db.schema
    .createIndex('ticket_approvals_approver')
    .on('ticket_approvals')
    .columns(['approver_id', 'state'])
    .execute();

  await db.schema
    .createTable('ticket_tasks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('ticket_id', 'text', (c) => c.notNull().references('tickets.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('group_id', 'text', (c) => c.references('groups.id'))
    .addColumn('assignee_id', 'text', (c) => c.references('users.id'))
    /** open, done, cancelled. */
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('completed_at', t.timestamp)
    .addColumn('completed_by', 'text', (c) => c.references('users.id'))
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('ticket_tasks_ticket')
    .on('ticket_tasks')
    .column('ticket_id')
    .execute();
  await db.schema
    .createIndex('ticket_tasks_group')
    .on('ticket_tasks')
    .columns(['group_id', 'status'])
    .execute();

  await db.schema
    .createTable('major_incident_reviews')
    .addColumn('ticket_id', 'text', (c) => c.primaryKey().references('tickets.id'))
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('impact', 'text', (c) => c.notNull())
    .addColumn('root_cause', 'text', (c) => c.notNull())
    .addColumn('lessons', 'text', (c) => c.notNull())
    .addColumn('actions', 'text', (c) => c.notNull())
    .addColumn('outage_start', t.timestamp)
    .addColumn('outage_end', t.timestamp)
    .addColumn('reviewed_by', 'text', (c) => c.references('users.id'))
    .addColumn('reviewed_at', t.timestamp)
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('surveys')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('ticket_id', 'text', (c) => c.notNull().references('tickets.id'))
    /** SHA-256 of the token in the link; the token itself is never stored. */
    .addColumn('token_hash', 'text', (c) => c.notNull())
    .addColumn('requester_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('service_id', 'text', (c) => c.references('services.id'))
    .addColumn('group_id', 'text', (c) => c.references('groups.id'))
    .addColumn('agent_id', 'text', (c) => c.references('users.id'))
    .addColumn('sent_at', t.timestamp, (c) => c.notNull())
    .addColumn('expires_at', t.timestamp, (c) => c.notNull())
    .addColumn('rating', 'integer')
    .addColumn('comment', 'text')
    .addColumn('answered_at', t.timestamp)
    .execute();
  await db.schema
    .createIndex('surveys_ticket_unique')
    .on('surveys')
    .column('ticket_id')
    .unique()
    .execute();
  await db.schema
    .createIndex('surveys_token_unique')
    .on('surveys')
    .column('token_hash')
    .unique()
    .execute();
  await db.schema.createIndex('surveys_sent').on('surveys').columns(['sent_at', 'id']).execute();

  await db.schema
    .createTable('complaints')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('number', 'text', (c) => c.notNull())
    .addColumn('ticket_id', 'text', (c) => c.references('tickets.id'))
    .addColumn('survey_id', 'text', (c) => c.references('surveys.id'))
    .addColumn('service_id', 'text', (c) => c.references('services.id'))
    .addColumn('owner_id', 'text', (c) => c.references('users.id'))
    .addColumn('complainant_id', 'text', (c) => c.references('users.id'))
    .addColumn('summary', 'text', (c) => c.notNull())
    /** open, investigating, resolved, closed. */
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('resolution', 'text')
    .addColumn('resolved_at', t.timestamp)
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('complaints_number_unique')
    .on('complaints')
    .column('number')
    .unique()
    .execute();
  await db.schema
    .createIndex('complaints_status')
    .on('complaints')
    .columns(['status', 'created_at', 'id'])
    .execute();

  await db.schema
    .createTable('notifications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('subject_type', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('link', 'text', (c) => c.notNull())
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('read_at', t.timestamp)
    .execute();
  await db.schema
    .createIndex('notifications_user')
    .on('notifications')
    .columns(['user_id', 'created_at', 'id'])
    .execute();

  await db.schema
    .createTable('saved_views')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('query', t.json, (c) => c.notNull())
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('saved_views_user_name_unique')
    .on('saved_views')
    .columns(['user_id', 'name'])
    .unique()
    .execute();

  // The search port's index: one document per ticket (number, title, description, replies and
  // notes). SQLite's FTS5 row id is the ticket's sequence number, so a document is replaced by key.
  if (postgres) {
    await db.schema
      .createTable('ticket_search')
      .addColumn('ticket_id', 'text', (c) => c.primaryKey().references('tickets.id'))
      .addColumn('body', sql`tsvector`, (c) => c.notNull())
      .execute();
    await sql`CREATE INDEX ticket_search_body ON ticket_search USING GIN (body)`.execute(db);
  } else {
    await sql`CREATE VIRTUAL TABLE ticket_search USING fts5(body, tokenize = 'unicode61 remove_diacritics 2')`.execute(
      db,
    );
  }
}

// biome-ignore lint/suspicious/noExplicitAny: migrations take Kysely<any> by convention
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'ticket_search',
    'saved_views',
    'notifications',
    'complaints',
    'surveys',
    'major_incident_reviews',
    'ticket_tasks',
    'ticket_approvals',
    'attachments',
    'ticket_links',
    'ticket_watchers',
    'ticket_comments',
    'tickets',
    'desk_settings',
    'number_series',
    'request_types',
    'services',
  ]) {
    await db.schema.dropTable(table).execute();
  }
  await db.schema.alterTable('users').dropColumn('manager_id').execute();
}
