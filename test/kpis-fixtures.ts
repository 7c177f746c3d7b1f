// Hand-made records for the KPI tests: a UTC desk calendar (Monday–Friday 09:00–17:00) with a
// holiday on Monday 6 April 2026, one SLA policy using it, two services, tickets logged and
// resolved at chosen instants, and their surveys answered through the public survey link.
import { expect } from 'vitest';
import { systemActor } from '../src/shared/actor.js';
import { fakeMailer, runJobs } from './helpers/notification-fixtures.js';
import type { TestContext } from './helpers/test-app.js';

export const mailer = fakeMailer();
export const ifMatch = (version: number) => ({ headers: { 'if-match': `"${version}"` } });

const weekdays = (hours: [string, string][]) =>
  Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri'].map((d) => [d, hours]));

const every = (minutes: number) => {
  const target = { kind: 'minutes' as const, minutes };
  return { P1: target, P2: target, P3: target, P4: target };
};

export async function desk(ctx: TestContext) {
  const system = systemActor('test');
  ctx.clock.set('2026-02-27T08:00:00Z');
  const calendar = await ctx.services.calendars.create(system, {
    name: `KPI desk hours ${Math.random()}`,
    spec: { timeZone: 'UTC', week: weekdays([['09:00', '17:00']]), holidays: ['2026-04-06'] },
  });
  await ctx.services.policies.create(system, {
    name: `KPI policy ${Math.random()}`,
    order: 1,
    calendarId: calendar.id,
    targets: { first_response: every(60), resolution: every(300) },
    thresholds: [100],
    pauseOn: { first_response: [], resolution: [] },
  });
  const agent = await ctx.as('agent');
  const manager = await ctx.as('manager');
  const group = await ctx.services.groups.create(system, {
    name: `KPI support ${Math.random()}`,
    managerId: manager.user.id,
    memberIds: [agent.user.id, manager.user.id],
  });
  const service = async (name: string) =>
    ctx.services.catalogue.createService(system, {
      name: `${name} ${Math.random()}`,
      status: 'live',
      ownerId: manager.user.id,
      defaultGroupId: group.id,
    });
  return { agent, manager, group, tills: await service('Tills'), web: await service('Web shop') };
}

/** Logs a ticket at `loggedAt` and resolves it at `resolvedAt`; returns the ticket. */
export async function loggedAndResolved(
  ctx: TestContext,
  agentEmail: string,
  input: {
    serviceId: string;
    loggedAt: string;
    resolvedAt: string;
    type?: string;
    urgency?: number;
  },
) {
  const requester = await ctx.createUser('requester');
  // Sessions expire as the clock jumps: sign in again at each instant.
  ctx.clock.set(input.loggedAt);
  let agent = await ctx.login(agentEmail);
  const raised = await agent.post('/api/v1/tickets', {
    type: input.type ?? 'incident',
    title: `Ticket logged ${input.loggedAt}`,
    description: 'KPI fixture',
    requesterId: requester.id,
    serviceId: input.serviceId,
    impact: 3,
    urgency: input.urgency ?? 3,
  });
  expect(raised.status, raised.text).toBe(201);
  ctx.clock.set(input.resolvedAt);
  agent = await ctx.login(agentEmail);
  const resolved = await agent.post(
    `/api/v1/tickets/${raised.body.id}/status`,
    { status: 'resolved', resolutionCode: 'solved', resolutionNotes: 'Fixed.' },
    ifMatch(raised.body.version),
  );
  expect(resolved.status, resolved.text).toBe(200);
  return { ...resolved.body, requester } as {
    id: string;
    number: string;
    priority: string;
    requester: { email: string };
  };
}

/** Answers the survey of a resolved ticket through its emailed link, at `at`. */
export async function answerSurvey(
  ctx: TestContext,
  ticket: { number: string; requester: { email: string } },
  rating: number,
  at: string,
) {
  await runJobs(ctx);
  const invitation = mailer.sent.find(
    (m) => m.to === ticket.requester.email && m.subject === `How did we do on ${ticket.number}?`,
  );
  const token = /\/survey\/([A-Za-z0-9_-]+)/.exec(invitation?.text ?? '')?.[1];
  if (!token) throw new Error(`no survey invitation for ${ticket.number}`);
  ctx.clock.set(at);
  const answered = await ctx.anonymous.post(`/api/v1/surveys/by-token/${token}`, { rating });
  expect(answered.status, answered.text).toBe(200);
}
