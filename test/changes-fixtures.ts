// Shared set-up of the change management tests: groups, services, a policy and helpers to move a
// change along. Every test uses its own services so schedules never collide across tests.
import { expect } from 'vitest';
import { systemActor } from '../src/shared/actor.js';
import { insertService } from './helpers/notification-fixtures.js';
import type { Client, TestContext } from './helpers/test-app.js';

let n = 0;
export const unique = (name: string) => `${name} ${++n}-${Math.random().toString(36).slice(2, 7)}`;

/** An ISO time `hours` after the test clock's now. */
export const inHours = (ctx: TestContext, hours: number) =>
  new Date(ctx.clock.now().getTime() + hours * 3_600_000).toISOString();

export async function makeGroup(ctx: TestContext, name: string, memberIds: string[]) {
  const group = await ctx.services.groups.create(systemActor(), {
    name: unique(name),
    memberIds,
  });
  return group.id;
}

export const service = (ctx: TestContext, name: string, ownerId?: string) =>
  insertService(ctx, { name: unique(name), ownerId });

export const QUESTIONNAIRE = {
  questions: [
    {
      key: 'customer_impact',
      text: 'Could customers notice the change?',
      answers: [
        { key: 'no', label: 'No', weight: 0 },
        { key: 'maybe', label: 'Maybe', weight: 3 },
        { key: 'yes', label: 'Yes', weight: 6 },
      ],
    },
    {
      key: 'tested',
      text: 'Has the change been tested in a copy of production?',
      answers: [
        { key: 'yes', label: 'Yes', weight: 0 },
        { key: 'no', label: 'No', weight: 4 },
      ],
    },
  ],
  thresholds: { medium: 3, high: 8 },
};
export const LOW = { customer_impact: 'no', tested: 'yes' };
export const MEDIUM = { customer_impact: 'maybe', tested: 'yes' };
export const HIGH = { customer_impact: 'yes', tested: 'no' };

export function policy(ids: {
  cab: string;
  ecab: string;
  cabMode?: 'all' | 'any' | 'n_of_m';
  cabN?: number | null;
  controlled?: string[] | null;
  customerFacing?: string[];
}) {
  return {
    allServicesControlled: ids.controlled === undefined || ids.controlled === null,
    controlledServiceIds: ids.controlled ?? [],
    majorImpact: { riskLevels: ['high'], serviceIds: ids.customerFacing ?? [] },
    riskQuestionnaire: QUESTIONNAIRE,
    approvalRules: [
      {
        name: 'Emergency',
        types: ['emergency'],
        riskLevels: [],
        major: null,
        steps: [
          {
            name: 'Emergency CAB',
            approvers: { kind: 'group', groupId: ids.ecab },
            mode: 'any',
            n: null,
          },
        ],
      },
      {
        name: 'Low risk',
        types: ['normal'],
        riskLevels: ['low'],
        major: null,
        steps: [
          { name: 'Service owner', approvers: { kind: 'service_owners' }, mode: 'all', n: null },
        ],
      },
      {
        name: 'Medium and high risk',
        types: ['normal'],
        riskLevels: ['medium', 'high'],
        major: null,
        steps: [
          { name: 'Service owner', approvers: { kind: 'service_owners' }, mode: 'any', n: null },
          {
            name: 'CAB',
            approvers: { kind: 'group', groupId: ids.cab },
            mode: ids.cabMode ?? 'n_of_m',
            n: (ids.cabMode ?? 'n_of_m') === 'n_of_m' ? (ids.cabN ?? 2) : null,
          },
        ],
      },
    ],
  };
}

export async function putPolicy(client: Client, body: unknown) {
  const current = await client.get('/api/v1/change-policy');
  return client.request('PUT', '/api/v1/change-policy', {
    body,
    headers: { 'if-match': `"${current.body.version}"` },
  });
}

export async function setPolicy(ctx: TestContext, body: unknown) {
  const admin = await ctx.as('admin');
  const saved = await putPolicy(admin, body);
  expect(saved.status, JSON.stringify(saved.body)).toBe(200);
  return saved.body;
}

/** Creates a change and answers its fields so it can be submitted. */
export async function raise(
  client: Client,
  ctx: TestContext,
  body: Record<string, unknown> & { serviceIds: string[] },
  window: [number, number] = [24, 26],
) {
  const created = await client.post('/api/v1/changes', {
    type: 'normal',
    title: 'Upgrade the checkout library',
    plannedStart: inHours(ctx, window[0]),
    plannedEnd: inHours(ctx, window[1]),
    implementationPlan: 'Deploy the new build behind the flag, then switch the flag on.',
    testPlan: 'Place a test order with each payment method.',
    backoutPlan: 'Switch the flag off and redeploy the previous build.',
    riskAnswers: LOW,
    ...body,
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return created.body;
}

export async function act(
  client: Client,
  change: { id: string },
  action: string,
  extra: Record<string, unknown> = {},
) {
  const current = await client.get(`/api/v1/changes/${change.id}`);
  return client.post(
    `/api/v1/changes/${change.id}/transitions`,
    { action, ...extra },
    { headers: { 'if-match': `"${current.body.version}"` } },
  );
}

export async function actOk(
  client: Client,
  change: { id: string },
  action: string,
  extra: Record<string, unknown> = {},
) {
  const res = await act(client, change, action, extra);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

export const vote = (client: Client, change: { id: string }, decision: string, comment = 'ok') =>
  client.post(`/api/v1/changes/${change.id}/votes`, { decision, comment });

export async function review(
  client: Client,
  change: { id: string },
  body: Record<string, unknown> = {},
) {
  const current = await client.get(`/api/v1/changes/${change.id}`);
  return client.request('PUT', `/api/v1/changes/${change.id}/review`, {
    body: {
      outcome: 'Went as planned.',
      objectivesMet: true,
      lessons: '',
      causedIncidentIds: [],
      ...body,
    },
    headers: { 'if-match': `"${current.body.version}"` },
  });
}
