import { Badge, Button, EmptyState, Group, Select } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconBug, IconChartBar, IconPlus } from '@tabler/icons-react';
import { useInfiniteQuery } from '@tanstack/react-query';
import { getRouteApi, Link, useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { type Column, DataTable } from '../../ui/data-table';
import { DateTime } from '../../ui/dates';
import { ExportMenu } from '../../ui/export-menu';
import { AnchorLink } from '../../ui/links';
import { PageHeader } from '../../ui/page';
import { SearchInput } from '../../ui/search-input';
import { usePermissions } from '../auth/session';
import { GroupName } from '../catalogue/group-select';
import { ServiceName, ServiceSelect } from '../catalogue/service-select';
import { PROBLEM_STATUSES, type Problem, type ProblemStatus, problemsListQuery } from './api';
import { ProblemCreateDialog } from './problem-create-dialog';
import { ProblemStatusBadge } from './problem-status';
import type { ProblemsSearch } from './routes';

const route = getRouteApi('/app/problems');

export function ProblemsListPage() {
  const { t } = useTranslation();
  const can = usePermissions();
  const search = route.useSearch();
  const navigate = useNavigate({ from: '/problems' });
  const [createOpened, create] = useDisclosure(false);
  const query = useInfiniteQuery(problemsListQuery(search));
  const filtered = Boolean(search.status || search.serviceId || search.q);
  const setSearch = (next: Partial<ProblemsSearch>) =>
    void navigate({ search: (prev) => ({ ...prev, ...next }), replace: true });
  const openProblem = (id: string) =>
    void navigate({ to: '/problems/$problemId', params: { problemId: id } });

  const columns: Column<Problem>[] = [
    {
      id: 'number',
      header: t('problems.fields.number'),
      cell: (p) => (
        <AnchorLink to="/problems/$problemId" params={{ problemId: p.id }} fw={500} size="sm">
          {p.number}
        </AnchorLink>
      ),
    },
    { id: 'title', header: t('problems.fields.title'), cell: (p) => p.title, wrap: true },
    {
      id: 'status',
      header: t('problems.fields.status'),
      cell: (p) => <ProblemStatusBadge status={p.status} />,
    },
    {
      id: 'services',
      header: t('problems.fields.services'),
      cell: (p) =>
        p.serviceIds.length ? (
          <Group gap={4}>
            {p.serviceIds.map((id) => (
              <Badge key={id} variant="light" color="gray" size="sm" tt="none">
                <ServiceName id={id} />
              </Badge>
            ))}
          </Group>
        ) : (
          '—'
        ),
    },
    {
      id: 'incidents',
      header: t('problems.fields.incidentCount'),
      cell: (p) => p.incidentCount,
    },
    {
      id: 'group',
      header: t('problems.fields.ownerGroupId'),
      cell: (p) => (p.ownerGroupId ? <GroupName id={p.ownerGroupId} /> : '—'),
      defaultHidden: false,
    },
    {
      id: 'createdAt',
      header: t('common.createdAt'),
      cell: (p) => <DateTime value={p.createdAt} format="date" />,
    },
  ];

  return (
    <>
      <PageHeader
        title={t('modules.problems.label')}
        description={t('problems.description')}
        actions={
          <Group gap="xs">
            <ExportMenu path="/problems" filters={{ ...search }} />
            <Button
              variant="default"
              component={Link}
              to="/problems/trends"
              leftSection={<IconChartBar size={16} aria-hidden />}
            >
              {t('problems.trends.open')}
            </Button>
            {can('problems.work') && (
              <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={create.open}>
                {t('problems.create.open')}
              </Button>
            )}
          </Group>
        }
      />
      <DataTable
        label={t('modules.problems.label')}
        storageKey="problems"
        columns={columns}
        query={query}
        rowKey={(p) => p.id}
        onOpen={(p) => openProblem(p.id)}
        toolbar={
          <>
            <SearchInput
              label={t('problems.search.label')}
              placeholder={t('problems.search.placeholder')}
              clearLabel={t('actions.clearSearch')}
              value={search.q ?? ''}
              onChange={(q) => setSearch({ q: q || undefined })}
            />
            <Select
              aria-label={t('problems.fields.status')}
              placeholder={t('problems.filters.anyStatus')}
              data={PROBLEM_STATUSES.map((status) => ({
                value: status,
                label: t(`problems.statuses.${status}`),
              }))}
              value={search.status ?? null}
              onChange={(value) => setSearch({ status: (value as ProblemStatus) ?? undefined })}
              clearable
              w={200}
            />
            <ServiceSelect
              label={t('problems.fields.services')}
              aria-label={t('problems.filters.service')}
              placeholder={t('problems.filters.anyService')}
              value={search.serviceId ?? null}
              onChange={(value) => setSearch({ serviceId: value ?? undefined })}
              clearable
              w={220}
            />
          </>
        }
        empty={
          <EmptyState
            icon={<IconBug size={28} aria-hidden />}
            title={filtered ? t('problems.empty.filteredTitle') : t('problems.empty.title')}
            description={t('problems.empty.description')}
            withIndicatorBackground
          >
            {filtered && (
              <EmptyState.Actions>
                <Button
                  variant="default"
                  onClick={() => void navigate({ search: {}, replace: true })}
                >
                  {t('actions.clearFilters')}
                </Button>
              </EmptyState.Actions>
            )}
          </EmptyState>
        }
      />
      {can('problems.work') && (
        <ProblemCreateDialog
          opened={createOpened}
          onClose={create.close}
          onCreated={(p) => openProblem(p.id)}
        />
      )}
    </>
  );
}
