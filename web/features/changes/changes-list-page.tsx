import { Button, EmptyState, Group, Select, Text, Tooltip } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import {
  IconAlertTriangle,
  IconCalendarEvent,
  IconGitPullRequest,
  IconPlus,
} from '@tabler/icons-react';
import { useInfiniteQuery } from '@tanstack/react-query';
import { getRouteApi, Link, useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { type Column, DataTable } from '../../ui/data-table';
import { DateTime } from '../../ui/dates';
import { ExportMenu } from '../../ui/export-menu';
import { AnchorLink } from '../../ui/links';
import { PageHeader } from '../../ui/page';
import { usePermissions } from '../auth/session';
import { ServiceSelect } from '../catalogue/service-select';
import calendarClasses from '../change-calendar/calendar.module.css';
import {
  CHANGE_STATUSES,
  CHANGE_TYPES,
  type ChangeSummary,
  changesListQuery,
  RISK_LEVELS,
} from './api';
import { ChangeCreateDialog } from './change-create-dialog';
import { ChangeStatusBadge, ChangeTypeBadge, RiskBadge } from './labels';
import { ServiceNames } from './service-multi-select';

const route = getRouteApi('/app/changes');

export function ChangesListPage() {
  const { t } = useTranslation();
  const can = usePermissions();
  const search = route.useSearch();
  const navigate = useNavigate({ from: '/changes' });
  const [createOpened, create] = useDisclosure(false);
  const query = useInfiniteQuery(changesListQuery(search));
  const filtered = Boolean(search.status || search.type || search.serviceId || search.risk);
  const openChange = (id: string) =>
    void navigate({ to: '/changes/$changeId', params: { changeId: id } });
  const setFilter = (patch: Partial<typeof search>) =>
    void navigate({ search: (current) => ({ ...current, ...patch }), replace: true });

  const columns: Column<ChangeSummary>[] = [
    {
      id: 'number',
      header: t('changes.fields.number'),
      cell: (change) => (
        <AnchorLink to="/changes/$changeId" params={{ changeId: change.id }} fw={500} size="sm">
          {change.number}
        </AnchorLink>
      ),
    },
    { id: 'title', header: t('changes.fields.title'), cell: (change) => change.title, wrap: true },
    {
      id: 'type',
      header: t('changes.fields.type'),
      cell: (change) => <ChangeTypeBadge type={change.type} />,
    },
    {
      id: 'status',
      header: t('changes.fields.status'),
      cell: (change) => <ChangeStatusBadge status={change.status} closeCode={change.closeCode} />,
    },
    {
      id: 'risk',
      header: t('changes.fields.riskLevel'),
      cell: (change) => <RiskBadge level={change.riskLevel} />,
    },
    {
      id: 'services',
      header: t('changes.fields.serviceIds'),
      cell: (change) => <ServiceNames ids={change.serviceIds} />,
      maxWidth: '14rem',
    },
    {
      id: 'plannedStart',
      header: t('changes.fields.plannedStart'),
      cell: (change) => (
        <Group gap={4} wrap="nowrap">
          <DateTime value={change.plannedStart} />
          {change.hasConflicts && (
            <Tooltip label={t('changes.conflicts.flagged')}>
              <Text span className={calendarClasses.conflict} size="xs" fw={600}>
                <IconAlertTriangle size={14} aria-hidden style={{ verticalAlign: 'middle' }} />{' '}
                {t('changes.conflicts.short')}
              </Text>
            </Tooltip>
          )}
        </Group>
      ),
    },
    {
      id: 'approval',
      header: t('changes.fields.approval'),
      cell: (change) => t(`changes.approvalStates.${change.approval}`),
      defaultHidden: true,
    },
    {
      id: 'updatedAt',
      header: t('common.updatedAt'),
      cell: (change) => <DateTime value={change.updatedAt} format="relative" />,
      defaultHidden: true,
    },
  ];

  return (
    <>
      <PageHeader
        title={t('modules.changes.label')}
        description={t('changes.description')}
        actions={
          <>
            {/* The list's risk filter is riskLevel on the server. */}
            <ExportMenu
              path="/changes"
              filters={{ ...search, risk: undefined, riskLevel: search.risk }}
            />
            <Button
              component={Link}
              to="/changes/calendar"
              variant="default"
              leftSection={<IconCalendarEvent size={16} aria-hidden />}
            >
              {t('modules.changeCalendar.label')}
            </Button>
            {can('changes.submit') && (
              <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={create.open}>
                {t('changes.create.open')}
              </Button>
            )}
          </>
        }
      />
      <DataTable
        label={t('modules.changes.label')}
        storageKey="changes"
        columns={columns}
        query={query}
        rowKey={(change) => change.id}
        onOpen={(change) => openChange(change.id)}
        toolbar={
          <>
            <Select
              label={t('changes.fields.status')}
              placeholder={t('changes.filters.anyStatus')}
              data={CHANGE_STATUSES.map((status) => ({
                value: status,
                label: t(`changes.statuses.${status}`),
              }))}
              value={search.status ?? null}
              onChange={(value) => setFilter({ status: value ?? undefined })}
              clearable
              w={190}
            />
            <Select
              label={t('changes.fields.type')}
              placeholder={t('changes.filters.anyType')}
              data={CHANGE_TYPES.map((type) => ({
                value: type,
                label: t(`changes.types.${type}`),
              }))}
              value={search.type ?? null}
              onChange={(value) => setFilter({ type: value ?? undefined })}
              clearable
              w={170}
            />
            <ServiceSelect
              label={t('changes.fields.service')}
              placeholder={t('changes.filters.anyService')}
              value={search.serviceId ?? null}
              onChange={(value) => setFilter({ serviceId: value ?? undefined })}
              clearable
              w={200}
            />
            <Select
              label={t('changes.fields.riskLevel')}
              placeholder={t('changes.filters.anyRisk')}
              data={RISK_LEVELS.map((level) => ({
                value: level,
                label: t(`changes.risk.levels.${level}`),
              }))}
              value={search.risk ?? null}
              onChange={(value) => setFilter({ risk: value ?? undefined })}
              clearable
              w={150}
            />
          </>
        }
        empty={
          <EmptyState
            icon={<IconGitPullRequest size={28} aria-hidden />}
            title={filtered ? t('changes.empty.filteredTitle') : t('changes.empty.title')}
            description={t('changes.empty.description')}
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
                can('changes.submit') && (
                  <Button onClick={create.open}>{t('changes.create.open')}</Button>
                )
              )}
            </EmptyState.Actions>
          </EmptyState>
        }
      />
      {can('changes.submit') && (
        <ChangeCreateDialog
          opened={createOpened}
          onClose={create.close}
          onCreated={(change) => openChange(change.id)}
        />
      )}
    </>
  );
}
