// The service catalogue's use cases. Managers keep services and request types; everyone signed in
// reads the catalogue, requesters only what they can order (live services, active request types).
import { isForeignKeyViolation, isUniqueViolation } from '../../db/errors.js';
import type { Executor } from '../../db/executor.js';
import { decodeCursor, type Page, type PageRequest, pageSize, toPage } from '../../db/keyset.js';
import { type Actor, can, requirePermission } from '../../shared/actor.js';
import type { Clock } from '../../shared/clock.js';
import { DomainError, type FieldError, invalid, notFound } from '../../shared/errors.js';
import { uuidv7 } from '../../shared/ids.js';
import type { AuditService } from '../audit/audit.service.js';
import { auditedWrites } from '../audit/audited-writes.js';
import { checkName } from '../users/users.js';
import {
  type ApprovalStep,
  checkApprovals,
  checkAvailabilityTarget,
  checkForm,
  checkStatus,
  checkTasks,
  type FormField,
  groupReferences,
  type RequestType,
  type Service,
  type ServiceStatus,
  type TaskTemplate,
  validateAnswers,
} from './catalogue.js';
import {
  catalogueRepository as repo,
  requestTypeRow,
  serviceRow,
  toRequestType,
  toService,
} from './catalogue.repository.js';

export interface ServiceInput {
  name: string;
  description?: string;
  status?: string;
  ownerId?: string | null;
  calendarId?: string | null;
  defaultGroupId?: string | null;
  availabilityTarget?: number | null;
}

export interface RequestTypeInput {
  serviceId: string;
  name: string;
  description?: string;
  active?: boolean;
  form?: unknown;
  approvals?: unknown;
  tasks?: unknown;
  instructions?: string;
}

const mapServiceError = (error: unknown): unknown => {
  if (isUniqueViolation(error)) {
    return new DomainError('ALREADY_EXISTS', 'A service with this name already exists.', {
      errors: [{ field: '/name', message: 'is already taken' }],
    });
  }
  if (isForeignKeyViolation(error)) {
    return new DomainError(
      'IN_USE',
      'The service is still referred to by request types, tickets, surveys or complaints; retire it instead of deleting it.',
    );
  }
  return error;
};

const mapRequestTypeError = (error: unknown): unknown => {
  if (isUniqueViolation(error)) {
    return new DomainError(
      'ALREADY_EXISTS',
      'The service already has a request type with this name.',
      { errors: [{ field: '/name', message: 'is already taken in this service' }] },
    );
  }
  if (isForeignKeyViolation(error)) {
    return new DomainError(
      'IN_USE',
      'Tickets were raised with this request type; deactivate it instead of deleting it.',
    );
  }
  return error;
};

const text = (value: string | undefined, field: string, max: number) => {
  const trimmed = (value ?? '').trim();
  if (trimmed.length > max) throw invalid(field, `must be at most ${max} characters`);
  return trimmed;
};

export function createCatalogueService(deps: { db: Executor; audit: AuditService; clock: Clock }) {
  const { db, audit, clock } = deps;
  // The history of definitions is for the people who keep them (and auditors, who read all).
  audit.registerReader('service', async (actor) => can(actor, 'catalogue.manage'));
  audit.registerReader('request-type', async (actor) => can(actor, 'catalogue.manage'));

  const loadService = async (trx: Executor, id: string) => {
    const row = await repo.serviceById(trx, id);
    return row ? toService(row) : undefined;
  };
  const loadRequestType = async (trx: Executor, id: string) => {
    const row = await repo.requestTypeById(trx, id);
    return row ? toRequestType(row) : undefined;
  };

  const services = auditedWrites<Service>(
    { db, audit, clock, mapError: mapServiceError },
    {
      what: 'The service',
      entityType: 'service',
      load: loadService,
      insert: (trx, s) => repo.insertService(trx, serviceRow(s)).then(() => undefined),
      update: (trx, s, expected) => {
        const { id: _id, created_at: _c, version: _v, ...values } = serviceRow(s);
        return repo.updateService(trx, s.id, expected, values);
      },
      delete: (trx, id, expected) => repo.deleteService(trx, id, expected),
    },
  );

  const requestTypes = auditedWrites<RequestType>(
    { db, audit, clock, mapError: mapRequestTypeError },
    {
      what: 'The request type',
      entityType: 'request-type',
      load: loadRequestType,
      insert: (trx, r) => repo.insertRequestType(trx, requestTypeRow(r)).then(() => undefined),
      update: (trx, r, expected) => {
        const { id: _id, created_at: _c, version: _v, ...values } = requestTypeRow(r);
        return repo.updateRequestType(trx, r.id, expected, values);
      },
      delete: (trx, id, expected) => repo.deleteRequestType(trx, id, expected),
    },
  );

  /** Names every reference to a record that does not exist, in one 400. */
  async function checkReferences(
    trx: Executor,
    refs: {
      table: 'users' | 'groups' | 'sla_calendars' | 'services';
      id: string;
      field: string;
      what: string;
    }[],
  ) {
    const errors: FieldError[] = [];
    for (const table of ['users', 'groups', 'sla_calendars', 'services'] as const) {
      const wanted = refs.filter((r) => r.table === table);
      if (!wanted.length) continue;
      const known = await repo.existingIds(
        trx,
        table,
        wanted.map((r) => r.id),
      );
      for (const ref of wanted) {
        if (!known.has(ref.id)) errors.push({ field: ref.field, message: `no such ${ref.what}` });
      }
    }
    if (errors.length) {
      throw new DomainError(
        'VALIDATION_FAILED',
        `Unknown references: ${errors.map((e) => `${e.field} (${e.message})`).join(', ')}.`,
        { errors },
      );
    }
  }

  const serviceRefs = (s: Pick<Service, 'ownerId' | 'calendarId' | 'defaultGroupId'>) => [
    ...(s.ownerId
      ? [{ table: 'users' as const, id: s.ownerId, field: '/ownerId', what: 'user' }]
      : []),
    ...(s.calendarId
      ? [
          {
            table: 'sla_calendars' as const,
            id: s.calendarId,
            field: '/calendarId',
            what: 'calendar',
          },
        ]
      : []),
    ...(s.defaultGroupId
      ? [
          {
            table: 'groups' as const,
            id: s.defaultGroupId,
            field: '/defaultGroupId',
            what: 'group',
          },
        ]
      : []),
  ];

  const requestTypeRefs = (r: Pick<RequestType, 'serviceId' | 'approvals' | 'tasks'>) => [
    { table: 'services' as const, id: r.serviceId, field: '/serviceId', what: 'service' },
    ...groupReferences(r.approvals, r.tasks).map((ref) => ({
      table: 'groups' as const,
      id: ref.groupId,
      field: ref.field,
      what: 'group',
    })),
  ];

  /** Managers see the whole catalogue; everyone else what can be ordered from it. */
  const managesCatalogue = (actor: Actor) => can(actor, 'catalogue.manage');

  async function visibleRequestType(actor: Actor, id: string): Promise<RequestType> {
    const requestType = await requestTypes.load(db, id);
    if (!managesCatalogue(actor)) {
      const service = await loadService(db, requestType.serviceId);
      if (!requestType.active || service?.status !== 'live') throw notFound('The request type');
    }
    return requestType;
  }

  async function getService(actor: Actor, id: string): Promise<Service> {
    requirePermission(actor, 'catalogue.read', 'see the service catalogue');
    const service = await services.load(db, id);
    if (!managesCatalogue(actor) && service.status !== 'live') throw notFound('The service');
    return service;
  }

  async function listRequestTypes(
    actor: Actor,
    filter: { q?: string; serviceId?: string; active?: boolean },
    page: PageRequest,
  ): Promise<Page<RequestType>> {
    requirePermission(actor, 'catalogue.read', 'see the service catalogue');
    const size = pageSize(page.limit);
    const manager = managesCatalogue(actor);
    if (!manager && filter.active === false) return { items: [], nextCursor: null };
    const rows = await repo.listRequestTypes(
      db,
      {
        q: filter.q?.trim() || undefined,
        serviceId: filter.serviceId,
        active: manager ? filter.active : true,
        serviceStatus: manager ? undefined : 'live',
      },
      decodeCursor(page.cursor),
      size + 1,
    );
    return toPage(rows, size, (r) => [r.name, r.id], toRequestType);
  }

  return {
    async listServices(
      actor: Actor,
      filter: { q?: string; status?: ServiceStatus },
      page: PageRequest,
    ): Promise<Page<Service>> {
      requirePermission(actor, 'catalogue.read', 'see the service catalogue');
      const size = pageSize(page.limit);
      let status = filter.status;
      if (!managesCatalogue(actor)) {
        if (status && status !== 'live') return { items: [], nextCursor: null };
        status = 'live';
      }
      const rows = await repo.listServices(
        db,
        { q: filter.q?.trim() || undefined, status },
        decodeCursor(page.cursor),
        size + 1,
      );
      return toPage(rows, size, (r) => [r.name, r.id], toService);
    },

    getService,

    async createService(actor: Actor, input: ServiceInput): Promise<Service> {
      requirePermission(actor, 'catalogue.manage', 'create services');
      const now = clock.now();
      const service: Service = {
        id: uuidv7(now.getTime()),
        name: checkName(input.name),
        description: text(input.description, '/description', 4000),
        status: checkStatus(input.status ?? 'pipeline'),
        ownerId: input.ownerId ?? null,
        calendarId: input.calendarId ?? null,
        defaultGroupId: input.defaultGroupId ?? null,
        availabilityTarget: checkAvailabilityTarget(input.availabilityTarget ?? null),
        createdAt: now.toISOString(),
        updatedAt: now.toISOString(),
        version: 1,
      };
      await checkReferences(db, serviceRefs(service));
      return services.create(actor, service);
    },

    async updateService(
      actor: Actor,
      id: string,
      expectedVersion: number,
      patch: Partial<ServiceInput>,
    ): Promise<Service> {
      requirePermission(actor, 'catalogue.manage', 'change services');
      return services.update(actor, id, expectedVersion, async (before, trx) => {
        const after: Service = {
          ...before,
          name: patch.name !== undefined ? checkName(patch.name) : before.name,
          description:
            patch.description !== undefined
              ? text(patch.description, '/description', 4000)
              : before.description,
          status: patch.status !== undefined ? checkStatus(patch.status) : before.status,
          ownerId: patch.ownerId !== undefined ? patch.ownerId : before.ownerId,
          calendarId: patch.calendarId !== undefined ? patch.calendarId : before.calendarId,
          defaultGroupId:
            patch.defaultGroupId !== undefined ? patch.defaultGroupId : before.defaultGroupId,
          availabilityTarget:
            patch.availabilityTarget !== undefined
              ? checkAvailabilityTarget(patch.availabilityTarget)
              : before.availabilityTarget,
        };
        await checkReferences(trx, serviceRefs(after));
        return after;
      });
    },

    async removeService(actor: Actor, id: string, expectedVersion: number): Promise<void> {
      requirePermission(actor, 'catalogue.manage', 'delete services');
      if (await repo.serviceHasRequestTypes(db, id)) {
        throw new DomainError(
          'IN_USE',
          'The service still has request types: delete them first, or retire the service instead.',
        );
      }
      await services.remove(actor, id, expectedVersion);
    },

    listRequestTypes,

    /** The request types of one service (404 when the service is not visible to the caller). */
    async requestTypesOfService(
      actor: Actor,
      serviceId: string,
      filter: { q?: string; active?: boolean },
      page: PageRequest,
    ): Promise<Page<RequestType>> {
      await getService(actor, serviceId);
      return listRequestTypes(actor, { ...filter, serviceId }, page);
    },

    async getRequestType(actor: Actor, id: string): Promise<RequestType> {
      requirePermission(actor, 'catalogue.read', 'see the service catalogue');
      return visibleRequestType(actor, id);
    },

    async createRequestType(actor: Actor, input: RequestTypeInput): Promise<RequestType> {
      requirePermission(actor, 'catalogue.manage', 'create request types');
      const now = clock.now();
      const requestType: RequestType = {
        id: uuidv7(now.getTime()),
        serviceId: input.serviceId,
        name: checkName(input.name),
        description: text(input.description, '/description', 4000),
        active: input.active ?? true,
        form: checkForm(input.form ?? []),
        approvals: checkApprovals(input.approvals ?? []),
        tasks: checkTasks(input.tasks ?? []),
        instructions: text(input.instructions, '/instructions', 20_000),
        createdAt: now.toISOString(),
        updatedAt: now.toISOString(),
        version: 1,
      };
      await checkReferences(db, requestTypeRefs(requestType));
      return requestTypes.create(actor, requestType);
    },

    async updateRequestType(
      actor: Actor,
      id: string,
      expectedVersion: number,
      patch: Partial<RequestTypeInput>,
    ): Promise<RequestType> {
      requirePermission(actor, 'catalogue.manage', 'change request types');
      // Definitions are checked before the transaction: a bad form is refused without a write.
      const form = patch.form !== undefined ? checkForm(patch.form) : undefined;
      const approvals = patch.approvals !== undefined ? checkApprovals(patch.approvals) : undefined;
      const tasks = patch.tasks !== undefined ? checkTasks(patch.tasks) : undefined;
      return requestTypes.update(actor, id, expectedVersion, async (before, trx) => {
        const after: RequestType = {
          ...before,
          serviceId: patch.serviceId ?? before.serviceId,
          name: patch.name !== undefined ? checkName(patch.name) : before.name,
          description:
            patch.description !== undefined
              ? text(patch.description, '/description', 4000)
              : before.description,
          active: patch.active ?? before.active,
          form: form ?? before.form,
          approvals: approvals ?? before.approvals,
          tasks: tasks ?? before.tasks,
          instructions:
            patch.instructions !== undefined
              ? text(patch.instructions, '/instructions', 20_000)
              : before.instructions,
        };
        await checkReferences(trx, requestTypeRefs(after));
        return after;
      });
    },

    async removeRequestType(actor: Actor, id: string, expectedVersion: number): Promise<void> {
      requirePermission(actor, 'catalogue.manage', 'delete request types');
      await requestTypes.remove(actor, id, expectedVersion);
    },

    // For other modules (the ticket service), inside their own transactions: no actor, no
    // visibility rules — the caller decides who may order what.

    /** A service by id, or undefined. */
    serviceById: (trx: Executor, id: string): Promise<Service | undefined> => loadService(trx, id),

    /** A request type by id, or undefined. */
    requestTypeById: (trx: Executor, id: string): Promise<RequestType | undefined> =>
      loadRequestType(trx, id),

    /** The owner of a service (approver of `service-owner` steps), or null. */
    async serviceOwnerOf(trx: Executor, serviceId: string): Promise<string | null> {
      return (await loadService(trx, serviceId))?.ownerId ?? null;
    },

    /**
     * Checks answers against a request type's form; throws NOT_FOUND for an unknown request type
     * and VALIDATION_FAILED naming every bad answer at `/formAnswers/<key>`.
     */
    async validateAnswers(
      trx: Executor,
      requestTypeId: string,
      answers: unknown,
    ): Promise<Record<string, unknown>> {
      const requestType = await loadRequestType(trx, requestTypeId);
      if (!requestType) throw notFound('The request type');
      return validateAnswers(requestType.form, answers);
    },
  };
}

export type CatalogueService = ReturnType<typeof createCatalogueService>;
export type { ApprovalStep, FormField, TaskTemplate };
