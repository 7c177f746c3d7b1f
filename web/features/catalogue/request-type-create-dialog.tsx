import { Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { FormDialog } from '../../ui/form-dialog';
import { notify } from '../../ui/notify';
import { catalogueKeys, createRequestType, type RequestType } from './api';
import { ServiceSelect } from './service-select';

interface RequestTypeCreateDialogProps {
  opened: boolean;
  onClose: () => void;
  onCreated: (requestType: RequestType) => void;
  /** The service it belongs to, when created from a service's page. */
  serviceId?: string;
}

/** Names a new request type; its form, approvals and tasks are built on its page. */
export function RequestTypeCreateDialog(props: RequestTypeCreateDialogProps) {
  const { opened, onClose, onCreated, serviceId } = props;
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const form = useForm({
    mode: 'controlled',
    initialValues: { name: '', description: '', serviceId: serviceId ?? (null as string | null) },
    validate: {
      name: (value) => (value.trim() ? null : t('validation.required')),
      serviceId: (value) => (value ? null : t('validation.required')),
    },
  });
  return (
    <FormDialog
      opened={opened}
      onClose={onClose}
      title={t('catalogue.requestTypes.create.title')}
      submitLabel={t('catalogue.requestTypes.create.submit')}
      form={form}
      onSubmit={async (values, idempotencyKey) => {
        const created = await createRequestType(
          {
            serviceId: values.serviceId ?? '',
            name: values.name.trim(),
            description: values.description.trim(),
            active: false,
          },
          idempotencyKey,
        );
        await queryClient.invalidateQueries({ queryKey: catalogueKeys.requestTypeLists });
        notify({
          color: 'green',
          message: t('catalogue.requestTypes.create.done', { name: created.name }),
        });
        onCreated(created);
      }}
    >
      <TextInput
        label={t('catalogue.requestTypes.fields.name')}
        required
        data-autofocus
        autoComplete="off"
        {...form.getInputProps('name')}
      />
      {!serviceId && (
        <ServiceSelect
          label={t('catalogue.requestTypes.fields.serviceId')}
          required
          value={form.values.serviceId}
          onChange={(value) => form.setFieldValue('serviceId', value)}
          error={form.errors.serviceId}
        />
      )}
      <Textarea
        label={t('catalogue.requestTypes.fields.description')}
        autosize
        minRows={2}
        {...form.getInputProps('description')}
      />
    </FormDialog>
  );
}
