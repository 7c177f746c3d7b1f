import { Button, EmptyState, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconPlus, IconUsersGroup } from '@tabler/icons-react';
import { useInfiniteQuery } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import type { Group } from '../../api/types';
import { type Column, DataTable } from '../../ui/data-table';
import { DateTime } from '../../ui/dates';
import { ExportMenu } from '../../ui/export-menu';
import { AnchorLink } from '../../ui/links';
import { PageHeader } from '../../ui/page';
import { SearchInput } from '../../ui/search-input';
import { UserName } from '../admin-users/user-select';
import { usePermissions } from '../auth/session';
import { groupsListQuery } from './api';
import { GroupCreateDialog } from './group-create-dialog';

const route = getRouteApi('/app/admin/groups');

export function GroupsListPage() {
  const { t } = useTranslation();
  const can = usePermissions();
  const search = route.useSearch();
  const navigate = useNavigate({ from: '/admin/groups' });
  const [createOpened, create] = useDisclosure(false);
  const query = useInfiniteQuery(groupsListQuery(search));

  const openGroup = (id: string) =>
    void navigate({ to: '/admin/groups/$groupId', params: { groupId: id } });

  const columns: Column<Group>[] = [
    {
      id: 'name',
      header: t('groups.fields.name'),
      cell: (group) => (
        <AnchorLink to="/admin/groups/$groupId" params={{ groupId: group.id }} fw={500} size="sm">
          {group.name}
        </AnchorLink>
      ),
    },
    {
      id: 'description',
      header: t('groups.fields.description'),
      wrap: true,
      cell: (group) => (
        <Text size="sm" lineClamp={1}>
          {group.description || '—'}
        </Text>
      ),
    },
    ...(can('users.read')
      ? [
          {
            id: 'manager',
            header: t('groups.fields.managerId'),
            cell: (group: Group) => (group.managerId ? <UserName id={group.managerId} /> : '—'),
          },
        ]
      : []),
    {
      id: 'members',
      header: t('groups.fields.memberIds'),
      cell: (group) => t('groups.memberCount', { count: group.memberIds.length }),
    },
    {
      id: 'updatedAt',
      header: t('common.updatedAt'),
      cell: (group) => <DateTime value={group.updatedAt} format="date" />,
    },
  ];

  return (
    <>
      <PageHeader
        title={t('modules.groups.label')}
        description={t('groups.description')}
        actions={
          <>
            <ExportMenu path="/groups" filters={{ ...search }} />
            {can('groups.manage') && (
              <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={create.open}>
                {t('groups.create.open')}
              </Button>
            )}
          </>
        }
      />
      <DataTable
        label={t('modules.groups.label')}
        storageKey="groups"
        columns={columns}
        query={query}
        rowKey={(group) => group.id}
        onOpen={(group) => openGroup(group.id)}
        toolbar={
          <SearchInput
            label={t('groups.search.label')}
            placeholder={t('groups.search.placeholder')}
            clearLabel={t('actions.clearSearch')}
            value={search.q ?? ''}
            onChange={(q) => void navigate({ search: { q: q || undefined }, replace: true })}
          />
        }
        empty={
          <EmptyState
            icon={<IconUsersGroup size={28} aria-hidden />}
            title={search.q ? t('groups.empty.filteredTitle') : t('groups.empty.title')}
            description={
              search.q ? t('groups.empty.filteredDescription') : t('groups.empty.description')
            }
            withIndicatorBackground
          >
            <EmptyState.Actions>
              {search.q ? (
                <Button
                  variant="default"
                  onClick={() => void navigate({ search: {}, replace: true })}
                >
                  {t('actions.clearFilters')}
                </Button>
              ) : (
                can('groups.manage') && (
                  <Button onClick={create.open}>{t('groups.create.open')}</Button>
                )
              )}
            </EmptyState.Actions>
          </EmptyState>
        }
      />
      {can('groups.manage') && (
        <GroupCreateDialog
          opened={createOpened}
          onClose={create.close}
          onCreated={(group) => openGroup(group.id)}
        />
      )}
    </>
  );
}
