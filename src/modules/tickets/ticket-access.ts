// Who may see and work a ticket. Staff with tickets.read see every ticket; everyone else sees
// only their own, their organisation's when the desk allows it, those they watch, and those
// waiting for their approval. A ticket someone may not see answers 404, never 403, so its
// existence does not leak.
import type { Executor } from '../../db/executor.js';
import { type Actor, can, requirePermission } from '../../shared/actor.js';
import { notFound } from '../../shared/errors.js';
import type { DirectoryPort } from './ports.js';
import type { DeskSettings, Ticket } from './tickets.js';

export type Access = 'staff' | 'participant';

export async function accessTo(
  trx: Executor,
  actor: Actor,
  ticket: Ticket,
  settings: DeskSettings,
  directory: DirectoryPort,
): Promise<Access | null> {
  if (can(actor, 'tickets.read')) return 'staff';
  if (!actor.id || !can(actor, 'tickets.submit')) return null;
  if (ticket.requesterId === actor.id) return 'participant';
  if (settings.requestersSeeOrganisationTickets && ticket.organisationId) {
    const me = await directory.findUser(trx, actor.id);
    if (me?.organisationId === ticket.organisationId) return 'participant';
  }
  const watching = await trx
    .selectFrom('ticket_watchers')
    .select('user_id')
    .where('ticket_id', '=', ticket.id)
    .where('user_id', '=', actor.id)
    .executeTakeFirst();
  if (watching) return 'participant';
  const groups = await directory.groupIdsOf(trx, actor.id);
  const approver = await trx
    .selectFrom('ticket_approvals')
    .select('id')
    .where('ticket_id', '=', ticket.id)
    .where((eb) =>
      groups.length
        ? eb.or([eb('approver_id', '=', actor.id), eb('group_id', 'in', groups)])
        : eb('approver_id', '=', actor.id),
    )
    .executeTakeFirst();
  return approver ? 'participant' : null;
}

export async function requireAccess(
  trx: Executor,
  actor: Actor,
  ticket: Ticket | undefined,
  settings: DeskSettings,
  directory: DirectoryPort,
): Promise<{ ticket: Ticket; access: Access }> {
  requirePermission(actor, 'tickets.submit', 'see tickets');
  const access = ticket ? await accessTo(trx, actor, ticket, settings, directory) : null;
  if (!ticket || !access) throw notFound('The ticket');
  return { ticket, access };
}
