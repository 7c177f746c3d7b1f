import {
  Alert,
  Anchor,
  Button,
  Checkbox,
  Group,
  NumberInput,
  Radio,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { IconCircleCheck, IconCircleX, IconExternalLink } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { Attachments } from '../../ui/attachments';
import { DateTime } from '../../ui/dates';
import { notify } from '../../ui/notify';
import { Fact, Facts, PageHeader, RecordLayout, Section } from '../../ui/page';
import { ProblemAlert } from '../../ui/problem';
import { RecordError, RecordSkeleton } from '../../ui/record-states';
import { useSession } from '../auth/session';
import { MarkdownView } from '../documents/markdown-view';
import {
  type AssignmentDetail,
  type AttemptResult,
  assignmentQuery,
  attempt,
  completeAssignment,
  recordCompletion,
  today,
  trainingKeys,
} from './api';
import { AssignmentState, Day, formatDay } from './training-ui';

const route = getRouteApi('/app/training/assignments/$assignmentId');

function QuizForm({ assignment, onDone }: { assignment: AssignmentDetail; onDone: () => void }) {
  const { t } = useTranslation();
  const quiz = assignment.quiz;
  const [answers, setAnswers] = useState<Record<string, string[]>>({});
  const [result, setResult] = useState<AttemptResult | null>(null);
  const submit = useMutation({
    mutationFn: () => attempt(assignment.id, answers),
    onSuccess: (r) => {
      setResult(r);
      if (r.passed) {
        notify({ color: 'green', message: t('training.quiz.passedToast', { score: r.score }) });
        onDone();
      }
    },
  });
  if (!quiz) return null;
  const unanswered = quiz.questions.filter((q) => (answers[q.id] ?? []).length === 0).length;
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        setResult(null);
        submit.mutate();
      }}
      noValidate
    >
      <Stack gap="md">
        <Text size="sm" c="dimmed">
          {t('training.quiz.instructions', {
            count: quiz.questions.length,
            passMark: quiz.passMark,
          })}
        </Text>
        {quiz.questions.map((q, i) =>
          q.multiple ? (
            <Checkbox.Group
              key={q.id}
              label={`${i + 1}. ${q.text}`}
              description={t('training.quiz.several')}
              value={answers[q.id] ?? []}
              onChange={(value) => setAnswers((a) => ({ ...a, [q.id]: value }))}
            >
              <Stack gap={6} mt={6}>
                {q.options.map((o) => (
                  <Checkbox key={o.id} value={o.id} label={o.text} />
                ))}
              </Stack>
            </Checkbox.Group>
          ) : (
            <Radio.Group
              key={q.id}
              label={`${i + 1}. ${q.text}`}
              value={answers[q.id]?.[0] ?? null}
              onChange={(value) => setAnswers((a) => ({ ...a, [q.id]: [value] }))}
            >
              <Stack gap={6} mt={6}>
                {q.options.map((o) => (
                  <Radio key={o.id} value={o.id} label={o.text} />
                ))}
              </Stack>
            </Radio.Group>
          ),
        )}
        {submit.isError && <ProblemAlert error={submit.error} />}
        {result && !result.passed && (
          <Alert
            color="red"
            icon={<IconCircleX aria-hidden />}
            title={t('training.quiz.failedTitle')}
          >
            {t('training.quiz.failed', {
              score: result.score,
              right: result.right,
              total: result.total,
              passMark: result.passMark,
            })}
          </Alert>
        )}
        <Group gap="sm">
          <Button type="submit" loading={submit.isPending}>
            {t('training.quiz.submit')}
          </Button>
          {unanswered > 0 && (
            <Text size="sm" c="dimmed">
              {t('training.quiz.unanswered', { count: unanswered })}
            </Text>
          )}
        </Group>
      </Stack>
    </form>
  );
}

function RecordForm({ assignment, onDone }: { assignment: AssignmentDetail; onDone: () => void }) {
  const { t } = useTranslation();
  const [completedOn, setCompletedOn] = useState(today());
  const [score, setScore] = useState<number | string>('');
  const [note, setNote] = useState('');
  const save = useMutation({
    mutationFn: () =>
      recordCompletion(assignment.id, {
        completedOn,
        note,
        score: typeof score === 'number' ? score : null,
      }),
    onSuccess: () => {
      notify({ color: 'green', message: t('training.record.saved') });
      onDone();
    },
  });
  const errors = save.error && isApiError(save.error) ? save.error.fieldErrors() : {};
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        save.mutate();
      }}
      noValidate
    >
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          {t('training.record.hint')}
        </Text>
        <Group grow align="flex-start">
          <TextInput
            type="date"
            label={t('training.fields.completedOn')}
            value={completedOn}
            onChange={(e) => setCompletedOn(e.currentTarget.value)}
            error={errors.completedOn}
            required
          />
          <NumberInput
            label={t('training.record.score')}
            min={0}
            max={100}
            value={score}
            onChange={setScore}
            error={errors.score}
          />
        </Group>
        <Textarea
          label={t('training.record.note')}
          placeholder={t('training.record.notePlaceholder')}
          value={note}
          onChange={(e) => setNote(e.currentTarget.value)}
          error={errors.note}
          required
          autosize
          minRows={2}
        />
        {save.isError && <ProblemAlert error={save.error} />}
        <Group>
          <Button type="submit" variant="light" loading={save.isPending}>
            {t('training.record.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** One assignment: read the course, take the quiz or mark it done, see the result and evidence. */
export function AssignmentPage() {
  const { t, i18n } = useTranslation();
  const { assignmentId } = route.useParams();
  const session = useSession();
  const queryClient = useQueryClient();
  const query = useQuery(assignmentQuery(assignmentId));
  const refresh = () => void queryClient.invalidateQueries({ queryKey: trainingKeys.all });
  const complete = useMutation({
    mutationFn: () => completeAssignment(assignmentId),
    onSuccess: () => {
      notify({ color: 'green', message: t('training.completedToast') });
      refresh();
    },
  });
  const back = { label: t('modules.myTraining.label'), to: '/training' };
  if (query.isPending) return <RecordSkeleton />;
  if (query.isError)
    return (
      <>
        <PageHeader title={t('modules.myTraining.label')} crumbs={[back]} />
        <RecordError
          error={query.error}
          onRetry={() => void query.refetch()}
          backTo="/training"
          backLabel={t('training.backToMine')}
        />
      </>
    );
  const a = query.data;
  const completedOn = a.completedOn ? formatDay(a.completedOn, i18n.language) : '';
  const mine = a.userId === session.user.id;
  const open = a.status === 'assigned';
  const manage = session.permissions.includes('training.manage');
  return (
    <>
      <PageHeader
        title={a.courseTitle}
        crumbs={[back]}
        description={t('training.assignment.subtitle', {
          code: a.courseCode,
          version: a.courseVersion,
          minutes: a.durationMinutes,
        })}
        meta={<AssignmentState assignment={a} />}
      />
      <RecordLayout
        main={
          <Stack gap="lg">
            {a.status === 'completed' && (
              <Alert color="green" icon={<IconCircleCheck aria-hidden />}>
                {a.score === null
                  ? t('training.assignment.completedOn', { date: completedOn })
                  : t('training.assignment.completedWithScore', {
                      date: completedOn,
                      score: a.score,
                    })}
                {a.note ? ` — ${a.note}` : ''}
              </Alert>
            )}
            <Section title={t('training.assignment.content')}>
              <Stack gap="sm">
                {a.content.trim() && <MarkdownView source={a.content} />}
                {a.link && (
                  <Anchor href={a.link} target="_blank" rel="noopener noreferrer">
                    <Group gap={4} component="span">
                      {t('training.assignment.openLink')}
                      <IconExternalLink size={14} aria-hidden />
                    </Group>
                  </Anchor>
                )}
              </Stack>
            </Section>
            {mine && open && a.quiz && (
              <Section title={t('training.quiz.title')}>
                <QuizForm assignment={a} onDone={refresh} />
              </Section>
            )}
            {mine && open && !a.quiz && (
              <Section title={t('training.assignment.finish')}>
                <Stack gap="sm" align="flex-start">
                  <Text size="sm">{t('training.assignment.finishHint')}</Text>
                  {complete.isError && <ProblemAlert error={complete.error} />}
                  <Button onClick={() => complete.mutate()} loading={complete.isPending}>
                    {t('training.assignment.markDone')}
                  </Button>
                </Stack>
              </Section>
            )}
            {manage && open && (
              <Section title={t('training.record.title')}>
                <RecordForm assignment={a} onDone={refresh} />
              </Section>
            )}
            {a.status !== 'superseded' && (
              <Section title={t('training.assignment.evidence')}>
                <Attachments
                  ownerType="training-completion"
                  ownerId={a.id}
                  canUpload={mine || manage}
                />
              </Section>
            )}
          </Stack>
        }
        side={
          <Facts>
            <Fact label={t('training.fields.person')}>{a.userName}</Fact>
            <Fact label={t('training.fields.dueOn')}>
              <Day value={a.dueOn} />
            </Fact>
            <Fact label={t('training.fields.assignedAt')}>
              <DateTime value={a.assignedAt} format="date" />
            </Fact>
            <Fact label={t('training.fields.reason')}>
              {t(`training.reasons.${a.reason}`)}
              {a.mandatory ? ` · ${t('training.fields.mandatory')}` : ''}
            </Fact>
            {a.quiz && <Fact label={t('training.quiz.passMark')}>{`${a.quiz.passMark} %`}</Fact>}
            {a.attempts.length > 0 && (
              <Fact label={t('training.quiz.attempts')}>
                <Stack gap={2} component="span">
                  {a.attempts.map((x) => (
                    <Text key={x.id} size="sm" component="span">
                      <DateTime value={x.at} format="date" /> · {x.score} % ·{' '}
                      {x.passed ? t('training.quiz.passed') : t('training.quiz.notPassed')}
                    </Text>
                  ))}
                </Stack>
              </Fact>
            )}
          </Facts>
        }
      />
    </>
  );
}
