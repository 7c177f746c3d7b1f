import { Button, EmptyState, Select, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconPlus, IconUsers } from '@tabler/icons-react';
import { useInfiniteQuery } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { ROLES, type Role, type User } from '../../api/types';
import { type Column, DataTable } from '../../ui/data-table';
import { DateTime } from '../../ui/dates';
import { ExportMenu } from '../../ui/export-menu';
import { AnchorLink } from '../../ui/links';
import { PageHeader } from '../../ui/page';
import { SearchInput } from '../../ui/search-input';
import { StatusBadge } from '../../ui/status-badge';
import { OrganisationName } from '../admin-organisations/organisation-select';
import { usePermissions } from '../auth/session';
import { usersListQuery } from './api';
import { UserCreateDialog } from './user-create-dialog';
import { userStatus } from './user-labels';

const route = getRouteApi('/app/admin/users');

export function UsersListPage() {
  const { t } = useTranslation();
  const can = usePermissions();
  const search = route.useSearch();
  const navigate = useNavigate({ from: '/admin/users' });
  const [createOpened, create] = useDisclosure(false);
  const query = useInfiniteQuery(usersListQuery(search));
  const filtered = !!(search.q || search.role || search.active);

  const setSearch = (patch: Partial<typeof search>) =>
    void navigate({ search: (previous) => ({ ...previous, ...patch }), replace: true });

  const openUser = (id: string) =>
    void navigate({ to: '/admin/users/$userId', params: { userId: id } });

  const columns: Column<User>[] = [
    {
      id: 'name',
      header: t('users.fields.name'),
      cell: (user) => (
        <AnchorLink to="/admin/users/$userId" params={{ userId: user.id }} fw={500} size="sm">
          {user.name}
        </AnchorLink>
      ),
    },
    {
      id: 'email',
      header: t('users.fields.email'),
      maxWidth: '16rem',
      cell: (user) => <span title={user.email}>{user.email}</span>,
    },
    { id: 'role', header: t('users.fields.role'), cell: (user) => t(`roles.${user.role}`) },
    {
      id: 'status',
      header: t('users.fields.active'),
      cell: (user) => <StatusBadge {...userStatus(user, t)} />,
    },
    ...(can('organisations.read')
      ? [
          {
            id: 'organisation',
            header: t('users.fields.organisationId'),
            cell: (user: User) =>
              user.organisationId ? <OrganisationName id={user.organisationId} /> : '—',
          },
        ]
      : []),
    {
      id: 'createdAt',
      header: t('common.createdAt'),
      defaultHidden: true,
      cell: (user) => <DateTime value={user.createdAt} format="date" />,
    },
  ];

  return (
    <>
      <PageHeader
        title={t('modules.users.label')}
        description={t('users.description')}
        actions={
          <>
            <ExportMenu path="/users" filters={{ ...search }} />
            {can('users.manage') && (
              <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={create.open}>
                {t('users.create.open')}
              </Button>
            )}
          </>
        }
      />
      <DataTable
        label={t('modules.users.label')}
        storageKey="users"
        columns={columns}
        query={query}
        rowKey={(user) => user.id}
        onOpen={(user) => openUser(user.id)}
        toolbar={
          <>
            <SearchInput
              label={t('users.search.label')}
              placeholder={t('users.search.placeholder')}
              clearLabel={t('actions.clearSearch')}
              value={search.q ?? ''}
              onChange={(q) => setSearch({ q: q || undefined })}
            />
            <Select
              aria-label={t('users.fields.role')}
              placeholder={t('users.filters.anyRole')}
              data={ROLES.map((role) => ({ value: role, label: t(`roles.${role}`) }))}
              value={search.role ?? null}
              onChange={(role) => setSearch({ role: (role as Role | null) ?? undefined })}
              clearable
              w={160}
            />
            <Select
              aria-label={t('users.fields.active')}
              placeholder={t('users.filters.anyStatus')}
              data={[
                { value: 'true', label: t('users.status.active') },
                { value: 'false', label: t('users.status.inactive') },
              ]}
              value={search.active ?? null}
              onChange={(active) =>
                setSearch({ active: (active as 'true' | 'false' | null) ?? undefined })
              }
              clearable
              w={160}
            />
          </>
        }
        empty={
          filtered ? (
            <EmptyState
              icon={<IconUsers size={28} aria-hidden />}
              title={t('users.empty.filteredTitle')}
              description={t('users.empty.filteredDescription')}
              withIndicatorBackground
            >
              <EmptyState.Actions>
                <Button
                  variant="default"
                  onClick={() => setSearch({ q: undefined, role: undefined, active: undefined })}
                >
                  {t('actions.clearFilters')}
                </Button>
              </EmptyState.Actions>
            </EmptyState>
          ) : (
            <EmptyState
              icon={<IconUsers size={28} aria-hidden />}
              title={t('users.empty.title')}
              description={t('users.empty.description')}
              withIndicatorBackground
            >
              {can('users.manage') && (
                <EmptyState.Actions>
                  <Button onClick={create.open}>{t('users.create.open')}</Button>
                </EmptyState.Actions>
              )}
            </EmptyState>
          )
        }
      />
      {can('users.manage') && (
        <UserCreateDialog
          opened={createOpened}
          onClose={create.close}
          onCreated={() => undefined}
        />
      )}
      <Text size="xs" c="dimmed" mt="md">
        {t('list.keyboardHint')}
      </Text>
    </>
  );
}
