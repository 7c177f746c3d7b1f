import { SegmentedControl, Select, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { FormDialog } from '../../ui/form-dialog';
import { notify } from '../../ui/notify';
import {
  CHANGE_TYPES,
  type Change,
  type ChangeType,
  changesKeys,
  createChange,
  templatesQuery,
} from './api';
import { ServiceMultiSelect } from './service-multi-select';

interface Values extends Record<string, unknown> {
  type: ChangeType;
  templateId: string | null;
  title: string;
  serviceIds: string[];
  description: string;
}

/**
 * Raises a request for change as a draft: its type (a standard change starts from a pre-approved
 * template), a title and the services it touches; the rest is filled in on its page.
 */
export function ChangeCreateDialog(props: {
  opened: boolean;
  onClose: () => void;
  onCreated: (change: Change) => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const templates = useQuery({ ...templatesQuery({ active: true }), enabled: props.opened });
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: { type: 'normal', templateId: null, title: '', serviceIds: [], description: '' },
    validate: {
      title: (value) => (value.trim() ? null : t('validation.required')),
      templateId: (value, values) =>
        values.type === 'standard' && !value ? t('changes.create.templateRequired') : null,
    },
  });
  const chooseTemplate = (id: string | null) => {
    form.setFieldValue('templateId', id);
    const template = templates.data?.items.find((item) => item.id === id);
    if (!template) return;
    if (!form.getValues().title.trim()) form.setFieldValue('title', template.name);
    if (template.serviceId && form.getValues().serviceIds.length === 0)
      form.setFieldValue('serviceIds', [template.serviceId]);
  };
  const { type } = form.getValues();
  return (
    <FormDialog
      opened={props.opened}
      onClose={props.onClose}
      title={t('changes.create.title')}
      submitLabel={t('changes.create.submit')}
      form={form}
      size="lg"
      onSubmit={async (values, idempotencyKey) => {
        const created = await createChange(
          {
            type: values.type,
            title: values.title.trim(),
            ...(values.type === 'standard' && values.templateId
              ? { templateId: values.templateId }
              : {}),
            serviceIds: values.serviceIds,
            description: values.description.trim(),
          },
          idempotencyKey,
        );
        await queryClient.invalidateQueries({ queryKey: changesKeys.lists });
        notify({ color: 'green', message: t('changes.create.done', { number: created.number }) });
        props.onCreated(created);
      }}
    >
      <Stack gap={4}>
        <Text size="sm" fw={500} id="change-create-type">
          {t('changes.fields.type')}
        </Text>
        <SegmentedControl
          aria-labelledby="change-create-type"
          data={CHANGE_TYPES.map((value) => ({ value, label: t(`changes.types.${value}`) }))}
          {...form.getInputProps('type')}
        />
        <Text size="xs" c="dimmed">
          {t(`changes.typeHints.${type}`)}
        </Text>
      </Stack>
      {type === 'standard' && (
        <Select
          label={t('changes.fields.template')}
          description={t('changes.create.templateHint')}
          data={(templates.data?.items ?? []).map((template) => ({
            value: template.id,
            label: template.name,
          }))}
          value={form.getValues().templateId}
          onChange={chooseTemplate}
          error={form.errors.templateId}
          required
          searchable
          nothingFoundMessage={t('changes.create.noTemplates')}
        />
      )}
      <TextInput
        label={t('changes.fields.title')}
        required
        data-autofocus
        autoComplete="off"
        {...form.getInputProps('title')}
      />
      <ServiceMultiSelect
        label={t('changes.fields.serviceIds')}
        value={form.getValues().serviceIds}
        onChange={(value) => form.setFieldValue('serviceIds', value)}
        error={form.errors.serviceIds}
      />
      <Textarea
        label={t('changes.fields.description')}
        autosize
        minRows={3}
        {...form.getInputProps('description')}
      />
    </FormDialog>
  );
}
