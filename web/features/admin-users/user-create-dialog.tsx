import { PasswordInput, Select, SimpleGrid, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQueryClient } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { type Locale, ROLES, type Role } from '../../api/types';
import { languages } from '../../i18n';
import { FormDialog } from '../../ui/form-dialog';
import { notify } from '../../ui/notify';
import { timeZoneOptions } from '../../ui/time-zones';
import { OrganisationSelect } from '../admin-organisations/organisation-select';
import { usePermissions, useSession } from '../auth/session';
import { createUser, MIN_PASSWORD_LENGTH, usersKeys } from './api';

interface UserCreateDialogProps {
  opened: boolean;
  onClose: () => void;
  onCreated: (user: { id: string; name: string }) => void;
}

export function UserCreateDialog({ opened, onClose, onCreated }: UserCreateDialogProps) {
  const { t, i18n } = useTranslation();
  const { user: me } = useSession();
  const can = usePermissions();
  const queryClient = useQueryClient();
  const zones = useMemo(() => timeZoneOptions(me.timeZone), [me.timeZone]);

  const form = useForm({
    mode: 'controlled',
    initialValues: {
      name: '',
      email: '',
      role: 'requester' as Role,
      locale: (i18n.language === 'fr' ? 'fr' : 'en') as Locale,
      timeZone: me.timeZone,
      organisationId: null as string | null,
      password: '',
    },
    validate: {
      name: (value) => (value.trim() ? null : t('validation.required')),
      email: (value) => (/^[^\s@]+@[^\s@]+$/.test(value.trim()) ? null : t('validation.email')),
      password: (value) =>
        !value || value.length >= MIN_PASSWORD_LENGTH
          ? null
          : t('validation.passwordLength', { count: MIN_PASSWORD_LENGTH }),
    },
  });

  return (
    <FormDialog
      opened={opened}
      onClose={onClose}
      title={t('users.create.title')}
      submitLabel={t('users.create.submit')}
      form={form}
      size="lg"
      onSubmit={async (values, idempotencyKey) => {
        const created = await createUser(
          {
            name: values.name.trim(),
            email: values.email.trim(),
            role: values.role,
            locale: values.locale,
            timeZone: values.timeZone,
            ...(values.organisationId ? { organisationId: values.organisationId } : {}),
            ...(values.password ? { password: values.password } : {}),
          },
          idempotencyKey,
        );
        await queryClient.invalidateQueries({ queryKey: usersKeys.lists });
        notify({
          color: 'green',
          title: t('users.create.done', { name: created.name }),
          message: created.email,
        });
        onCreated(created);
      }}
    >
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <TextInput
          label={t('users.fields.name')}
          required
          data-autofocus
          autoComplete="off"
          {...form.getInputProps('name')}
        />
        <TextInput
          label={t('users.fields.email')}
          type="email"
          required
          autoComplete="off"
          {...form.getInputProps('email')}
        />
        <Select
          label={t('users.fields.role')}
          data={ROLES.map((role) => ({ value: role, label: t(`roles.${role}`) }))}
          allowDeselect={false}
          {...form.getInputProps('role')}
        />
        <Select
          label={t('users.fields.locale')}
          data={languages.map((language) => ({ value: language.code, label: language.name }))}
          allowDeselect={false}
          {...form.getInputProps('locale')}
        />
        <Select
          label={t('users.fields.timeZone')}
          data={zones}
          searchable
          allowDeselect={false}
          nothingFoundMessage={t('common.nothingFound')}
          {...form.getInputProps('timeZone')}
        />
        {can('organisations.read') && (
          <OrganisationSelect
            label={t('users.fields.organisationId')}
            value={form.values.organisationId}
            onChange={(value) => form.setFieldValue('organisationId', value)}
            error={form.errors.organisationId}
          />
        )}
      </SimpleGrid>
      <PasswordInput
        label={t('users.create.password')}
        description={t('users.create.passwordHint', { count: MIN_PASSWORD_LENGTH })}
        autoComplete="new-password"
        {...form.getInputProps('password')}
      />
    </FormDialog>
  );
}
