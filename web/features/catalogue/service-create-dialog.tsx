import { Select, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { FormDialog } from '../../ui/form-dialog';
import { notify } from '../../ui/notify';
import {
  catalogueKeys,
  createService,
  SERVICE_STATUSES,
  type Service,
  type ServiceStatus,
} from './api';

interface ServiceCreateDialogProps {
  opened: boolean;
  onClose: () => void;
  onCreated: (service: Service) => void;
}

export function ServiceCreateDialog({ opened, onClose, onCreated }: ServiceCreateDialogProps) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const form = useForm({
    mode: 'controlled',
    initialValues: { name: '', description: '', status: 'pipeline' as ServiceStatus },
    validate: { name: (value) => (value.trim() ? null : t('validation.required')) },
  });
  return (
    <FormDialog
      opened={opened}
      onClose={onClose}
      title={t('catalogue.services.create.title')}
      submitLabel={t('catalogue.services.create.submit')}
      form={form}
      onSubmit={async (values, idempotencyKey) => {
        const created = await createService(
          {
            name: values.name.trim(),
            description: values.description.trim(),
            status: values.status,
          },
          idempotencyKey,
        );
        await queryClient.invalidateQueries({ queryKey: catalogueKeys.serviceLists });
        notify({
          color: 'green',
          message: t('catalogue.services.create.done', { name: created.name }),
        });
        onCreated(created);
      }}
    >
      <TextInput
        label={t('catalogue.services.fields.name')}
        required
        data-autofocus
        autoComplete="off"
        {...form.getInputProps('name')}
      />
      <Textarea
        label={t('catalogue.services.fields.description')}
        autosize
        minRows={2}
        {...form.getInputProps('description')}
      />
      <Select
        label={t('catalogue.services.fields.status')}
        description={t('catalogue.services.statusHint')}
        data={SERVICE_STATUSES.map((status) => ({
          value: status,
          label: t(`catalogue.services.statuses.${status}`),
        }))}
        allowDeselect={false}
        {...form.getInputProps('status')}
      />
    </FormDialog>
  );
}
