import { Button, Group, Radio, Select, Stack, Textarea, TextInput } from '@mantine/core';
import { IconSend } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError, newIdempotencyKey } from '../../api/client';
import { notify } from '../../ui/notify';
import { ProblemAlert } from '../../ui/problem';
import { UnsavedChangesGuard } from '../../ui/record-form';
import { type CatalogueEntry, categoriesQuery, createTicket, portalKeys } from './api';
import { categoryLabel } from './labels';

// "Report a problem": an incident in the requester's words. Impact and urgency are asked as
// questions ("Who is affected?", "How much does it stop you?"); the desk's matrix turns them
// into a priority that requesters never have to know about.

const LEVELS = ['3', '2', '1'] as const;

interface Values {
  title: string;
  description: string;
  serviceId: string | null;
  category: string | null;
  impact: string;
  urgency: string;
}

const EMPTY: Values = {
  title: '',
  description: '',
  serviceId: null,
  category: null,
  impact: '3',
  urgency: '3',
};

export function IncidentForm({ catalogue }: { catalogue: CatalogueEntry[] | undefined }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const categories = useQuery(categoriesQuery());
  const [values, setValues] = useState<Values>(EMPTY);
  const [errors, setErrors] = useState<Partial<Record<keyof Values, string>>>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [submitting, setSubmitting] = useState(false);
  const [idempotencyKey, setIdempotencyKey] = useState(newIdempotencyKey);
  const dirty = values.title.trim() !== '' || values.description.trim() !== '';

  const set = <K extends keyof Values>(key: K, value: Values[K]) => {
    setValues((current) => ({ ...current, [key]: value }));
    setErrors((current) => ({ ...current, [key]: undefined }));
  };

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    const missing: Partial<Record<keyof Values, string>> = {};
    if (!values.title.trim()) missing.title = t('portal.incident.titleRequired');
    if (!values.category) missing.category = t('portal.incident.categoryRequired');
    setErrors(missing);
    if (Object.keys(missing).length) return;
    setSubmitting(true);
    setFailure(null);
    try {
      const ticket = await createTicket(
        {
          type: 'incident',
          title: values.title.trim(),
          description: values.description.trim(),
          ...(values.serviceId ? { serviceId: values.serviceId } : {}),
          category: values.category ?? 'other',
          impact: Number(values.impact),
          urgency: Number(values.urgency),
        },
        idempotencyKey,
      );
      setValues(EMPTY);
      setIdempotencyKey(newIdempotencyKey());
      void queryClient.invalidateQueries({ queryKey: portalKeys.myTickets });
      notify({
        color: 'green',
        title: t('portal.incident.sent', { number: ticket.number }),
        message: t('portal.incident.sentHint'),
      });
      // While submitting the unsaved-changes guard is off, so the page may go.
      await navigate({ to: '/portal/tickets/$id', params: { id: ticket.number } });
    } catch (error) {
      // A refused request changed nothing: the corrected one is a new request (same key after a
      // lost connection, so the ticket is never created twice).
      if (!isApiError(error) || error.status !== 0) setIdempotencyKey(newIdempotencyKey());
      const fields = isApiError(error) ? error.fieldErrors() : {};
      const known: Partial<Record<keyof Values, string>> = {};
      for (const key of Object.keys(EMPTY) as (keyof Values)[])
        if (fields[key]) known[key] = fields[key];
      setErrors(known);
      if (Object.keys(known).length === 0) setFailure(error);
    } finally {
      setSubmitting(false);
    }
  };

  const services = (catalogue ?? []).map((entry) => ({
    value: entry.service.id,
    label: entry.service.name,
  }));

  return (
    <form onSubmit={(event) => void submit(event)} noValidate aria-labelledby="report-problem">
      <UnsavedChangesGuard when={dirty && !submitting} />
      <Stack gap="sm">
        <TextInput
          label={t('portal.incident.title')}
          description={t('portal.incident.titleHint')}
          value={values.title}
          onChange={(event) => set('title', event.currentTarget.value)}
          error={errors.title}
          maxLength={200}
          required
          autoComplete="off"
        />
        <Textarea
          label={t('portal.incident.description')}
          description={t('portal.incident.descriptionHint')}
          value={values.description}
          onChange={(event) => set('description', event.currentTarget.value)}
          error={errors.description}
          autosize
          minRows={3}
          maxRows={10}
          maxLength={20_000}
        />
        <Select
          label={t('portal.incident.service')}
          placeholder={t('portal.incident.servicePlaceholder')}
          data={services}
          value={values.serviceId}
          onChange={(value) => set('serviceId', value)}
          error={errors.serviceId}
          searchable
          clearable
          nothingFoundMessage={t('common.nothingFound')}
        />
        <Select
          label={t('portal.incident.category')}
          placeholder={t('portal.incident.categoryPlaceholder')}
          data={(categories.data ?? []).map((category) => ({
            value: category,
            label: categoryLabel(t, category),
          }))}
          value={values.category}
          onChange={(value) => set('category', value)}
          error={errors.category}
          required
          allowDeselect={false}
        />
        <Radio.Group
          label={t('portal.incident.impact')}
          value={values.impact}
          onChange={(value) => set('impact', value)}
          error={errors.impact}
        >
          <Stack gap={6} mt={6}>
            {LEVELS.map((level) => (
              <Radio key={level} value={level} label={t(`portal.impact.${level}`)} />
            ))}
          </Stack>
        </Radio.Group>
        <Radio.Group
          label={t('portal.incident.urgency')}
          value={values.urgency}
          onChange={(value) => set('urgency', value)}
          error={errors.urgency}
        >
          <Stack gap={6} mt={6}>
            {LEVELS.map((level) => (
              <Radio key={level} value={level} label={t(`portal.urgency.${level}`)} />
            ))}
          </Stack>
        </Radio.Group>
        {failure !== null && <ProblemAlert error={failure} />}
        <Group justify="flex-end">
          <Button
            type="submit"
            loading={submitting}
            leftSection={<IconSend size={16} aria-hidden />}
          >
            {t('portal.incident.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
