import { Button, EmptyState, Text } from '@mantine/core';
import { IconPlus, IconTargetArrow } from '@tabler/icons-react';
import { useInfiniteQuery } from '@tanstack/react-query';
import { getRouteApi, Link, useNavigate } from '@tanstack/react-router';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { SlaPolicy, SlaPolicyConditions } from '../../api/types';
import { type Column, DataTable } from '../../ui/data-table';
import { DateTime } from '../../ui/dates';
import { AnchorLink } from '../../ui/links';
import { PageHeader } from '../../ui/page';
import { SearchInput } from '../../ui/search-input';
import { StatusBadge } from '../../ui/status-badge';
import { usePermissions } from '../auth/session';
import { CalendarName } from '../sla-calendars/calendar-select';
import { policiesTableQuery } from './api';
import { useTargetText } from './policy-editor';

const route = getRouteApi('/app/sla/policies');

/** "Incidents · P1, P2 · 2 organisations", or "Every ticket". */
export function conditionsSummary(conditions: SlaPolicyConditions, t: TFunction): string {
  const { ticketTypes, priorities, organisations, services } = conditions;
  const parts: string[] = [];
  if (ticketTypes?.length) {
    parts.push(ticketTypes.map((type) => t(`sla.ticketTypes.${type}`)).join(', '));
  }
  if (priorities?.length) parts.push(priorities.join(', '));
  if (organisations?.length) {
    parts.push(t('policies.conditions.organisationCount', { count: organisations.length }));
  }
  if (services?.length) {
    parts.push(t('policies.conditions.serviceCount', { count: services.length }));
  }
  return parts.length ? parts.join(' · ') : t('policies.conditions.any');
}

export function PoliciesListPage() {
  const { t } = useTranslation();
  const can = usePermissions();
  const search = route.useSearch();
  const navigate = useNavigate({ from: '/sla/policies' });
  const targetText = useTargetText();
  const q = search.q?.toLowerCase();
  const query = useInfiniteQuery({
    ...policiesTableQuery(),
    select: (data) =>
      q
        ? {
            ...data,
            pages: data.pages.map((page) => ({
              ...page,
              items: page.items.filter((policy) => policy.name.toLowerCase().includes(q)),
            })),
          }
        : data,
  });
  const manage = can('sla.manage');

  const openPolicy = (id: string) =>
    void navigate({ to: '/sla/policies/$policyId', params: { policyId: id } });

  const columns: Column<SlaPolicy>[] = [
    {
      id: 'order',
      header: t('policies.fields.order'),
      cell: (policy) => policy.order,
      width: 70,
    },
    {
      id: 'name',
      header: t('policies.fields.name'),
      hideable: false,
      cell: (policy) => (
        <AnchorLink
          to="/sla/policies/$policyId"
          params={{ policyId: policy.id }}
          fw={500}
          size="sm"
        >
          {policy.name}
        </AnchorLink>
      ),
    },
    {
      id: 'active',
      header: t('policies.fields.active'),
      cell: (policy) =>
        policy.active ? (
          <StatusBadge tone="done" label={t('policies.status.active')} size="sm" />
        ) : (
          <StatusBadge tone="inactive" label={t('policies.status.inactive')} size="sm" />
        ),
    },
    {
      id: 'calendar',
      header: t('policies.fields.calendarId'),
      cell: (policy) => <CalendarName id={policy.calendarId} />,
    },
    {
      id: 'conditions',
      header: t('policies.fields.conditions'),
      cell: (policy) => conditionsSummary(policy.conditions, t),
      wrap: true,
    },
    {
      id: 'p1',
      header: t('policies.fields.p1Targets'),
      cell: (policy) => (
        <Text
          span
          size="sm"
          style={{ fontVariantNumeric: 'tabular-nums' }}
          title={`${t('sla.clocks.first_response')} / ${t('sla.clocks.resolution')}`}
        >
          {targetText(policy.targets.first_response.P1)} /{' '}
          {targetText(policy.targets.resolution.P1)}
        </Text>
      ),
    },
    {
      id: 'updatedAt',
      header: t('common.updatedAt'),
      cell: (policy) => <DateTime value={policy.updatedAt} format="date" />,
      defaultHidden: true,
    },
  ];

  return (
    <>
      <PageHeader
        title={t('modules.slaPolicies.label')}
        description={t('policies.description')}
        actions={
          manage && (
            <Button
              component={Link}
              to="/sla/policies/new"
              leftSection={<IconPlus size={16} aria-hidden />}
            >
              {t('policies.create.open')}
            </Button>
          )
        }
      />
      <DataTable
        label={t('modules.slaPolicies.label')}
        storageKey="sla-policies"
        columns={columns}
        query={query}
        rowKey={(policy) => policy.id}
        onOpen={(policy) => openPolicy(policy.id)}
        toolbar={
          <SearchInput
            label={t('policies.search.label')}
            placeholder={t('policies.search.placeholder')}
            clearLabel={t('actions.clearSearch')}
            value={search.q ?? ''}
            onChange={(next) => void navigate({ search: { q: next || undefined }, replace: true })}
          />
        }
        empty={
          <EmptyState
            icon={<IconTargetArrow size={28} aria-hidden />}
            title={q ? t('policies.empty.filteredTitle') : t('policies.empty.title')}
            description={
              q ? t('policies.empty.filteredDescription') : t('policies.empty.description')
            }
            withIndicatorBackground
          >
            <EmptyState.Actions>
              {q ? (
                <Button
                  variant="default"
                  onClick={() => void navigate({ search: {}, replace: true })}
                >
                  {t('actions.clearFilters')}
                </Button>
              ) : (
                manage && (
                  <Button component={Link} to="/sla/policies/new">
                    {t('policies.create.open')}
                  </Button>
                )
              )}
            </EmptyState.Actions>
          </EmptyState>
        }
      />
    </>
  );
}
