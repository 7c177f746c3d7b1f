// The live risk score while the questionnaire is filled in, the same rule the server applies
// (src/modules/changes/change-policy.ts, assessRisk): the sum of the chosen answers' weights,
// compared with the policy's thresholds; no level until every question is answered.

export type RiskLevel = 'low' | 'medium' | 'high';
export const RISK_LEVELS: readonly RiskLevel[] = ['low', 'medium', 'high'];

export interface RiskQuestionnaire {
  questions: {
    key: string;
    text: string;
    answers: { key: string; label: string; weight: number }[];
  }[];
  thresholds: { medium: number; high: number };
}

export function scoreRisk(
  questionnaire: RiskQuestionnaire,
  answers: Record<string, string>,
): { score: number | null; level: RiskLevel | null; answered: number } {
  const { questions, thresholds } = questionnaire;
  const answered = questions.filter((question) =>
    question.answers.some((answer) => answer.key === answers[question.key]),
  ).length;
  if (questions.length === 0) return { score: 0, level: 'low', answered };
  if (answered < questions.length) return { score: null, level: null, answered };
  const score = questions.reduce(
    (sum, question) =>
      sum + (question.answers.find((answer) => answer.key === answers[question.key])?.weight ?? 0),
    0,
  );
  const level: RiskLevel =
    score >= thresholds.high ? 'high' : score >= thresholds.medium ? 'medium' : 'low';
  return { score, level, answered };
}
