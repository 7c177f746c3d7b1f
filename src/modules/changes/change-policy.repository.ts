// The SQL of the change policy document and the standard-change templates.
import type { Executor } from '../../db/executor.js';
import type { ChangeTemplatesTable } from '../../db/tables/changes.js';
import { toBool, toJson } from '../../db/values.js';
import { updateVersionedRow } from '../../db/versioned-rows.js';
import type { RiskLevel } from './changes.js';

export interface Template {
  id: string;
  name: string;
  description: string;
  serviceId: string | null;
  implementationPlan: string;
  testPlan: string;
  backoutPlan: string;
  riskLevel: RiskLevel;
  active: boolean;
  createdAt: string;
  updatedAt: string;
  version: number;
}

const toTemplate = (r: ChangeTemplatesTable): Template => ({
  id: r.id,
  name: r.name,
  description: r.description,
  serviceId: r.service_id,
  implementationPlan: r.implementation_plan,
  testPlan: r.test_plan,
  backoutPlan: r.backout_plan,
  riskLevel: r.risk_level as RiskLevel,
  active: toBool(r.active),
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  version: r.version,
});

export const templateRow = (t: Template): ChangeTemplatesTable => ({
  id: t.id,
  name: t.name,
  description: t.description,
  service_id: t.serviceId,
  implementation_plan: t.implementationPlan,
  test_plan: t.testPlan,
  backout_plan: t.backoutPlan,
  risk_level: t.riskLevel,
  active: t.active,
  created_at: t.createdAt,
  updated_at: t.updatedAt,
  version: t.version,
});

export const changePolicyRepository = {
  async policy(db: Executor) {
    return db.selectFrom('change_policy').selectAll().where('id', '=', 'policy').executeTakeFirst();
  },

  insertPolicy: (db: Executor, value: unknown, now: string) =>
    db
      .insertInto('change_policy')
      .values({ id: 'policy', value: toJson(value), updated_at: now, version: 1 })
      .execute(),

  updatePolicy: (db: Executor, expected: number, value: unknown, now: string) =>
    updateVersionedRow(db, 'change_policy', 'policy', expected, {
      value: toJson(value),
      updated_at: now,
    }),

  async templateById(db: Executor, id: string) {
    const row = await db
      .selectFrom('change_templates')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? toTemplate(row) : undefined;
  },

  async templates(db: Executor, filter: { active?: boolean; serviceId?: string }) {
    let query = db.selectFrom('change_templates').selectAll();
    if (filter.active !== undefined) query = query.where('active', '=', filter.active);
    if (filter.serviceId) query = query.where('service_id', '=', filter.serviceId);
    return (await query.orderBy('name').orderBy('id').execute()).map(toTemplate);
  },

  insertTemplate: (db: Executor, t: Template) =>
    db
      .insertInto('change_templates')
      .values(templateRow(t))
      .execute()
      .then(() => undefined),

  updateTemplate: (db: Executor, t: Template, expected: number) => {
    const { id: _id, version: _v, created_at: _c, ...values } = templateRow(t);
    return updateVersionedRow(db, 'change_templates', t.id, expected, values);
  },
};
