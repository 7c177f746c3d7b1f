import {
  ActionIcon,
  Button,
  Fieldset,
  Group,
  NumberInput,
  Stack,
  Text,
  TextInput,
  Tooltip,
} from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { PolicyBody, RiskQuestion } from './api';
import { type ErrorOf, focusLater, keyFrom, MoveButtons, moved } from './policy-editor-parts';

// The risk questionnaire of the change policy: ordered questions, each with weighted answers.

interface QuestionnaireEditorProps {
  value: PolicyBody['riskQuestionnaire'];
  onChange: (value: PolicyBody['riskQuestionnaire']) => void;
  errorOf: ErrorOf;
}

export function QuestionnaireEditor({ value, onChange, errorOf }: QuestionnaireEditorProps) {
  const { t } = useTranslation();
  const questions = value.questions;
  const setQuestions = (next: RiskQuestion[]) => onChange({ ...value, questions: next });
  const update = (index: number, question: RiskQuestion) =>
    setQuestions(questions.map((current, i) => (i === index ? question : current)));
  const maxScore = questions.reduce(
    (sum, question) => sum + Math.max(0, ...question.answers.map((answer) => answer.weight)),
    0,
  );
  return (
    <Stack gap="md">
      <Group gap="sm" align="flex-start" wrap="wrap">
        <NumberInput
          label={t('changes.policy.thresholdMedium')}
          min={0}
          allowDecimal={false}
          value={value.thresholds.medium}
          onChange={(next) =>
            onChange({ ...value, thresholds: { ...value.thresholds, medium: Number(next) || 0 } })
          }
          error={errorOf('riskQuestionnaire.thresholds.medium')}
          w={220}
        />
        <NumberInput
          label={t('changes.policy.thresholdHigh')}
          min={1}
          allowDecimal={false}
          value={value.thresholds.high}
          onChange={(next) =>
            onChange({ ...value, thresholds: { ...value.thresholds, high: Number(next) || 0 } })
          }
          error={errorOf('riskQuestionnaire.thresholds.high')}
          w={220}
        />
        <Text size="sm" c="dimmed" mt={28}>
          {t('changes.policy.maxScore', { score: maxScore })}
        </Text>
      </Group>
      <Text size="sm" c="dimmed">
        {questions.length === 0 ? t('changes.policy.noQuestions') : t('changes.policy.keyHint')}
      </Text>
      {questions.map((question, qi) => {
        const name = question.text.trim() || t('changes.policy.question', { position: qi + 1 });
        const path = `riskQuestionnaire.questions.${qi}`;
        return (
          <Fieldset
            // biome-ignore lint/suspicious/noArrayIndexKey: questions are identified by their position
            key={qi}
            legend={t('changes.policy.questionLegend', { position: qi + 1 })}
            variant="filled"
          >
            <Stack gap="xs">
              <Group align="flex-start" gap="xs" wrap="nowrap">
                <TextInput
                  id={`question-${qi}-text`}
                  label={t('changes.policy.questionText')}
                  value={question.text}
                  onChange={(event) => update(qi, { ...question, text: event.currentTarget.value })}
                  onBlur={() => {
                    if (!question.key && question.text.trim())
                      update(qi, {
                        ...question,
                        key: keyFrom(
                          question.text,
                          questions.map((q) => q.key),
                        ),
                      });
                  }}
                  required
                  error={errorOf(`${path}.text`)}
                  style={{ flex: 3 }}
                />
                <TextInput
                  label={t('changes.policy.key')}
                  value={question.key}
                  onChange={(event) => update(qi, { ...question, key: event.currentTarget.value })}
                  required
                  error={errorOf(`${path}.key`)}
                  style={{ flex: 1 }}
                />
                <div style={{ marginTop: 24 }}>
                  <MoveButtons
                    id="question"
                    index={qi}
                    count={questions.length}
                    name={name}
                    onMove={(to) => setQuestions(moved(questions, qi, to))}
                    onRemove={() => setQuestions(questions.filter((_, i) => i !== qi))}
                  />
                </div>
              </Group>
              {errorOf(`${path}.answers`) && (
                <Text size="xs" c="red">
                  {errorOf(`${path}.answers`)}
                </Text>
              )}
              {question.answers.map((answer, ai) => {
                const answerPath = `${path}.answers.${ai}`;
                const setAnswer = (patch: Partial<typeof answer>) =>
                  update(qi, {
                    ...question,
                    answers: question.answers.map((current, i) =>
                      i === ai ? { ...current, ...patch } : current,
                    ),
                  });
                return (
                  // biome-ignore lint/suspicious/noArrayIndexKey: answers are identified by their position
                  <Group key={ai} align="flex-start" gap="xs" wrap="nowrap" pl="md">
                    <TextInput
                      id={`question-${qi}-answer-${ai}`}
                      label={t('changes.policy.answer', { position: ai + 1 })}
                      value={answer.label}
                      onChange={(event) => setAnswer({ label: event.currentTarget.value })}
                      onBlur={() => {
                        if (!answer.key && answer.label.trim())
                          setAnswer({
                            key: keyFrom(
                              answer.label,
                              question.answers.map((a) => a.key),
                            ),
                          });
                      }}
                      required
                      error={errorOf(`${answerPath}.label`)}
                      style={{ flex: 3 }}
                    />
                    <TextInput
                      label={t('changes.policy.key')}
                      value={answer.key}
                      onChange={(event) => setAnswer({ key: event.currentTarget.value })}
                      required
                      error={errorOf(`${answerPath}.key`)}
                      style={{ flex: 1 }}
                    />
                    <NumberInput
                      label={t('changes.policy.weight')}
                      min={0}
                      max={100}
                      allowDecimal={false}
                      value={answer.weight}
                      onChange={(next) => setAnswer({ weight: Number(next) || 0 })}
                      error={errorOf(`${answerPath}.weight`)}
                      w={100}
                    />
                    <Tooltip label={t('changes.policy.remove')}>
                      <ActionIcon
                        mt={26}
                        variant="subtle"
                        color="red"
                        aria-label={t('changes.policy.removeNamed', {
                          name: answer.label || t('changes.policy.answer', { position: ai + 1 }),
                        })}
                        onClick={() =>
                          update(qi, {
                            ...question,
                            answers: question.answers.filter((_, i) => i !== ai),
                          })
                        }
                      >
                        <IconTrash size={16} aria-hidden />
                      </ActionIcon>
                    </Tooltip>
                  </Group>
                );
              })}
              <Group pl="md">
                <Button
                  variant="subtle"
                  size="xs"
                  leftSection={<IconPlus size={14} aria-hidden />}
                  onClick={() => {
                    update(qi, {
                      ...question,
                      answers: [...question.answers, { key: '', label: '', weight: 0 }],
                    });
                    focusLater(`question-${qi}-answer-${question.answers.length}`);
                  }}
                >
                  {t('changes.policy.addAnswer')}
                </Button>
              </Group>
            </Stack>
          </Fieldset>
        );
      })}
      <Group>
        <Button
          id="question-add"
          variant="default"
          leftSection={<IconPlus size={16} aria-hidden />}
          onClick={() => {
            setQuestions([
              ...questions,
              {
                key: '',
                text: '',
                answers: [
                  { key: '', label: '', weight: 0 },
                  { key: '', label: '', weight: 0 },
                ],
              },
            ]);
            focusLater(`question-${questions.length}-text`);
          }}
        >
          {t('changes.policy.addQuestion')}
        </Button>
      </Group>
    </Stack>
  );
}
