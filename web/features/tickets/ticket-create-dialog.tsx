import {
  Group,
  SegmentedControl,
  Select,
  SimpleGrid,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { FormDialog } from '../../ui/form-dialog';
import { notify } from '../../ui/notify';
import { UserSelect } from '../admin-users/user-select';
import { ServiceSelect } from '../catalogue/service-select';
import {
  createTicket,
  deskSettingsQuery,
  LEVELS,
  TICKET_TYPES,
  type Ticket,
  type TicketType,
  ticketsKeys,
} from './api';
import { PriorityBadge, typeLabel } from './labels';

// "New ticket" for agents: raised on behalf of a requester (phone, walk-in), with the priority
// the desk's matrix gives the chosen impact and urgency shown before saving.

interface Values extends Record<string, unknown> {
  type: TicketType;
  title: string;
  description: string;
  requesterId: string | null;
  serviceId: string | null;
  category: string | null;
  impact: string;
  urgency: string;
}

const initialValues: Values = {
  type: 'incident',
  title: '',
  description: '',
  requesterId: null,
  serviceId: null,
  category: null,
  impact: '3',
  urgency: '3',
};

interface TicketCreateDialogProps {
  opened: boolean;
  onClose: () => void;
  onCreated: (ticket: Ticket) => void;
}

export function TicketCreateDialog({ opened, onClose, onCreated }: TicketCreateDialogProps) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const settings = useQuery({ ...deskSettingsQuery(), enabled: opened });
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues,
    validate: {
      title: (value) => (value.trim() ? null : t('validation.required')),
      requesterId: (value) => (value ? null : t('validation.required')),
      category: (value, values) =>
        values.type === 'incident' && !value ? t('validation.required') : null,
    },
  });
  const levels = LEVELS.map((level) => ({
    value: String(level),
    label: t(`desk.levels.${level}`),
  }));
  const urgencyLevels = LEVELS.map((level) => ({
    value: String(level),
    label: t(`desk.urgencyLevels.${level}`),
  }));
  const priority =
    settings.data?.priorityMatrix[`${form.values.impact}-${form.values.urgency}`] ?? null;

  return (
    <FormDialog
      opened={opened}
      onClose={onClose}
      title={t('desk.create.title')}
      submitLabel={t('desk.create.submit')}
      form={form}
      size="lg"
      onSubmit={async (values, idempotencyKey) => {
        const ticket = await createTicket(
          {
            type: values.type,
            title: values.title.trim(),
            description: values.description.trim(),
            requesterId: values.requesterId ?? undefined,
            serviceId: values.serviceId,
            ...(values.category ? { category: values.category } : {}),
            impact: Number(values.impact),
            urgency: Number(values.urgency),
          },
          idempotencyKey,
        );
        void queryClient.invalidateQueries({ queryKey: ticketsKeys.lists });
        notify({ color: 'green', message: t('desk.create.created', { number: ticket.number }) });
        onCreated(ticket);
      }}
    >
      <div>
        <Text size="sm" fw={500} mb={4} id="new-ticket-type">
          {t('desk.fields.type')}
        </Text>
        <SegmentedControl
          aria-labelledby="new-ticket-type"
          data={TICKET_TYPES.map((value) => ({ value, label: typeLabel(t, value) }))}
          {...form.getInputProps('type')}
        />
      </div>
      <TextInput
        label={t('desk.fields.title')}
        required
        maxLength={200}
        data-autofocus
        {...form.getInputProps('title')}
      />
      <Textarea
        label={t('desk.fields.description')}
        autosize
        minRows={3}
        maxRows={10}
        {...form.getInputProps('description')}
      />
      <UserSelect
        label={t('desk.fields.requester')}
        value={form.values.requesterId}
        onChange={(value) => form.setFieldValue('requesterId', value)}
        error={form.errors.requesterId}
      />
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <ServiceSelect
          label={t('desk.fields.service')}
          value={form.values.serviceId}
          onChange={(value) => form.setFieldValue('serviceId', value)}
          error={form.errors.serviceId}
          clearable
        />
        <Select
          label={t('desk.fields.category')}
          data={settings.data?.categories ?? []}
          required={form.values.type === 'incident'}
          clearable
          searchable
          nothingFoundMessage={t('common.nothingFound')}
          {...form.getInputProps('category')}
        />
        <Select
          label={t('desk.fields.impact')}
          data={levels}
          allowDeselect={false}
          {...form.getInputProps('impact')}
        />
        <Select
          label={t('desk.fields.urgency')}
          data={urgencyLevels}
          allowDeselect={false}
          {...form.getInputProps('urgency')}
        />
      </SimpleGrid>
      {priority && (
        <Group gap="xs" aria-live="polite">
          <Text size="sm">{t('desk.create.priority')}</Text>
          <PriorityBadge priority={priority} long />
        </Group>
      )}
    </FormDialog>
  );
}
