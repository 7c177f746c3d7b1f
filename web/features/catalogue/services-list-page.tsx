import { Button, EmptyState, Select } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconBuildingStore, IconPlus } from '@tabler/icons-react';
import { useInfiniteQuery } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import type { CatalogueSearch } from '../../app/router';
import { type Column, DataTable } from '../../ui/data-table';
import { DateTime } from '../../ui/dates';
import { ExportMenu } from '../../ui/export-menu';
import { AnchorLink } from '../../ui/links';
import { PageHeader } from '../../ui/page';
import { SearchInput } from '../../ui/search-input';
import { StatusBadge } from '../../ui/status-badge';
import { UserName } from '../admin-users/user-select';
import { usePermissions } from '../auth/session';
import { SERVICE_STATUSES, type Service, type ServiceStatus, servicesListQuery } from './api';
import { GroupName } from './group-select';
import { SERVICE_TONES } from './labels';
import { ServiceCreateDialog } from './service-create-dialog';

const route = getRouteApi('/app/admin/services');

export function ServicesListPage() {
  const { t } = useTranslation();
  const can = usePermissions();
  const search = route.useSearch();
  const navigate = useNavigate({ from: '/admin/services' });
  const [createOpened, create] = useDisclosure(false);
  const query = useInfiniteQuery(servicesListQuery(search));
  const manage = can('catalogue.manage');
  const setSearch = (patch: Partial<CatalogueSearch>) =>
    void navigate({ search: (previous) => ({ ...previous, ...patch }), replace: true });
  const openService = (id: string) =>
    void navigate({ to: '/admin/services/$serviceId', params: { serviceId: id } });

  const columns: Column<Service>[] = [
    {
      id: 'name',
      header: t('catalogue.services.fields.name'),
      cell: (service) => (
        <AnchorLink
          to="/admin/services/$serviceId"
          params={{ serviceId: service.id }}
          fw={500}
          size="sm"
        >
          {service.name}
        </AnchorLink>
      ),
    },
    {
      id: 'status',
      header: t('catalogue.services.fields.status'),
      cell: (service) => (
        <StatusBadge
          tone={SERVICE_TONES[service.status]}
          label={t(`catalogue.services.statuses.${service.status}`)}
          size="sm"
        />
      ),
      width: 120,
    },
    {
      id: 'owner',
      header: t('catalogue.services.fields.ownerId'),
      cell: (service) => (service.ownerId ? <UserName id={service.ownerId} /> : '—'),
    },
    {
      id: 'group',
      header: t('catalogue.services.fields.defaultGroupId'),
      cell: (service) => (service.defaultGroupId ? <GroupName id={service.defaultGroupId} /> : '—'),
    },
    {
      id: 'description',
      header: t('catalogue.services.fields.description'),
      cell: (service) => service.description || '—',
      wrap: true,
      defaultHidden: true,
    },
    {
      id: 'updatedAt',
      header: t('common.updatedAt'),
      cell: (service) => <DateTime value={service.updatedAt} format="date" />,
    },
  ];

  const filtered = Boolean(search.q || search.status);
  return (
    <>
      <PageHeader
        title={t('modules.services.label')}
        description={t('catalogue.services.description')}
        actions={
          <>
            <ExportMenu path="/services" filters={{ ...search }} />
            {manage && (
              <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={create.open}>
                {t('catalogue.services.create.open')}
              </Button>
            )}
          </>
        }
      />
      <DataTable
        label={t('modules.services.label')}
        storageKey="catalogue-services"
        columns={columns}
        query={query}
        rowKey={(service) => service.id}
        onOpen={(service) => openService(service.id)}
        toolbar={
          <>
            <SearchInput
              label={t('catalogue.services.search.label')}
              placeholder={t('catalogue.services.search.placeholder')}
              clearLabel={t('actions.clearSearch')}
              value={search.q ?? ''}
              onChange={(q) => setSearch({ q: q || undefined })}
            />
            <Select
              aria-label={t('catalogue.services.fields.status')}
              placeholder={t('catalogue.services.anyStatus')}
              data={SERVICE_STATUSES.map((status) => ({
                value: status,
                label: t(`catalogue.services.statuses.${status}`),
              }))}
              value={search.status ?? null}
              onChange={(status) =>
                setSearch({ status: (status as ServiceStatus | null) ?? undefined })
              }
              clearable
              w={170}
            />
          </>
        }
        empty={
          <EmptyState
            icon={<IconBuildingStore size={28} aria-hidden />}
            title={
              filtered
                ? t('catalogue.services.empty.filteredTitle')
                : t('catalogue.services.empty.title')
            }
            description={
              filtered
                ? t('catalogue.services.empty.filteredDescription')
                : t('catalogue.services.empty.description')
            }
            withIndicatorBackground
          >
            <EmptyState.Actions>
              {filtered ? (
                <Button
                  variant="default"
                  onClick={() => void navigate({ search: {}, replace: true })}
                >
                  {t('actions.clearFilters')}
                </Button>
              ) : (
                manage && (
                  <Button onClick={create.open}>{t('catalogue.services.create.open')}</Button>
                )
              )}
            </EmptyState.Actions>
          </EmptyState>
        }
      />
      {manage && (
        <ServiceCreateDialog
          opened={createOpened}
          onClose={create.close}
          onCreated={(service) => openService(service.id)}
        />
      )}
    </>
  );
}
