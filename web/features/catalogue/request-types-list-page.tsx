import { Button, EmptyState, Select } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconForms, IconPlus } from '@tabler/icons-react';
import { useInfiniteQuery } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import type { RequestTypesSearch } from '../../app/router';
import { type Column, DataTable } from '../../ui/data-table';
import { DateTime } from '../../ui/dates';
import { AnchorLink } from '../../ui/links';
import { PageHeader } from '../../ui/page';
import { SearchInput } from '../../ui/search-input';
import { StatusBadge } from '../../ui/status-badge';
import { usePermissions } from '../auth/session';
import { type RequestType, requestTypesListQuery } from './api';
import { definitionSummary } from './labels';
import { RequestTypeCreateDialog } from './request-type-create-dialog';
import { ServiceName, ServiceSelect } from './service-select';

const route = getRouteApi('/app/admin/request-types');

export function RequestTypesListPage() {
  const { t } = useTranslation();
  const can = usePermissions();
  const search = route.useSearch();
  const navigate = useNavigate({ from: '/admin/request-types' });
  const [createOpened, create] = useDisclosure(false);
  const query = useInfiniteQuery(requestTypesListQuery(search));
  const manage = can('catalogue.manage');
  const setSearch = (patch: Partial<RequestTypesSearch>) =>
    void navigate({ search: (previous) => ({ ...previous, ...patch }), replace: true });
  const open = (id: string) =>
    void navigate({ to: '/admin/request-types/$requestTypeId', params: { requestTypeId: id } });

  const columns: Column<RequestType>[] = [
    {
      id: 'name',
      header: t('catalogue.requestTypes.fields.name'),
      cell: (requestType) => (
        <AnchorLink
          to="/admin/request-types/$requestTypeId"
          params={{ requestTypeId: requestType.id }}
          fw={500}
          size="sm"
        >
          {requestType.name}
        </AnchorLink>
      ),
    },
    {
      id: 'service',
      header: t('catalogue.requestTypes.fields.serviceId'),
      cell: (requestType) => <ServiceName id={requestType.serviceId} />,
    },
    {
      id: 'active',
      header: t('catalogue.requestTypes.fields.active'),
      cell: (requestType) => (
        <StatusBadge
          tone={requestType.active ? 'done' : 'inactive'}
          label={
            requestType.active
              ? t('catalogue.requestTypes.status.active')
              : t('catalogue.requestTypes.status.inactive')
          }
          size="sm"
        />
      ),
      width: 110,
    },
    {
      id: 'definition',
      header: t('catalogue.requestTypes.summary.title'),
      cell: (requestType) => definitionSummary(requestType, t),
    },
    {
      id: 'updatedAt',
      header: t('common.updatedAt'),
      cell: (requestType) => <DateTime value={requestType.updatedAt} format="date" />,
    },
  ];

  const filtered = Boolean(search.q || search.serviceId || search.active);
  return (
    <>
      <PageHeader
        title={t('modules.requestTypes.label')}
        description={t('catalogue.requestTypes.description')}
        actions={
          manage && (
            <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={create.open}>
              {t('catalogue.requestTypes.create.open')}
            </Button>
          )
        }
      />
      <DataTable
        label={t('modules.requestTypes.label')}
        storageKey="catalogue-request-types"
        columns={columns}
        query={query}
        rowKey={(requestType) => requestType.id}
        onOpen={(requestType) => open(requestType.id)}
        toolbar={
          <>
            <SearchInput
              label={t('catalogue.requestTypes.search.label')}
              placeholder={t('catalogue.requestTypes.search.placeholder')}
              clearLabel={t('actions.clearSearch')}
              value={search.q ?? ''}
              onChange={(q) => setSearch({ q: q || undefined })}
            />
            <ServiceSelect
              label={t('catalogue.requestTypes.fields.serviceId')}
              aria-label={t('catalogue.requestTypes.fields.serviceId')}
              placeholder={t('catalogue.requestTypes.anyService')}
              value={search.serviceId ?? null}
              onChange={(serviceId) => setSearch({ serviceId: serviceId ?? undefined })}
              clearable
              w={240}
            />
            <Select
              aria-label={t('catalogue.requestTypes.fields.active')}
              placeholder={t('catalogue.requestTypes.anyStatus')}
              data={[
                { value: 'true', label: t('catalogue.requestTypes.status.active') },
                { value: 'false', label: t('catalogue.requestTypes.status.inactive') },
              ]}
              value={search.active ?? null}
              onChange={(active) =>
                setSearch({ active: (active as 'true' | 'false' | null) ?? undefined })
              }
              clearable
              w={150}
            />
          </>
        }
        empty={
          <EmptyState
            icon={<IconForms size={28} aria-hidden />}
            title={
              filtered
                ? t('catalogue.requestTypes.empty.filteredTitle')
                : t('catalogue.requestTypes.empty.title')
            }
            description={
              filtered
                ? t('catalogue.requestTypes.empty.filteredDescription')
                : t('catalogue.requestTypes.empty.description')
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
                  <Button onClick={create.open}>{t('catalogue.requestTypes.create.open')}</Button>
                )
              )}
            </EmptyState.Actions>
          </EmptyState>
        }
      />
      {manage && (
        <RequestTypeCreateDialog
          opened={createOpened}
          onClose={create.close}
          serviceId={search.serviceId}
          onCreated={(requestType) => open(requestType.id)}
        />
      )}
    </>
  );
}
