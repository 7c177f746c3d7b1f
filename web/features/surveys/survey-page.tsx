import {
  Alert,
  Box,
  Button,
  Center,
  Group,
  Loader,
  Paper,
  Radio,
  SegmentedControl,
  Stack,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { IconCircleCheck, IconClockOff, IconLinkOff } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError, newIdempotencyKey } from '../../api/client';
import { changeLanguage, languages } from '../../i18n';
import { DateTime } from '../../ui/dates';
import { ProblemAlert } from '../../ui/problem';
import { sessionQuery } from '../auth/session';
import { answerSurvey, type PublicSurvey, surveyQuery } from './api';

const route = getRouteApi('/survey/$token');
const RATINGS = ['1', '2', '3', '4', '5'] as const;

/** The satisfaction survey behind the emailed link: no sign-in, one answer. */
export function SurveyPage() {
  const { t, i18n } = useTranslation();
  const { token } = route.useParams();
  const query = useQuery(surveyQuery(token));
  useDocumentTitle(`${t('surveys.page.title')} · ${t('app.name')}`);

  let content: ReactNode;
  if (query.isPending) {
    content = (
      <Center py="xl">
        <Loader aria-label={t('common.loading')} />
      </Center>
    );
  } else if (query.isError) {
    content =
      isApiError(query.error) && query.error.status === 404 ? (
        <Outcome
          icon={<IconLinkOff size={32} aria-hidden />}
          title={t('surveys.page.unknown.title')}
          text={t('surveys.page.unknown.text')}
        />
      ) : (
        <ProblemAlert error={query.error} onRetry={() => void query.refetch()} />
      );
  } else {
    content = <SurveyForm token={token} survey={query.data} />;
  }

  return (
    <Box component="main" id="main" py={{ base: 'md', sm: 48 }} px="md">
      <Stack maw={560} mx="auto" gap="md">
        <Group justify="space-between" wrap="nowrap">
          <Group gap={8} wrap="nowrap">
            <img src="/favicon.svg" alt="" width={24} height={24} />
            <Text fw={700} size="lg">
              {t('app.name')}
            </Text>
          </Group>
          <SegmentedControl
            size="xs"
            aria-label={t('userMenu.language')}
            value={i18n.language}
            onChange={(value) => void changeLanguage(value)}
            data={languages.map((language) => ({ value: language.code, label: language.name }))}
          />
        </Group>
        <Paper withBorder radius="md" p={{ base: 'md', sm: 'xl' }}>
          {content}
        </Paper>
      </Stack>
    </Box>
  );
}

function Outcome({ icon, title, text }: { icon: ReactNode; title: string; text: string }) {
  return (
    <Stack align="center" gap="xs" py="md" role="status">
      {icon}
      <Title order={1} size="h3" ta="center">
        {title}
      </Title>
      <Text c="dimmed" ta="center">
        {text}
      </Text>
    </Stack>
  );
}

function SurveyForm({ token, survey }: { token: string; survey: PublicSurvey }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [rating, setRating] = useState<string | null>(null);
  const [comment, setComment] = useState('');
  const [missing, setMissing] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [submitting, setSubmitting] = useState(false);
  const [state, setState] = useState<PublicSurvey['state'] | 'thanks'>(survey.state);
  const [idempotencyKey] = useState(newIdempotencyKey);

  if (state === 'thanks')
    return (
      <Outcome
        icon={<IconCircleCheck size={32} color="var(--mantine-color-green-6)" aria-hidden />}
        title={t('surveys.page.thanks.title')}
        text={
          Number(rating) <= 2 ? t('surveys.page.thanks.followUp') : t('surveys.page.thanks.text')
        }
      />
    );
  if (state === 'answered')
    return (
      <Outcome
        icon={<IconCircleCheck size={32} color="var(--mantine-color-green-6)" aria-hidden />}
        title={t('surveys.page.answered.title')}
        text={t('surveys.page.answered.text')}
      />
    );
  if (state === 'expired')
    return (
      <Outcome
        icon={<IconClockOff size={32} aria-hidden />}
        title={t('surveys.page.expired.title')}
        text={t('surveys.page.expired.text')}
      />
    );

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    if (!rating) {
      setMissing(true);
      return;
    }
    setSubmitting(true);
    setError(null);
    try {
      // Signed in in this browser? Then the server expects the session's CSRF token.
      await queryClient.fetchQuery(sessionQuery).catch(() => null);
      const trimmed = comment.trim();
      await answerSurvey(
        token,
        { rating: Number(rating), ...(trimmed ? { comment: trimmed } : {}) },
        idempotencyKey,
      );
      setState('thanks');
    } catch (failure) {
      if (isApiError(failure) && failure.code === 'ALREADY_ANSWERED') setState('answered');
      else if (isApiError(failure) && failure.code === 'EXPIRED') setState('expired');
      else setError(failure);
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <form onSubmit={(event) => void submit(event)} noValidate>
      <Stack gap="md">
        <div>
          <Title order={1} size="h3">
            {t('surveys.page.heading')}
          </Title>
          <Text mt={4}>
            <Text span fw={600}>
              {survey.ticketNumber}
            </Text>{' '}
            {survey.ticketTitle}
          </Text>
          {survey.serviceName && (
            <Text size="sm" c="dimmed">
              {t('surveys.page.service', { name: survey.serviceName })}
            </Text>
          )}
        </div>
        <Radio.Group
          label={t('surveys.page.ratingLabel')}
          description={t('surveys.page.ratingHint')}
          value={rating}
          onChange={(value) => {
            setRating(value);
            setMissing(false);
          }}
          required
          error={missing ? t('surveys.page.ratingRequired') : undefined}
        >
          <Stack gap={8} mt="xs">
            {RATINGS.map((value) => (
              <Radio key={value} value={value} label={t(`surveys.ratings.${value}`)} />
            ))}
          </Stack>
        </Radio.Group>
        <Textarea
          label={t('surveys.page.commentLabel')}
          description={t('surveys.page.commentHint')}
          value={comment}
          onChange={(event) => setComment(event.currentTarget.value)}
          autosize
          minRows={3}
          maxRows={10}
          maxLength={4000}
        />
        {error !== null && <ProblemAlert error={error} />}
        {Number(rating) > 0 && Number(rating) <= 2 && (
          <Alert color="yellow" variant="light">
            {t('surveys.page.lowScore')}
          </Alert>
        )}
        <Group justify="space-between" align="center">
          <Text size="xs" c="dimmed">
            {t('surveys.page.expires')} <DateTime value={survey.expiresAt} format="date" />
          </Text>
          <Button type="submit" loading={submitting}>
            {t('surveys.page.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
