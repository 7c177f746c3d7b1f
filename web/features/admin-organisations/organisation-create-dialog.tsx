import { Select, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ORGANISATION_KINDS, type Organisation, type OrganisationKind } from '../../api/types';
import { FormDialog } from '../../ui/form-dialog';
import { notify } from '../../ui/notify';
import { createOrganisation, organisationsKeys } from './api';
import { OrganisationSelect } from './organisation-select';

interface OrganisationCreateDialogProps {
  opened: boolean;
  onClose: () => void;
  onCreated: (organisation: Organisation) => void;
}

export function OrganisationCreateDialog({
  opened,
  onClose,
  onCreated,
}: OrganisationCreateDialogProps) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const form = useForm({
    mode: 'controlled',
    initialValues: {
      name: '',
      kind: 'company' as OrganisationKind,
      parentId: null as string | null,
    },
    validate: { name: (value) => (value.trim() ? null : t('validation.required')) },
  });
  return (
    <FormDialog
      opened={opened}
      onClose={onClose}
      title={t('organisations.create.title')}
      submitLabel={t('organisations.create.submit')}
      form={form}
      onSubmit={async (values, idempotencyKey) => {
        const created = await createOrganisation(
          {
            name: values.name.trim(),
            kind: values.kind,
            ...(values.parentId ? { parentId: values.parentId } : {}),
          },
          idempotencyKey,
        );
        await queryClient.invalidateQueries({ queryKey: organisationsKeys.lists });
        notify({
          color: 'green',
          message: t('organisations.create.done', { name: created.name }),
        });
        onCreated(created);
      }}
    >
      <TextInput
        label={t('organisations.fields.name')}
        required
        data-autofocus
        autoComplete="off"
        {...form.getInputProps('name')}
      />
      <Select
        label={t('organisations.fields.kind')}
        data={ORGANISATION_KINDS.map((kind) => ({
          value: kind,
          label: t(`organisations.kinds.${kind}`),
        }))}
        allowDeselect={false}
        {...form.getInputProps('kind')}
      />
      <OrganisationSelect
        label={t('organisations.fields.parentId')}
        description={t('organisations.parentHint')}
        value={form.values.parentId}
        onChange={(value) => form.setFieldValue('parentId', value)}
        error={form.errors.parentId}
      />
    </FormDialog>
  );
}
