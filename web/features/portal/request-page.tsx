import { Alert, Button, Group, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { IconInfoCircle, IconSend } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi, Link, useNavigate } from '@tanstack/react-router';
import { type ReactNode, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError, newIdempotencyKey } from '../../api/client';
import { notify } from '../../ui/notify';
import { PageHeader, Section } from '../../ui/page';
import { ProblemAlert } from '../../ui/problem';
import { UnsavedChangesGuard } from '../../ui/record-form';
import { RecordError, RecordSkeleton } from '../../ui/record-states';
import type { FormField } from '../catalogue/api';
import {
  type Answers,
  answerErrorsOf,
  missingAnswers,
  RequestForm,
} from '../catalogue/request-form';
import {
  catalogueQuery,
  createTicket,
  portalKeys,
  type RequestType,
  requestTypeQuery,
} from './api';
import classes from './portal.module.css';

const route = getRouteApi('/app/portal/request/$requestTypeId');

/** Ordering one thing from the catalogue: the request type's own form, then a title. */
export function RequestPage() {
  const { t } = useTranslation();
  const { requestTypeId } = route.useParams();
  const query = useQuery(requestTypeQuery(requestTypeId));
  const crumbs = [{ label: t('portal.home.title'), to: '/portal' }];

  if (query.isPending) return <RecordSkeleton />;
  if (query.isError)
    return (
      <>
        <PageHeader title={t('portal.request.notFoundTitle')} crumbs={crumbs} />
        <RecordError
          error={query.error}
          onRetry={() => void query.refetch()}
          backTo="/portal"
          backLabel={t('portal.request.backToCatalogue')}
        />
      </>
    );
  return <RequestFormPage key={query.data.id} requestType={query.data} />;
}

function RequestFormPage({ requestType }: { requestType: RequestType }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const catalogue = useQuery(catalogueQuery);
  const serviceName = catalogue.data?.find((entry) => entry.service.id === requestType.serviceId)
    ?.service.name;
  const fields = requestType.form as FormField[];
  const [answers, setAnswers] = useState<Answers>({});
  const [title, setTitle] = useState(requestType.name);
  const [description, setDescription] = useState('');
  const [answerErrors, setAnswerErrors] = useState<Record<string, ReactNode>>({});
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [submitting, setSubmitting] = useState(false);
  const [idempotencyKey, setIdempotencyKey] = useState(newIdempotencyKey);
  const dirty =
    Object.keys(answers).length > 0 || description.trim() !== '' || title !== requestType.name;

  // Focus the first field with a problem, so keyboard and screen-reader users land on it.
  useEffect(() => {
    if (Object.keys(answerErrors).length === 0 && Object.keys(fieldErrors).length === 0) return;
    const invalid = document.querySelector<HTMLElement>(
      '#request-form [aria-invalid="true"], #request-form [data-error] input',
    );
    invalid?.focus();
  }, [answerErrors, fieldErrors]);

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    const missing = missingAnswers(fields, answers);
    const titleMissing = !title.trim();
    setAnswerErrors(
      Object.fromEntries(missing.map((key) => [key, t('portal.request.answerRequired')])),
    );
    setFieldErrors(titleMissing ? { title: t('portal.request.titleRequired') } : {});
    setFailure(null);
    if (missing.length || titleMissing) return;
    setSubmitting(true);
    try {
      const ticket = await createTicket(
        {
          type: 'request',
          title: title.trim(),
          description: description.trim(),
          requestTypeId: requestType.id,
          formAnswers: answers,
        },
        idempotencyKey,
      );
      void queryClient.invalidateQueries({ queryKey: portalKeys.myTickets });
      notify({
        color: 'green',
        title: t('portal.request.sent', { number: ticket.number }),
        message: t('portal.request.sentHint'),
      });
      await navigate({ to: '/portal/tickets/$id', params: { id: ticket.number } });
    } catch (error) {
      // A refused request changed nothing: the corrected one is a new request. After a lost
      // connection the same key is sent again, so the server never creates the ticket twice.
      if (!isApiError(error) || error.status !== 0) setIdempotencyKey(newIdempotencyKey());
      const answersWrong = answerErrorsOf(error);
      const others = isApiError(error) ? error.fieldErrors() : {};
      const known: Record<string, string> = {};
      if (others.title) known.title = others.title;
      if (others.description) known.description = others.description;
      setAnswerErrors(answersWrong);
      setFieldErrors(known);
      if (Object.keys(answersWrong).length === 0 && Object.keys(known).length === 0)
        setFailure(error);
      else if (Object.keys(answersWrong).length === 0 && others.formAnswers) setFailure(error);
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <div className={classes.scope}>
      <UnsavedChangesGuard when={dirty && !submitting} />
      <PageHeader
        title={requestType.name}
        description={
          serviceName ? t('portal.request.fromService', { name: serviceName }) : undefined
        }
        crumbs={[{ label: t('portal.home.title'), to: '/portal' }]}
      />
      <Stack maw={760} gap="lg">
        {requestType.description && (
          <Alert variant="light" color="blue" icon={<IconInfoCircle aria-hidden />}>
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
              {requestType.description}
            </Text>
          </Alert>
        )}
        {requestType.approvals.length > 0 && (
          <Text size="sm" c="dimmed">
            {t('portal.request.needsApproval', { count: requestType.approvals.length })}
          </Text>
        )}
        <form id="request-form" onSubmit={(event) => void submit(event)} noValidate>
          <Stack gap="lg">
            {fields.length > 0 && (
              <Section title={t('portal.request.formHeading')}>
                <RequestForm
                  fields={fields}
                  value={answers}
                  onChange={(next) => {
                    setAnswers(next);
                    setAnswerErrors((current) => {
                      const changed = Object.keys(next).filter((key) => next[key] !== answers[key]);
                      if (!changed.some((key) => key in current)) return current;
                      const rest = { ...current };
                      for (const key of changed) delete rest[key];
                      return rest;
                    });
                  }}
                  errors={answerErrors}
                  disabled={submitting}
                />
              </Section>
            )}
            <Section title={t('portal.request.aboutHeading')}>
              <Stack gap="sm">
                <TextInput
                  label={t('portal.request.title')}
                  description={t('portal.request.titleHint')}
                  value={title}
                  onChange={(event) => {
                    setTitle(event.currentTarget.value);
                    setFieldErrors((current) => ({ ...current, title: '' }));
                  }}
                  error={fieldErrors.title || undefined}
                  maxLength={200}
                  required
                  disabled={submitting}
                />
                <Textarea
                  label={t('portal.request.description')}
                  description={t('portal.request.descriptionHint')}
                  value={description}
                  onChange={(event) => setDescription(event.currentTarget.value)}
                  error={fieldErrors.description || undefined}
                  autosize
                  minRows={3}
                  maxRows={10}
                  maxLength={20_000}
                  disabled={submitting}
                />
              </Stack>
            </Section>
            {failure !== null && <ProblemAlert error={failure} />}
            <Group justify="flex-end" gap="xs">
              <Button component={Link} to="/portal" variant="default">
                {t('actions.cancel')}
              </Button>
              <Button
                type="submit"
                loading={submitting}
                leftSection={<IconSend size={16} aria-hidden />}
              >
                {t('portal.request.submit')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Stack>
    </div>
  );
}
