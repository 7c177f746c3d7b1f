import { Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Group } from '../../api/types';
import { FormDialog } from '../../ui/form-dialog';
import { notify } from '../../ui/notify';
import { UserSelect } from '../admin-users/user-select';
import { usePermissions } from '../auth/session';
import { createGroup, groupsKeys } from './api';

interface GroupCreateDialogProps {
  opened: boolean;
  onClose: () => void;
  onCreated: (group: Group) => void;
}

export function GroupCreateDialog({ opened, onClose, onCreated }: GroupCreateDialogProps) {
  const { t } = useTranslation();
  const can = usePermissions();
  const queryClient = useQueryClient();
  const form = useForm({
    mode: 'controlled',
    initialValues: { name: '', description: '', managerId: null as string | null },
    validate: { name: (value) => (value.trim() ? null : t('validation.required')) },
  });
  return (
    <FormDialog
      opened={opened}
      onClose={onClose}
      title={t('groups.create.title')}
      submitLabel={t('groups.create.submit')}
      form={form}
      onSubmit={async (values, idempotencyKey) => {
        const created = await createGroup(
          {
            name: values.name.trim(),
            description: values.description.trim(),
            ...(values.managerId ? { managerId: values.managerId } : {}),
          },
          idempotencyKey,
        );
        await queryClient.invalidateQueries({ queryKey: groupsKeys.lists });
        notify({
          color: 'green',
          message: t('groups.create.done', { name: created.name }),
        });
        onCreated(created);
      }}
    >
      <TextInput
        label={t('groups.fields.name')}
        required
        data-autofocus
        autoComplete="off"
        {...form.getInputProps('name')}
      />
      <Textarea
        label={t('groups.fields.description')}
        autosize
        minRows={2}
        maxRows={6}
        {...form.getInputProps('description')}
      />
      {can('users.read') && (
        <UserSelect
          label={t('groups.fields.managerId')}
          value={form.values.managerId}
          onChange={(value) => form.setFieldValue('managerId', value)}
          error={form.errors.managerId}
        />
      )}
    </FormDialog>
  );
}
