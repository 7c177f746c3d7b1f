// Acknowledgement campaigns (5.2.2, 7.3): the people in given roles or groups when the campaign
// starts must read an approved version and acknowledge it, once, by a due date. The target list is
// fixed at launch so "x of y" does not move as people join or leave; only targets may acknowledge.
import type { Executor } from '../../db/executor.js';
import { type Actor, requirePermission } from '../../shared/actor.js';
import type { Clock } from '../../shared/clock.js';
import { DomainError, invalid, notFound } from '../../shared/errors.js';
import { uuidv7 } from '../../shared/ids.js';
import { isRole } from '../../shared/permissions.js';
import type { AuditService } from '../audit/audit.service.js';
import type { NotificationService } from '../notifications/notifications.service.js';
import type { ControlledDocument, DocumentKind } from './documents.js';
import { type CampaignRecord, documentsRepository as repo } from './documents.repository.js';

export interface CampaignView extends CampaignRecord {
  documentNumber: string;
  documentTitle: string;
  targeted: number;
  acknowledged: number;
  /** Whole percent of targets who acknowledged; 100 for a campaign that targets nobody. */
  percent: number;
  overdue: boolean;
  missing: { userId: string; name: string }[];
  acknowledgements: { userId: string; name: string; acknowledgedAt: string; version: number }[];
}

export interface MyAcknowledgement {
  campaignId: string;
  documentId: string;
  documentNumber: string;
  documentTitle: string;
  documentKind: DocumentKind;
  versionNumber: number;
  dueAt: string;
  message: string | null;
  createdAt: string;
  acknowledgedAt: string | null;
  acknowledgedVersion: number | null;
  overdue: boolean;
}

export interface MyAcknowledgementDetail extends MyAcknowledgement {
  title: string;
  body: string;
  approvedAt: string | null;
  approvedByName: string | null;
}

export interface NewCampaign {
  roles?: string[];
  groupIds?: string[];
  dueAt: string;
  message?: string | null;
}

export function createCampaigns(deps: {
  db: Executor;
  audit: AuditService;
  clock: Clock;
  notifications: NotificationService;
  load(trx: Executor, id: string): Promise<ControlledDocument>;
  requireRead(actor: Actor, action: string): void;
}) {
  const { db, audit, clock, notifications, load, requireRead } = deps;
  const now = () => clock.now().toISOString();

  async function views(trx: Executor, document: ControlledDocument, list: CampaignRecord[]) {
    const targets = await repo.targets(
      trx,
      list.map((c) => c.id),
    );
    const at = now();
    return list.map((c): CampaignView => {
      const mine = targets.filter((t) => t.campaign_id === c.id);
      const done = mine.filter((t) => t.acknowledged_at !== null);
      const missing = mine
        .filter((t) => t.acknowledged_at === null)
        .map((t) => ({ userId: t.user_id, name: t.user_name }));
      return {
        ...c,
        documentNumber: document.number,
        documentTitle: document.title,
        targeted: mine.length,
        acknowledged: done.length,
        percent: mine.length === 0 ? 100 : Math.floor((done.length * 100) / mine.length),
        overdue: missing.length > 0 && c.dueAt < at,
        missing,
        acknowledgements: done.map((t) => ({
          userId: t.user_id,
          name: t.user_name,
          acknowledgedAt: t.acknowledged_at as string,
          version: Number(t.acknowledged_version),
        })),
      };
    });
  }

  function mineOf(row: Awaited<ReturnType<typeof repo.campaignsFor>>[number]): MyAcknowledgement {
    return {
      campaignId: row.campaign_id,
      documentId: row.document_id,
      documentNumber: row.document_number,
      documentTitle: row.document_title,
      documentKind: row.document_kind as DocumentKind,
      versionNumber: Number(row.version_number),
      dueAt: row.due_at,
      message: row.message,
      createdAt: row.created_at,
      acknowledgedAt: row.acknowledged_at,
      acknowledgedVersion:
        row.acknowledged_version === null ? null : Number(row.acknowledged_version),
      overdue: row.acknowledged_at === null && row.due_at < now(),
    };
  }

  async function targetedCampaign(actor: Actor, campaignId: string) {
    const rows = actor.id ? await repo.campaignsFor(db, actor.id) : [];
    return rows.find((r) => r.campaign_id === campaignId);
  }

  return {
    async launchCampaign(
      actor: Actor,
      documentId: string,
      input: NewCampaign,
    ): Promise<CampaignView> {
      requirePermission(actor, 'documents.manage', 'launch acknowledgement campaigns');
      const roles = [...new Set(input.roles ?? [])];
      const groupIds = [...new Set(input.groupIds ?? [])];
      roles.forEach((role, i) => {
        if (!isRole(role)) throw invalid(`/roles/${i}`, `${role} is not a role`);
      });
      if (roles.length === 0 && groupIds.length === 0)
        throw invalid('/roles', 'name at least one role or group to ask');
      const due = new Date(input.dueAt);
      if (Number.isNaN(due.getTime())) throw invalid('/dueAt', 'must be a date-time');
      if (due.toISOString() <= now()) throw invalid('/dueAt', 'must be in the future');
      return db.transaction().execute(async (trx) => {
        const document = await load(trx, documentId);
        if (document.approvedVersion === null || document.status === 'retired')
          throw new DomainError(
            'INVALID_TRANSITION',
            'Only a document with an approved version in force can be sent for acknowledgement.',
            { errors: [{ field: '/status', message: `the document is ${document.status}` }] },
          );
        const known = await repo.existingGroups(trx, groupIds);
        groupIds.forEach((id, i) => {
          if (!known.has(id)) throw invalid(`/groupIds/${i}`, 'is not a group');
        });
        const people = await repo.activePeople(trx, roles, groupIds);
        if (people.length === 0)
          throw invalid('/roles', 'nobody active is in those roles or groups');
        const campaign: CampaignRecord = {
          id: uuidv7(clock.now().getTime()),
          documentId,
          versionNumber: document.approvedVersion,
          roles,
          groupIds,
          dueAt: due.toISOString(),
          message: input.message?.trim() || null,
          createdBy: actor.id,
          createdAt: now(),
        };
        await repo.insertCampaign(trx, campaign);
        await repo.insertTargets(trx, campaign.id, people);
        await audit.record(trx, actor, {
          action: 'launch-campaign',
          entityType: 'document',
          entityId: documentId,
          changes: {
            campaign: {
              from: null,
              to: {
                id: campaign.id,
                version: campaign.versionNumber,
                roles,
                groupIds,
                dueAt: campaign.dueAt,
                targeted: people.length,
              },
            },
          },
        });
        await notifications.notify(trx, {
          kind: 'acknowledgement-requested',
          subject: { type: 'acknowledgement-campaign', id: campaign.id },
          link: `/acknowledgements/${campaign.id}`,
          params: {
            number: document.number,
            title: document.title,
            actorName: actor.name,
            expiresAt: campaign.dueAt,
          },
          audience: [{ role: 'reader', userIds: people }],
          actorId: actor.id,
        });
        return (await views(trx, document, [campaign]))[0] as CampaignView;
      });
    },

    async campaigns(actor: Actor, documentId: string): Promise<CampaignView[]> {
      requireRead(actor, 'read acknowledgement campaigns');
      const document = await load(db, documentId);
      return views(db, document, await repo.campaignsOf(db, documentId));
    },

    async campaign(actor: Actor, campaignId: string): Promise<CampaignView> {
      requireRead(actor, 'read acknowledgement campaigns');
      const campaign = await repo.campaign(db, campaignId);
      if (!campaign) throw notFound('The campaign');
      const document = await load(db, campaign.documentId);
      return (await views(db, document, [campaign]))[0] as CampaignView;
    },

    /** "My acknowledgements": every campaign that asks the actor, open ones first. */
    async myAcknowledgements(actor: Actor): Promise<MyAcknowledgement[]> {
      if (!actor.id) return [];
      const mine = (await repo.campaignsFor(db, actor.id)).map(mineOf);
      return [
        ...mine
          .filter((m) => m.acknowledgedAt === null)
          .sort((a, b) => a.dueAt.localeCompare(b.dueAt)),
        ...mine.filter((m) => m.acknowledgedAt !== null),
      ];
    },

    /** The version to read; only for the people the campaign asks (others: 404). */
    async myAcknowledgement(actor: Actor, campaignId: string): Promise<MyAcknowledgementDetail> {
      const row = await targetedCampaign(actor, campaignId);
      if (!row) throw notFound('The acknowledgement');
      const version = await repo.version(db, row.document_id, Number(row.version_number));
      if (!version) throw notFound('The document version');
      return {
        ...mineOf(row),
        title: version.title,
        body: version.body,
        approvedAt: version.approvedAt,
        approvedByName: version.approvedByName,
      };
    },

    async acknowledge(actor: Actor, campaignId: string): Promise<MyAcknowledgement> {
      const campaign = await repo.campaign(db, campaignId);
      if (!campaign) throw notFound('The campaign');
      if (!actor.id || !(await repo.target(db, campaignId, actor.id)))
        throw new DomainError(
          'FORBIDDEN',
          'This campaign does not ask you to acknowledge the document.',
          { rule: 'targets-only' },
        );
      const userId = actor.id;
      await db.transaction().execute(async (trx) => {
        if (!(await repo.acknowledge(trx, campaignId, userId, now(), campaign.versionNumber)))
          throw new DomainError('ALREADY_ANSWERED', 'You already acknowledged this document.');
        await audit.record(trx, actor, {
          action: 'acknowledge',
          entityType: 'document',
          entityId: campaign.documentId,
          changes: {
            acknowledged: {
              from: null,
              to: { campaignId, version: campaign.versionNumber, userId },
            },
          },
        });
      });
      const row = await targetedCampaign(actor, campaignId);
      return mineOf(row as NonNullable<typeof row>);
    },
  };
}
