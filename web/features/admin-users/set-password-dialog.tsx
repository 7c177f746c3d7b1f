import { PasswordInput, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import type { User } from '../../api/types';
import { FormDialog } from '../../ui/form-dialog';
import { notify } from '../../ui/notify';
import { MIN_PASSWORD_LENGTH, setUserPassword } from './api';

interface SetPasswordDialogProps {
  user: User;
  opened: boolean;
  onClose: () => void;
}

export function SetPasswordDialog({ user, opened, onClose }: SetPasswordDialogProps) {
  const { t } = useTranslation();
  const form = useForm({
    mode: 'controlled',
    initialValues: { password: '', confirmation: '' },
    validate: {
      password: (value) =>
        value.length >= MIN_PASSWORD_LENGTH
          ? null
          : t('validation.passwordLength', { count: MIN_PASSWORD_LENGTH }),
      confirmation: (value, values) =>
        value === values.password ? null : t('validation.passwordMismatch'),
    },
  });
  return (
    <FormDialog
      opened={opened}
      onClose={onClose}
      title={t('users.password.title', { name: user.name })}
      submitLabel={t('users.password.submit')}
      form={form}
      onSubmit={async (values) => {
        await setUserPassword(user.id, values.password);
        notify({
          color: 'green',
          message: t('users.password.done', { name: user.name }),
        });
      }}
    >
      <Text size="sm">{t('users.password.description')}</Text>
      <PasswordInput
        label={t('users.password.new')}
        description={t('users.create.passwordHint', { count: MIN_PASSWORD_LENGTH })}
        autoComplete="new-password"
        required
        data-autofocus
        {...form.getInputProps('password')}
      />
      <PasswordInput
        label={t('users.password.confirm')}
        autoComplete="new-password"
        required
        {...form.getInputProps('confirmation')}
      />
    </FormDialog>
  );
}
