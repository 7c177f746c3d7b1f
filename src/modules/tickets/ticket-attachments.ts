// Tickets take attachments (registerOwner 'ticket' in the composition root): whoever may see the
// ticket may read its files and add one, until the ticket is closed.

import { DomainError } from '../../shared/errors.js';
import type { AttachmentOwner } from '../attachments/attachments.service.js';
import type { TicketService } from './tickets.service.js';

export function ticketAttachmentOwner(tickets: TicketService): AttachmentOwner {
  return {
    entityType: 'ticket',
    async canRead(trx, actor, ticketId) {
      return (await tickets.visible(trx, actor, ticketId)).ticket.id;
    },
    async canAttach(trx, actor, ticketId) {
      const { ticket } = await tickets.visible(trx, actor, ticketId);
      if (ticket.status === 'closed')
        throw new DomainError('INVALID_TRANSITION', 'A closed ticket takes no more attachments.');
      return ticket.id;
    },
  };
}
