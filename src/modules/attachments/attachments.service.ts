// Files attached to records (tickets, assessment items, audit findings, training completions…):
// checked for size and kind (sniffed from the content), stored behind the storage port, recorded
// and audited with the record they belong to, served only to who may see that record.
// Each module that takes files registers its owner type with `registerOwner` and says who may
// read and who may attach; this service owns everything else, so the rules are the same everywhere.
import type { Executor } from '../../db/executor.js';
import { sniff } from '../../files/sniff.js';
import type { FileStorage } from '../../files/storage.js';
import type { Actor } from '../../shared/actor.js';
import type { Clock } from '../../shared/clock.js';
import { DomainError, invalid, notFound } from '../../shared/errors.js';
import { uuidv7 } from '../../shared/ids.js';
import type { AuditService } from '../audit/audit.service.js';

export interface AttachmentView {
  id: string;
  fileName: string;
  mediaType: string;
  size: number;
  uploadedBy: string | null;
  uploadedByName: string | null;
  createdAt: string;
}

/**
 * What an owning module decides. Both checks throw when refused (NOT_FOUND when the record must
 * stay invisible, FORBIDDEN or INVALID_TRANSITION otherwise) and may return the owner's canonical
 * id (a ticket is also reachable by its number).
 */
export interface AttachmentOwner {
  /** The audit trail entity the "attach" event is recorded on, e.g. 'ticket'. */
  entityType: string;
  canRead(trx: Executor, actor: Actor, ownerId: string): Promise<string | undefined>;
  canAttach(trx: Executor, actor: Actor, ownerId: string): Promise<string | undefined>;
}

const OWNER_TYPE = /^[a-z][a-z-]{1,40}$/;

export function createAttachmentService(deps: {
  db: Executor;
  audit: AuditService;
  clock: Clock;
  storage: FileStorage;
  maxBytes: number;
}) {
  const { db, audit, clock, storage, maxBytes } = deps;
  const owners = new Map<string, AttachmentOwner>();

  function ownerOf(type: string): AttachmentOwner {
    const owner = owners.get(type);
    if (!owner) throw notFound(`The record type "${type}"`);
    return owner;
  }

  const listOf = (trx: Executor, ownerType: string, ownerId: string) =>
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
      .where('a.owner_type', '=', ownerType)
      .where('a.owner_id', '=', ownerId)
      .orderBy('a.created_at')
      .orderBy('a.id')
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

  function checkFile(fileName: string, content: Buffer) {
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
    return { name, mediaType: kind.mediaType };
  }

  return {
    maxBytes,

    registerOwner(type: string, owner: AttachmentOwner) {
      if (!OWNER_TYPE.test(type)) throw new Error(`bad attachment owner type ${type}`);
      if (owners.has(type)) throw new Error(`attachment owner type ${type} registered twice`);
      owners.set(type, owner);
    },

    async list(actor: Actor, ownerType: string, ownerId: string) {
      const id = (await ownerOf(ownerType).canRead(db, actor, ownerId)) ?? ownerId;
      return listOf(db, ownerType, id);
    },

    /** Files of records read by a module without a caller (reports, deliverables). */
    listUnchecked: (trx: Executor, ownerType: string, ownerIds: string[]) =>
      ownerIds.length === 0
        ? Promise.resolve([])
        : trx
            .selectFrom('attachments')
            .select(['id', 'owner_id', 'file_name', 'media_type', 'size', 'created_at'])
            .where('owner_type', '=', ownerType)
            .where('owner_id', 'in', ownerIds)
            .orderBy('created_at')
            .execute(),

    async upload(
      actor: Actor,
      ownerType: string,
      ownerId: string,
      fileName: string,
      content: Buffer,
    ) {
      const owner = ownerOf(ownerType);
      const file = checkFile(fileName, content);
      // Check access before storing anything; store before the transaction so it stays short,
      // and remove the file again if the transaction fails (no orphan, no dangling row).
      await owner.canAttach(db, actor, ownerId);
      const stored = await storage.put(content);
      try {
        return await db.transaction().execute(async (trx) => {
          const id = (await owner.canAttach(trx, actor, ownerId)) ?? ownerId;
          const now = clock.now();
          const attachmentId = uuidv7(now.getTime());
          await trx
            .insertInto('attachments')
            .values({
              id: attachmentId,
              owner_type: ownerType,
              owner_id: id,
              file_name: file.name,
              media_type: file.mediaType,
              size: content.length,
              sha256: stored.sha256,
              storage_key: stored.key,
              uploaded_by: actor.id,
              created_at: now.toISOString(),
            })
            .execute();
          await audit.record(trx, actor, {
            action: 'attach',
            entityType: owner.entityType,
            entityId: id,
            changes: {
              attachment: {
                from: null,
                to: `${file.name} (${file.mediaType}, ${content.length} bytes, sha256 ${stored.sha256})`,
              },
            },
          });
          const all = await listOf(trx, ownerType, id);
          return all.find((a) => a.id === attachmentId) as AttachmentView;
        });
      } catch (error) {
        await storage.delete(stored.key);
        throw error;
      }
    },

    /** The file and its record, if the caller may see the record it belongs to (404 otherwise). */
    async download(actor: Actor, attachmentId: string) {
      const row = await db
        .selectFrom('attachments')
        .selectAll()
        .where('id', '=', attachmentId)
        .executeTakeFirst();
      const owner = row ? owners.get(row.owner_type) : undefined;
      if (!row || !owner) throw notFound('The attachment');
      try {
        await owner.canRead(db, actor, row.owner_id);
      } catch (error) {
        if (
          error instanceof DomainError &&
          (error.code === 'NOT_FOUND' || error.code === 'FORBIDDEN')
        )
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
