import { Group, Select, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQueryClient } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { useDateFormat } from '../../ui/dates';
import { FormDialog } from '../../ui/form-dialog';
import { notify } from '../../ui/notify';
import { ServiceSelect } from '../catalogue/service-select';
import { instantOf } from '../sla-calendars/zoned';
import { createRelease, RELEASE_TYPES, type Release, type ReleaseType, releasesKeys } from './api';

/** The window as typed ("YYYY-MM-DDTHH:MM" in the user's zone) → ISO instants, or field errors. */
export function windowOf(
  start: string,
  end: string,
  zone: string,
  t: TFunction,
): { plannedStart: string | null; plannedEnd: string | null } | { errors: Record<string, string> } {
  if (!start && !end) return { plannedStart: null, plannedEnd: null };
  const from = start ? instantOf(start, zone) : null;
  const to = end ? instantOf(end, zone) : null;
  if (!from) return { errors: { plannedStart: t('releases.window.bothEnds') } };
  if (!to) return { errors: { plannedEnd: t('releases.window.bothEnds') } };
  if (to <= from) return { errors: { plannedEnd: t('releases.window.endAfterStart') } };
  return { plannedStart: from.toISOString(), plannedEnd: to.toISOString() };
}

export function ReleaseCreateDialog(props: {
  opened: boolean;
  onClose: () => void;
  onCreated: (release: Release) => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const { timeZone } = useDateFormat();
  const required = (value: string) => (value.trim() ? null : t('validation.required'));
  const windowError = (start: string, end: string, field: 'plannedStart' | 'plannedEnd') => {
    const window = windowOf(start, end, timeZone, t);
    return 'errors' in window ? (window.errors[field] ?? null) : null;
  };
  const form = useForm({
    mode: 'controlled',
    initialValues: {
      title: '',
      type: 'minor' as ReleaseType,
      versionLabel: '',
      serviceId: '',
      plannedStart: '',
      plannedEnd: '',
      description: '',
      deploymentPlan: '',
      rollbackPlan: '',
    },
    validate: {
      title: required,
      versionLabel: required,
      serviceId: required,
      plannedStart: (value, values) => windowError(value, values.plannedEnd, 'plannedStart'),
      plannedEnd: (value, values) => windowError(values.plannedStart, value, 'plannedEnd'),
    },
  });
  return (
    <FormDialog
      opened={props.opened}
      onClose={props.onClose}
      title={t('releases.create.title')}
      submitLabel={t('releases.create.submit')}
      form={form}
      size="lg"
      onSubmit={async (values, idempotencyKey) => {
        // The form's rules already refused an invalid window.
        const window = windowOf(values.plannedStart, values.plannedEnd, timeZone, t);
        if ('errors' in window) return;
        const created = await createRelease(
          {
            title: values.title.trim(),
            type: values.type,
            versionLabel: values.versionLabel.trim(),
            serviceId: values.serviceId,
            description: values.description,
            deploymentPlan: values.deploymentPlan,
            rollbackPlan: values.rollbackPlan,
            ...window,
          },
          idempotencyKey,
        );
        await queryClient.invalidateQueries({ queryKey: releasesKeys.boards });
        notify({ color: 'green', message: t('releases.create.done', { number: created.number }) });
        props.onCreated(created);
      }}
    >
      <TextInput
        label={t('releases.fields.title')}
        required
        maxLength={200}
        data-autofocus
        {...form.getInputProps('title')}
      />
      <Group grow align="flex-start">
        <Select
          label={t('releases.fields.type')}
          data={RELEASE_TYPES.map((type) => ({ value: type, label: t(`releases.types.${type}`) }))}
          allowDeselect={false}
          required
          {...form.getInputProps('type')}
        />
        <TextInput
          label={t('releases.fields.versionLabel')}
          placeholder="24.12.0"
          required
          maxLength={60}
          {...form.getInputProps('versionLabel')}
        />
      </Group>
      <ServiceSelect
        label={t('releases.fields.serviceId')}
        required
        value={form.values.serviceId || null}
        onChange={(value) => form.setFieldValue('serviceId', value ?? '')}
        error={form.errors.serviceId}
      />
      <Group grow align="flex-start">
        <TextInput
          type="datetime-local"
          label={t('releases.fields.plannedStart')}
          description={t('releases.window.zone', { zone: timeZone })}
          {...form.getInputProps('plannedStart')}
        />
        <TextInput
          type="datetime-local"
          label={t('releases.fields.plannedEnd')}
          description={t('releases.window.zone', { zone: timeZone })}
          {...form.getInputProps('plannedEnd')}
        />
      </Group>
      <Textarea
        label={t('releases.fields.description')}
        autosize
        minRows={2}
        {...form.getInputProps('description')}
      />
      <Textarea
        label={t('releases.fields.deploymentPlan')}
        autosize
        minRows={2}
        {...form.getInputProps('deploymentPlan')}
      />
      <Textarea
        label={t('releases.fields.rollbackPlan')}
        autosize
        minRows={2}
        {...form.getInputProps('rollbackPlan')}
      />
    </FormDialog>
  );
}
