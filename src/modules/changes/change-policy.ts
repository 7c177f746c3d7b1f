// The change policy (8.5.1.1) as data: which services are under change control, what makes a change
// of major impact, the risk questionnaire and the approval rules. Pure rules, no SQL.
import { invalid } from '../../shared/errors.js';
import {
  APPROVAL_MODES,
  type ApprovalMode,
  CHANGE_TYPES,
  type ChangeType,
  RISK_LEVELS,
  type RiskLevel,
} from './changes.js';

export interface RiskAnswerOption {
  key: string;
  label: string;
  weight: number;
}
export interface RiskQuestion {
  key: string;
  text: string;
  answers: RiskAnswerOption[];
}

export type StepApprovers = { kind: 'group'; groupId: string } | { kind: 'service_owners' };

export interface ApprovalStepRule {
  name: string;
  approvers: StepApprovers;
  mode: ApprovalMode;
  /** For n_of_m: how many approvals complete the step. */
  n: number | null;
}

export interface ApprovalRule {
  name: string;
  /** Change types the rule applies to (at least one). */
  types: ChangeType[];
  /** Risk levels the rule applies to; empty = any level. */
  riskLevels: RiskLevel[];
  /** true: only major changes; false: only non-major; null: either. */
  major: boolean | null;
  steps: ApprovalStepRule[];
}

export interface ChangePolicy {
  /** Every service under change control, or only those listed in controlledServiceIds. */
  allServicesControlled: boolean;
  controlledServiceIds: string[];
  majorImpact: {
    /** Risk levels that make a change major when it touches one of `serviceIds`. */
    riskLevels: RiskLevel[];
    /** The customer-facing services. */
    serviceIds: string[];
  };
  riskQuestionnaire: {
    questions: RiskQuestion[];
    /** Score at or above `medium` → medium, at or above `high` → high, otherwise low. */
    thresholds: { medium: number; high: number };
  };
  /** Ordered: the first rule matching the change's type, risk level and major flag wins. */
  approvalRules: ApprovalRule[];
}

export const EMPTY_POLICY: ChangePolicy = {
  allServicesControlled: true,
  controlledServiceIds: [],
  majorImpact: { riskLevels: ['high'], serviceIds: [] },
  riskQuestionnaire: { questions: [], thresholds: { medium: 4, high: 8 } },
  approvalRules: [],
};

const KEY = /^[a-z0-9_-]{1,40}$/;

/**
 * Checks a whole policy; `refs` tells which service and group ids exist. Throws VALIDATION_FAILED
 * naming the first bad field (JSON pointer into the policy).
 */
export function checkPolicy(
  p: ChangePolicy,
  refs: { serviceExists: (id: string) => boolean; groupExists: (id: string) => boolean },
): ChangePolicy {
  const services = (field: string, ids: string[]) => {
    ids.forEach((id, i) => {
      if (!refs.serviceExists(id)) throw invalid(`${field}/${i}`, 'is not a known service');
    });
    return [...new Set(ids)];
  };
  const levels = (field: string, values: RiskLevel[]) => {
    values.forEach((v, i) => {
      if (!RISK_LEVELS.includes(v))
        throw invalid(`${field}/${i}`, `must be one of ${RISK_LEVELS.join(', ')}`);
    });
    return [...new Set(values)];
  };

  const questions = p.riskQuestionnaire.questions.map((q, qi) => {
    const f = `/riskQuestionnaire/questions/${qi}`;
    if (!KEY.test(q.key)) throw invalid(`${f}/key`, 'use 1–40 lower-case letters, digits, _ or -');
    if (p.riskQuestionnaire.questions.findIndex((o) => o.key === q.key) !== qi)
      throw invalid(`${f}/key`, 'is used by another question');
    if (!q.text.trim()) throw invalid(`${f}/text`, 'must not be empty');
    if (q.answers.length < 2) throw invalid(`${f}/answers`, 'give at least two answers');
    q.answers.forEach((a, ai) => {
      if (!KEY.test(a.key))
        throw invalid(`${f}/answers/${ai}/key`, 'use 1–40 lower-case letters, digits, _ or -');
      if (q.answers.findIndex((o) => o.key === a.key) !== ai)
        throw invalid(`${f}/answers/${ai}/key`, 'is used by another answer of this question');
      if (!a.label.trim()) throw invalid(`${f}/answers/${ai}/label`, 'must not be empty');
      if (!Number.isInteger(a.weight) || a.weight < 0 || a.weight > 100)
        throw invalid(`${f}/answers/${ai}/weight`, 'must be a whole number from 0 to 100');
    });
    return {
      key: q.key,
      text: q.text.trim(),
      answers: q.answers.map((a) => ({ ...a, label: a.label.trim() })),
    };
  });
  const { medium, high } = p.riskQuestionnaire.thresholds;
  if (!Number.isInteger(medium) || medium < 0)
    throw invalid('/riskQuestionnaire/thresholds/medium', 'must be a whole number ≥ 0');
  if (!Number.isInteger(high) || high <= medium)
    throw invalid('/riskQuestionnaire/thresholds/high', 'must be a whole number above medium');

  const approvalRules = p.approvalRules.map((rule, ri) => {
    const f = `/approvalRules/${ri}`;
    if (!rule.name.trim()) throw invalid(`${f}/name`, 'must not be empty');
    if (rule.types.length === 0) throw invalid(`${f}/types`, 'name at least one change type');
    rule.types.forEach((t, i) => {
      if (!CHANGE_TYPES.includes(t))
        throw invalid(`${f}/types/${i}`, `must be one of ${CHANGE_TYPES.join(', ')}`);
    });
    const steps = rule.steps.map((s, si) => {
      const sf = `${f}/steps/${si}`;
      if (!s.name.trim()) throw invalid(`${sf}/name`, 'must not be empty');
      if (!APPROVAL_MODES.includes(s.mode))
        throw invalid(`${sf}/mode`, `must be one of ${APPROVAL_MODES.join(', ')}`);
      if (s.approvers.kind === 'group' && !refs.groupExists(s.approvers.groupId))
        throw invalid(`${sf}/approvers/groupId`, 'is not a known group');
      if (s.mode === 'n_of_m' && (!Number.isInteger(s.n) || (s.n ?? 0) < 1))
        throw invalid(`${sf}/n`, 'must be a whole number ≥ 1 for n_of_m');
      const approvers: StepApprovers =
        s.approvers.kind === 'group'
          ? { kind: 'group', groupId: s.approvers.groupId }
          : { kind: 'service_owners' };
      return {
        name: s.name.trim(),
        approvers,
        mode: s.mode,
        n: s.mode === 'n_of_m' ? s.n : null,
      };
    });
    return {
      name: rule.name.trim(),
      types: [...new Set(rule.types)],
      riskLevels: levels(`${f}/riskLevels`, rule.riskLevels),
      major: rule.major,
      steps,
    };
  });

  return {
    allServicesControlled: p.allServicesControlled,
    controlledServiceIds: services('/controlledServiceIds', p.controlledServiceIds),
    majorImpact: {
      riskLevels: levels('/majorImpact/riskLevels', p.majorImpact.riskLevels),
      serviceIds: services('/majorImpact/serviceIds', p.majorImpact.serviceIds),
    },
    riskQuestionnaire: { questions, thresholds: { medium, high } },
    approvalRules,
  };
}

/** Score and level of a change's answers; level null until every question is answered. */
export function assessRisk(
  policy: ChangePolicy,
  answers: Record<string, string>,
): { score: number | null; level: RiskLevel | null } {
  const { questions, thresholds } = policy.riskQuestionnaire;
  for (const [key, answer] of Object.entries(answers)) {
    const question = questions.find((q) => q.key === key);
    if (!question) throw invalid(`/riskAnswers/${key}`, 'is not a question of the risk policy');
    if (!question.answers.some((a) => a.key === answer))
      throw invalid(
        `/riskAnswers/${key}`,
        `must be one of ${question.answers.map((a) => a.key).join(', ')}`,
      );
  }
  if (questions.length === 0) return { score: 0, level: 'low' };
  if (questions.some((q) => answers[q.key] === undefined)) return { score: null, level: null };
  const score = questions.reduce(
    (sum, q) => sum + (q.answers.find((a) => a.key === answers[q.key])?.weight ?? 0),
    0,
  );
  const level: RiskLevel =
    score >= thresholds.high ? 'high' : score >= thresholds.medium ? 'medium' : 'low';
  return { score, level };
}

export const isUnderControl = (policy: ChangePolicy, serviceIds: string[]) =>
  policy.allServicesControlled || serviceIds.some((id) => policy.controlledServiceIds.includes(id));

/** Major impact: asked for explicitly, or a risk level of the rule on a customer-facing service. */
export function isMajor(
  policy: ChangePolicy,
  change: { majorRequested: boolean; riskLevel: RiskLevel | null; serviceIds: string[] },
): boolean {
  if (change.majorRequested) return true;
  return (
    change.riskLevel !== null &&
    policy.majorImpact.riskLevels.includes(change.riskLevel) &&
    change.serviceIds.some((id) => policy.majorImpact.serviceIds.includes(id))
  );
}

/** The first rule matching the change, or undefined (then no approval is needed). */
export function matchRule(
  policy: ChangePolicy,
  change: { type: ChangeType; riskLevel: RiskLevel | null; major: boolean },
): ApprovalRule | undefined {
  return policy.approvalRules.find(
    (r) =>
      r.types.includes(change.type) &&
      (r.riskLevels.length === 0 ||
        (change.riskLevel !== null && r.riskLevels.includes(change.riskLevel))) &&
      (r.major === null || r.major === change.major),
  );
}
