import {
  ActionIcon,
  Button,
  Checkbox,
  Fieldset,
  Group,
  NumberInput,
  Stack,
  Switch,
  Text,
  TextInput,
} from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { Quiz } from './api';

type Question = Quiz['questions'][number];

/** The next free id with this prefix: q1, q2… for questions, o1, o2… within a question. */
function nextId(prefix: string, taken: string[]): string {
  let n = taken.length + 1;
  while (taken.includes(`${prefix}${n}`)) n++;
  return `${prefix}${n}`;
}

const newQuestion = (taken: string[]): Question => ({
  id: nextId('q', taken),
  text: '',
  options: [
    { id: 'o1', text: '', correct: true },
    { id: 'o2', text: '', correct: false },
  ],
});

interface QuizEditorProps {
  value: Quiz | null;
  onChange: (quiz: Quiz | null) => void;
}

/**
 * The optional quiz of a course version: questions with two to eight options, one or more of them
 * right, and the pass mark. Every control has its own label, so it works with a screen reader and
 * the keyboard alone.
 */
export function QuizEditor({ value, onChange }: QuizEditorProps) {
  const { t } = useTranslation();
  const setQuestion = (index: number, question: Question) =>
    value &&
    onChange({ ...value, questions: value.questions.map((q, i) => (i === index ? question : q)) });
  return (
    <Stack gap="sm">
      <Switch
        label={t('training.quizEditor.enabled')}
        checked={value !== null}
        onChange={(e) =>
          onChange(e.currentTarget.checked ? { passMark: 80, questions: [newQuestion([])] } : null)
        }
      />
      {value && (
        <>
          <NumberInput
            label={t('training.quizEditor.passMark')}
            description={t('training.quizEditor.passMarkHint')}
            min={1}
            max={100}
            suffix=" %"
            value={value.passMark}
            onChange={(v) => onChange({ ...value, passMark: typeof v === 'number' ? v : 1 })}
            maw={220}
          />
          {value.questions.map((q, qi) => (
            <Fieldset key={q.id} legend={t('training.quizEditor.question', { n: qi + 1 })}>
              <Stack gap="xs">
                <Group align="flex-end" wrap="nowrap">
                  <TextInput
                    style={{ flex: 1 }}
                    label={t('training.quizEditor.questionText', { n: qi + 1 })}
                    value={q.text}
                    onChange={(e) => setQuestion(qi, { ...q, text: e.currentTarget.value })}
                    required
                  />
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    size="lg"
                    aria-label={t('training.quizEditor.removeQuestion', { n: qi + 1 })}
                    disabled={value.questions.length === 1}
                    onClick={() =>
                      onChange({ ...value, questions: value.questions.filter((_, i) => i !== qi) })
                    }
                  >
                    <IconTrash size={16} aria-hidden />
                  </ActionIcon>
                </Group>
                {q.options.map((o, oi) => (
                  <Group key={o.id} align="center" wrap="nowrap" gap="sm">
                    <TextInput
                      style={{ flex: 1 }}
                      label={t('training.quizEditor.option', { n: oi + 1, q: qi + 1 })}
                      value={o.text}
                      onChange={(e) =>
                        setQuestion(qi, {
                          ...q,
                          options: q.options.map((x, i) =>
                            i === oi ? { ...x, text: e.currentTarget.value } : x,
                          ),
                        })
                      }
                    />
                    <Checkbox
                      mt="lg"
                      label={t('training.quizEditor.correct')}
                      aria-label={t('training.quizEditor.correctOf', { n: oi + 1, q: qi + 1 })}
                      checked={o.correct}
                      onChange={(e) =>
                        setQuestion(qi, {
                          ...q,
                          options: q.options.map((x, i) =>
                            i === oi ? { ...x, correct: e.currentTarget.checked } : x,
                          ),
                        })
                      }
                    />
                    <ActionIcon
                      mt="lg"
                      variant="subtle"
                      color="red"
                      aria-label={t('training.quizEditor.removeOption', { n: oi + 1, q: qi + 1 })}
                      disabled={q.options.length <= 2}
                      onClick={() =>
                        setQuestion(qi, { ...q, options: q.options.filter((_, i) => i !== oi) })
                      }
                    >
                      <IconTrash size={14} aria-hidden />
                    </ActionIcon>
                  </Group>
                ))}
                <Group>
                  <Button
                    variant="subtle"
                    size="xs"
                    leftSection={<IconPlus size={14} aria-hidden />}
                    disabled={q.options.length >= 8}
                    onClick={() =>
                      setQuestion(qi, {
                        ...q,
                        options: [
                          ...q.options,
                          {
                            id: nextId(
                              'o',
                              q.options.map((x) => x.id),
                            ),
                            text: '',
                            correct: false,
                          },
                        ],
                      })
                    }
                  >
                    {t('training.quizEditor.addOption')}
                  </Button>
                </Group>
              </Stack>
            </Fieldset>
          ))}
          <Group gap="sm">
            <Button
              variant="light"
              size="xs"
              leftSection={<IconPlus size={14} aria-hidden />}
              disabled={value.questions.length >= 30}
              onClick={() =>
                onChange({
                  ...value,
                  questions: [...value.questions, newQuestion(value.questions.map((q) => q.id))],
                })
              }
            >
              {t('training.quizEditor.addQuestion')}
            </Button>
            <Text size="xs" c="dimmed">
              {t('training.quizEditor.rule')}
            </Text>
          </Group>
        </>
      )}
    </Stack>
  );
}
