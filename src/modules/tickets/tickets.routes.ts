import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { actorOf } from '../../server/http/authentication.js';
import { expectedVersion, withEtag } from '../../server/http/concurrency.js';
import { listExport } from '../../server/http/list-export.js';
import { IfMatchHeaders, PageOf } from '../../server/http/schemas.js';
import type { DeskSettingsService } from './desk-settings.service.js';
import type { MajorIncidentReviewService } from './major-incident-review.service.js';
import {
  ApprovalParams,
  BulkBody,
  BulkResultSchema,
  CommentBody,
  CommentSchema,
  CreateTicketBody,
  DecisionBody,
  DeskSettingsBody,
  DeskSettingsSchema,
  InboxSchema,
  LinkBody,
  LinkParams,
  LinksSchema,
  QueueQuerySchema,
  ReviewBody,
  ReviewSchema,
  SearchQuery,
  SearchResultSchema,
  StatusBody,
  TaskBody,
  TaskListSchema,
  TaskParams,
  TicketDetailSchema,
  TicketParams,
  TicketSchema,
  TicketSummarySchema,
  TimelineSchema,
  UpdateTicketBody,
  WatcherBody,
  WatcherParams,
} from './tickets.schemas.js';
import type { TicketService } from './tickets.service.js';

export const ticketsRoutes: FastifyPluginAsyncTypebox<{
  tickets: TicketService;
  deskSettings: DeskSettingsService;
  reviews: MajorIncidentReviewService;
}> = async (app, { tickets, deskSettings, reviews }) => {
  const tags = ['Tickets'];

  app.get(
    '/tickets',
    {
      schema: {
        tags,
        summary: 'A queue of tickets',
        description:
          'Staff: queues mine, my-groups, unassigned, breaching (resolution due within 4 business-clock hours, soonest first), open, all. Requesters: their own tickets.',
        querystring: QueueQuerySchema,
        response: { 200: PageOf(TicketSummarySchema) },
      },
    },
    (req) => tickets.queue(actorOf(req), req.query, req.query),
  );
  app.post(
    '/tickets',
    {
      schema: {
        tags,
        summary: 'Raise an incident or a service request',
        body: CreateTicketBody,
        response: { 201: TicketSchema },
      },
    },
    async (req, reply) =>
      reply.status(201).send(withEtag(reply, await tickets.create(actorOf(req), req.body))),
  );
  app.get(
    '/tickets/search',
    {
      schema: {
        tags,
        summary: 'Full-text search over tickets and their conversation',
        querystring: SearchQuery,
        response: { 200: SearchResultSchema },
      },
    },
    (req) => tickets.search(actorOf(req), req.query.q, req.query.limit),
  );
  app.post(
    '/tickets/bulk',
    {
      schema: {
        tags,
        summary: 'Assign or move many tickets at once',
        body: BulkBody,
        response: { 200: BulkResultSchema },
      },
    },
    (req) => {
      const { ids, ...change } = req.body;
      return tickets.bulk(actorOf(req), ids, change);
    },
  );
  app.get(
    '/tickets/:id',
    {
      schema: {
        tags,
        summary: 'A ticket with its clocks, watchers, links, approvals and tasks',
        params: TicketParams,
        response: { 200: TicketDetailSchema },
      },
    },
    async (req, reply) => withEtag(reply, await tickets.get(actorOf(req), req.params.id)),
  );
  app.patch(
    '/tickets/:id',
    {
      schema: {
        tags,
        summary: 'Change a ticket’s fields (assignment, priority, service …)',
        params: TicketParams,
        headers: IfMatchHeaders,
        body: UpdateTicketBody,
        response: { 200: TicketSchema },
      },
    },
    async (req, reply) =>
      withEtag(
        reply,
        await tickets.update(actorOf(req), req.params.id, expectedVersion(req), req.body),
      ),
  );
  app.post(
    '/tickets/:id/status',
    {
      schema: {
        tags,
        summary: 'Move a ticket through its lifecycle',
        params: TicketParams,
        headers: IfMatchHeaders,
        body: StatusBody,
        response: { 200: TicketSchema },
      },
    },
    async (req, reply) =>
      withEtag(
        reply,
        await tickets.changeStatus(actorOf(req), req.params.id, expectedVersion(req), req.body),
      ),
  );
  app.post(
    '/tickets/:id/comments',
    {
      schema: {
        tags,
        summary: 'Reply to the requester (public) or add an internal note',
        params: TicketParams,
        body: CommentBody,
        response: { 201: CommentSchema },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await tickets.comment(actorOf(req), req.params.id, req.body)),
  );
  app.get(
    '/tickets/:id/timeline',
    {
      schema: {
        tags,
        summary: 'Replies, notes and recorded changes, oldest first',
        params: TicketParams,
        response: { 200: TimelineSchema },
      },
    },
    (req) => tickets.timeline(actorOf(req), req.params.id),
  );
  app.post(
    '/tickets/:id/watchers',
    {
      schema: { tags, summary: 'Add a watcher', params: TicketParams, body: WatcherBody },
    },
    (req) => tickets.addWatcher(actorOf(req), req.params.id, req.body.userId),
  );
  app.delete(
    '/tickets/:id/watchers/:userId',
    { schema: { tags, summary: 'Remove a watcher', params: WatcherParams } },
    (req) => tickets.removeWatcher(actorOf(req), req.params.id, req.params.userId),
  );
  app.post(
    '/tickets/:id/links',
    {
      schema: {
        tags,
        summary: 'Link to another ticket (related, duplicate_of, child_of, parent_of)',
        params: TicketParams,
        body: LinkBody,
        response: { 200: LinksSchema },
      },
    },
    (req) => tickets.addLink(actorOf(req), req.params.id, req.body.kind, req.body.target),
  );
  app.delete(
    '/tickets/:id/links/:kind/:target',
    {
      schema: {
        tags,
        summary: 'Remove a link',
        params: LinkParams,
        response: { 200: LinksSchema },
      },
    },
    (req) => tickets.removeLink(actorOf(req), req.params.id, req.params.kind, req.params.target),
  );
  app.post(
    '/tickets/:id/approvals/:approvalId',
    {
      schema: {
        tags,
        summary: 'Approve or reject the pending approval step',
        params: ApprovalParams,
        body: DecisionBody,
        response: { 200: TicketSchema },
      },
    },
    (req) =>
      tickets.decideApproval(actorOf(req), req.params.id, req.params.approvalId, {
        approve: req.body.decision === 'approve',
        comment: req.body.comment,
      }),
  );
  app.get(
    '/approvals',
    {
      schema: {
        tags,
        summary: 'Approval steps waiting for me',
        response: { 200: InboxSchema },
      },
    },
    (req) => tickets.approvalsInbox(actorOf(req)),
  );
  app.patch(
    '/tickets/:id/tasks/:taskId',
    {
      schema: {
        tags,
        summary: 'Complete, cancel, reopen or assign a fulfilment task',
        params: TaskParams,
        body: TaskBody,
        response: { 200: TaskListSchema },
      },
    },
    (req) => tickets.updateTask(actorOf(req), req.params.id, req.params.taskId, req.body),
  );
  app.get(
    '/tickets/:id/major-incident-review',
    {
      schema: {
        tags,
        summary: 'The review of a major incident',
        params: TicketParams,
        response: { 200: ReviewSchema },
      },
    },
    async (req, reply) => withEtag(reply, await reviews.get(actorOf(req), req.params.id)),
  );
  app.put(
    '/tickets/:id/major-incident-review',
    {
      schema: {
        tags,
        summary: 'Write the review of a major incident (If-Match "0" creates it)',
        params: TicketParams,
        headers: IfMatchHeaders,
        body: ReviewBody,
        response: { 200: ReviewSchema },
      },
    },
    async (req, reply) =>
      withEtag(
        reply,
        await reviews.save(actorOf(req), req.params.id, expectedVersion(req), req.body),
      ),
  );
  app.get(
    '/desk/settings',
    {
      schema: {
        tags: ['Desk settings'],
        summary: 'Priority matrix, reopen window, first-response rule, portal visibility',
        response: { 200: DeskSettingsSchema },
      },
    },
    async (req, reply) => withEtag(reply, await deskSettings.get(actorOf(req))),
  );
  app.patch(
    '/desk/settings',
    {
      schema: {
        tags: ['Desk settings'],
        summary: 'Change the desk settings',
        headers: IfMatchHeaders,
        body: DeskSettingsBody,
        response: { 200: DeskSettingsSchema },
      },
    },
    async (req, reply) =>
      withEtag(reply, await deskSettings.update(actorOf(req), expectedVersion(req), req.body)),
  );

  // CSV/XLSX of the queue, same filters and visibility (see src/server/http/list-export.ts).
  listExport(app, {
    path: '/tickets',
    name: 'tickets',
    tags,
    what: 'a queue of tickets',
    querystring: QueueQuerySchema,
    item: TicketSummarySchema,
    list: (actor, query) => tickets.queue(actor, query, query),
  });
};
