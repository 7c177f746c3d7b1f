import { MultiSelect, Stack, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { FormDialog } from '../../ui/form-dialog';
import { notify } from '../../ui/notify';
import { GroupSelect } from '../catalogue/group-select';
import { createProblem, type Problem, problemsKeys } from './api';
import { useServiceOptions } from './service-options';

interface Values extends Record<string, unknown> {
  title: string;
  description: string;
  serviceIds: string[];
  ownerGroupId: string | null;
  incidents: string;
}

/** Raises a problem; incidents can be linked at once by number (INC0001042, one per line or comma). */
export function ProblemCreateDialog(props: {
  opened: boolean;
  onClose: () => void;
  onCreated: (problem: Problem) => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const services = useServiceOptions();
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: {
      title: '',
      description: '',
      serviceIds: [],
      ownerGroupId: null,
      incidents: '',
    },
    validate: { title: (value) => (value.trim() ? null : t('validation.required')) },
  });
  return (
    <FormDialog
      opened={props.opened}
      onClose={props.onClose}
      title={t('problems.create.title')}
      submitLabel={t('problems.create.submit')}
      form={form}
      size="lg"
      onSubmit={async (values, idempotencyKey) => {
        const incidentIds = values.incidents
          .split(/[\s,;]+/)
          .map((s) => s.trim().toUpperCase())
          .filter(Boolean);
        const created = await createProblem(
          {
            title: values.title.trim(),
            description: values.description.trim(),
            serviceIds: values.serviceIds,
            ownerGroupId: values.ownerGroupId,
            ...(incidentIds.length ? { incidentIds } : {}),
          },
          idempotencyKey,
        );
        await queryClient.invalidateQueries({ queryKey: problemsKeys.all });
        notify({ color: 'green', message: t('problems.create.done', { number: created.number }) });
        props.onCreated(created);
      }}
    >
      <Stack gap="sm">
        <TextInput
          label={t('problems.fields.title')}
          required
          data-autofocus
          {...form.getInputProps('title')}
        />
        <Textarea
          label={t('problems.fields.description')}
          autosize
          minRows={3}
          {...form.getInputProps('description')}
        />
        <MultiSelect
          label={t('problems.fields.services')}
          data={services}
          searchable
          clearable
          {...form.getInputProps('serviceIds')}
        />
        <GroupSelect
          label={t('problems.fields.ownerGroupId')}
          value={form.values.ownerGroupId}
          onChange={(value) => form.setFieldValue('ownerGroupId', value)}
          error={form.errors.ownerGroupId}
        />
        <TextInput
          label={t('problems.create.incidents')}
          description={t('problems.create.incidentsHint')}
          placeholder="INC0001042, INC0001043"
          {...form.getInputProps('incidents')}
          error={form.errors.incidents ?? form.errors.incidentIds}
        />
      </Stack>
    </FormDialog>
  );
}
