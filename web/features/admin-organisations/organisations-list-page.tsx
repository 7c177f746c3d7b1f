import { Button, EmptyState } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconBuildingCommunity, IconPlus } from '@tabler/icons-react';
import { useInfiniteQuery } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import type { Organisation } from '../../api/types';
import { type Column, DataTable } from '../../ui/data-table';
import { DateTime } from '../../ui/dates';
import { ExportMenu } from '../../ui/export-menu';
import { AnchorLink } from '../../ui/links';
import { PageHeader } from '../../ui/page';
import { SearchInput } from '../../ui/search-input';
import { usePermissions } from '../auth/session';
import { organisationsListQuery } from './api';
import { OrganisationCreateDialog } from './organisation-create-dialog';
import { OrganisationName } from './organisation-select';

const route = getRouteApi('/app/admin/organisations');

export function OrganisationsListPage() {
  const { t } = useTranslation();
  const can = usePermissions();
  const search = route.useSearch();
  const navigate = useNavigate({ from: '/admin/organisations' });
  const [createOpened, create] = useDisclosure(false);
  const query = useInfiniteQuery(organisationsListQuery(search));

  const openOrganisation = (id: string) =>
    void navigate({ to: '/admin/organisations/$organisationId', params: { organisationId: id } });

  const columns: Column<Organisation>[] = [
    {
      id: 'name',
      header: t('organisations.fields.name'),
      cell: (organisation) => (
        <AnchorLink
          to="/admin/organisations/$organisationId"
          params={{ organisationId: organisation.id }}
          fw={500}
          size="sm"
        >
          {organisation.name}
        </AnchorLink>
      ),
    },
    {
      id: 'kind',
      header: t('organisations.fields.kind'),
      cell: (organisation) => t(`organisations.kinds.${organisation.kind}`),
    },
    {
      id: 'parent',
      header: t('organisations.fields.parentId'),
      cell: (organisation) =>
        organisation.parentId ? <OrganisationName id={organisation.parentId} /> : '—',
    },
    {
      id: 'updatedAt',
      header: t('common.updatedAt'),
      cell: (organisation) => <DateTime value={organisation.updatedAt} format="date" />,
    },
  ];

  return (
    <>
      <PageHeader
        title={t('modules.organisations.label')}
        description={t('organisations.description')}
        actions={
          <>
            <ExportMenu path="/organisations" filters={{ ...search }} />
            {can('organisations.manage') && (
              <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={create.open}>
                {t('organisations.create.open')}
              </Button>
            )}
          </>
        }
      />
      <DataTable
        label={t('modules.organisations.label')}
        storageKey="organisations"
        columns={columns}
        query={query}
        rowKey={(organisation) => organisation.id}
        onOpen={(organisation) => openOrganisation(organisation.id)}
        toolbar={
          <SearchInput
            label={t('organisations.search.label')}
            placeholder={t('organisations.search.placeholder')}
            clearLabel={t('actions.clearSearch')}
            value={search.q ?? ''}
            onChange={(q) => void navigate({ search: { q: q || undefined }, replace: true })}
          />
        }
        empty={
          <EmptyState
            icon={<IconBuildingCommunity size={28} aria-hidden />}
            title={
              search.q ? t('organisations.empty.filteredTitle') : t('organisations.empty.title')
            }
            description={
              search.q
                ? t('organisations.empty.filteredDescription')
                : t('organisations.empty.description')
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
                can('organisations.manage') && (
                  <Button onClick={create.open}>{t('organisations.create.open')}</Button>
                )
              )}
            </EmptyState.Actions>
          </EmptyState>
        }
      />
      {can('organisations.manage') && (
        <OrganisationCreateDialog
          opened={createOpened}
          onClose={create.close}
          onCreated={(organisation) => openOrganisation(organisation.id)}
        />
      )}
    </>
  );
}
