import { Alert, Group, Paper, Radio, Stack, Text } from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChangePolicy } from './api';
import { RiskBadge } from './labels';
import { scoreRisk } from './risk';

interface RiskQuestionnaireProps {
  policy: ChangePolicy;
  value: Record<string, string>;
  onChange: (value: Record<string, string>) => void;
  disabled?: boolean;
  errorOf: (key: string) => ReactNode;
}

/**
 * The change policy's risk questionnaire: one choice per question, each answer carrying a weight;
 * the score and the risk level update as the answers are chosen.
 */
export function RiskQuestionnaire({
  policy,
  value,
  onChange,
  disabled,
  errorOf,
}: RiskQuestionnaireProps) {
  const { t } = useTranslation();
  const { questions, thresholds } = policy.riskQuestionnaire;
  const { score, level, answered } = scoreRisk(policy.riskQuestionnaire, value);
  if (questions.length === 0) {
    return (
      <Alert color="gray" variant="light" icon={<IconInfoCircle aria-hidden />}>
        {t('changes.risk.noQuestions')}
      </Alert>
    );
  }
  return (
    <Stack gap="md">
      <Paper withBorder p="sm" radius="sm" aria-live="polite">
        <Group gap="sm" wrap="wrap">
          <RiskBadge level={level} score={score} />
          <Text size="sm">{t('changes.risk.answered', { answered, count: questions.length })}</Text>
          <Text size="xs" c="dimmed">
            {t('changes.risk.thresholds', { medium: thresholds.medium, high: thresholds.high })}
          </Text>
        </Group>
      </Paper>
      {questions.map((question, index) => (
        <Radio.Group
          key={question.key}
          label={`${index + 1}. ${question.text}`}
          value={value[question.key] ?? null}
          onChange={(answer) => onChange({ ...value, [question.key]: answer })}
          error={errorOf(question.key)}
          readOnly={disabled}
        >
          <Stack gap={6} mt={6}>
            {question.answers.map((answer) => (
              <Radio
                key={answer.key}
                value={answer.key}
                disabled={disabled}
                label={
                  <>
                    {answer.label}{' '}
                    <Text span size="xs" c="dimmed">
                      {t('changes.risk.weight', { weight: answer.weight })}
                    </Text>
                  </>
                }
              />
            ))}
          </Stack>
        </Radio.Group>
      ))}
    </Stack>
  );
}
