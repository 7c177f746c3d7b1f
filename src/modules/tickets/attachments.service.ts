// Attachments on tickets: checked for size and kind (sniffed from the content), stored behind
// the storage port, recorded and audited with the ticket, served only to who may see the ticket.
import type { Executor } from '../../db/executor.js';
import { sniff } from '../../files/sniff.js';
import type { FileStorage } from '../../files/storage.js';
import type { Actor } from '../../shared/actor.js';
import type { Clock } from '../../shared/clock.js';
import { DomainError, invalid, notFound } from '../../shared/errors.js';
import { uuidv7 } from '../../shared/ids.js';
import type { AuditService } from '../audit/audit.service.js';
import type { TicketService } from './tickets.service.js';

export interface AttachmentView {
  id: string;
  fileName: string;
  mediaType: string;
  size: number;
  uploadedBy: string | null;
  uploadedByName: string | null;
  createdAt: string;
}

export function createAttachmentService(deps: {
  db: Executor;
  audit: AuditService;
  clock: Clock;
  storage: FileStorage;
  tickets: TicketService;
  maxBytes: number;
}) {
  const { db, audit, clock, storage, tickets, maxBytes } = deps;

  const list = (trx: Executor, ticketId: string) =>
    trx
      .selectFrom('attachments as a')
      .leftJoin('users as u', 'u.id', 'a.uploaded_by')
      .select([
        'a.id',
        'a.file_name',
        'a.media_type',
        'a.size',
        'a.uploaded_by',
        'u.name',
        'a.created_at',
      ])
      .where('a.owner_type', '=', 'ticket')
      .where('a.owner_id', '=', ticketId)
      .orderBy('a.created_at')
      .execute()
      .then((rows) =>
        rows.map(
          (r): AttachmentView => ({
            id: r.id,
            fileName: r.file_name,
            mediaType: r.media_type,
            size: Number(r.size),
            uploadedBy: r.uploaded_by,
            uploadedByName: r.name,
            createdAt: r.created_at,
          }),
        ),
      );

  return {
    maxBytes,

    async list(actor: Actor, ticketId: string) {
      const { ticket } = await tickets.visible(db, actor, ticketId);
      return list(db, ticket.id);
    },

    async upload(actor: Actor, ticketId: string, fileName: string, content: Buffer) {
      const name = fileName.trim().replace(/[\\/]/g, '_');
      if (!name || name.length > 200)
        throw invalid('/fileName', 'give the file a name of at most 200 characters');
      if (content.length === 0) throw invalid('/body', 'the file is empty');
      if (content.length > maxBytes)
        throw new DomainError(
          'PAYLOAD_TOO_LARGE',
          `Attachments may be at most ${Math.round(maxBytes / 1048576)} MB.`,
        );
      const kind = sniff(content, name);
      if (!kind.allowed)
        throw new DomainError('UNSUPPORTED_MEDIA_TYPE', `This file is refused: ${kind.reason}.`, {
          detected: kind.mediaType,
        });
      // Check access before storing anything; store before the transaction so it stays short,
      // and remove the file again if the transaction fails (no orphan, no dangling row).
      await tickets.visible(db, actor, ticketId);
      const stored = await storage.put(content);
      try {
        return await db.transaction().execute(async (trx) => {
          const { ticket } = await tickets.visible(trx, actor, ticketId);
          if (ticket.status === 'closed')
            throw new DomainError(
              'INVALID_TRANSITION',
              'A closed ticket takes no more attachments.',
            );
          const now = clock.now();
          const id = uuidv7(now.getTime());
          await trx
            .insertInto('attachments')
            .values({
              id,
              owner_type: 'ticket',
              owner_id: ticket.id,
              file_name: name,
              media_type: kind.mediaType,
              size: content.length,
              sha256: stored.sha256,
              storage_key: stored.key,
              uploaded_by: actor.id,
              created_at: now.toISOString(),
            })
            .execute();
          await audit.record(trx, actor, {
            action: 'attach',
            entityType: 'ticket',
            entityId: ticket.id,
            changes: {
              attachment: {
                from: null,
                to: `${name} (${kind.mediaType}, ${content.length} bytes, sha256 ${stored.sha256})`,
              },
            },
          });
          const all = await list(trx, ticket.id);
          return all.find((a) => a.id === id) as AttachmentView;
        });
      } catch (error) {
        await storage.delete(stored.key);
        throw error;
      }
    },

    /** The file and its record, if the caller may see the ticket it belongs to (404 otherwise). */
    async download(actor: Actor, attachmentId: string) {
      const row = await db
        .selectFrom('attachments')
        .selectAll()
        .where('id', '=', attachmentId)
        .executeTakeFirst();
      if (row?.owner_type !== 'ticket') throw notFound('The attachment');
      try {
        await tickets.visible(db, actor, row.owner_id);
      } catch (error) {
        if (error instanceof DomainError && error.code === 'NOT_FOUND')
          throw notFound('The attachment');
        throw error;
      }
      return {
        fileName: row.file_name,
        mediaType: row.media_type,
        content: await storage.get(row.storage_key),
      };
    },
  };
}

export type AttachmentService = ReturnType<typeof createAttachmentService>;
