import { Badge, Button, Card, EmptyState, Group, Loader, Stack, Text } from '@mantine/core';
import { IconBulb } from '@tabler/icons-react';
import { useInfiniteQuery } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { DateTime } from '../../ui/dates';
import { ExportMenu } from '../../ui/export-menu';
import { AnchorLink } from '../../ui/links';
import { PageHeader } from '../../ui/page';
import { ProblemAlert } from '../../ui/problem';
import { SearchInput } from '../../ui/search-input';
import { ServiceName, ServiceSelect } from '../catalogue/service-select';
import { knownErrorsQuery } from './api';
import type { KnownErrorsSearch } from './routes';

const route = getRouteApi('/app/known-errors');

/**
 * The known-error database: what the desk searches when an incident looks familiar. Each result
 * shows its workaround in full, so the agent can apply it without opening the problem.
 */
export function KnownErrorsPage() {
  const { t } = useTranslation();
  const search = route.useSearch();
  const navigate = useNavigate({ from: '/known-errors' });
  const query = useInfiniteQuery(knownErrorsQuery(search));
  const setSearch = (next: Partial<KnownErrorsSearch>) =>
    void navigate({ search: (prev) => ({ ...prev, ...next }), replace: true });
  const items = query.data?.pages.flatMap((page) => page.items) ?? [];
  const filtered = Boolean(search.q || search.serviceId);

  return (
    <>
      <PageHeader
        title={t('modules.knownErrors.label')}
        description={t('problems.knownErrors.description')}
        actions={
          <ExportMenu path="/known-errors" filters={{ q: search.q, serviceId: search.serviceId }} />
        }
      />
      <Stack gap="md">
        <Group gap="sm" align="flex-end">
          <SearchInput
            label={t('problems.knownErrors.searchLabel')}
            placeholder={t('problems.knownErrors.searchPlaceholder')}
            clearLabel={t('actions.clearSearch')}
            value={search.q ?? ''}
            onChange={(q) => setSearch({ q: q || undefined })}
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
        </Group>
        {query.isPending && <Loader size="sm" aria-label={t('common.loading')} />}
        {query.isError && <ProblemAlert error={query.error} onRetry={() => void query.refetch()} />}
        {query.isSuccess && items.length === 0 && (
          <EmptyState
            icon={<IconBulb size={28} aria-hidden />}
            title={
              filtered ? t('problems.knownErrors.noMatch') : t('problems.knownErrors.emptyTitle')
            }
            description={t('problems.knownErrors.emptyDescription')}
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
        )}
        <Stack gap="sm" component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
          {items.map((ke) => (
            <Card key={ke.id} component="li" withBorder padding="md" radius="sm">
              <Stack gap={6}>
                <Group gap="xs" justify="space-between" wrap="nowrap">
                  <Group gap="xs" style={{ minWidth: 0 }}>
                    <AnchorLink
                      to="/problems/$problemId"
                      params={{ problemId: ke.id }}
                      fw={600}
                      ff="monospace"
                    >
                      {ke.number}
                    </AnchorLink>
                    <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
                      {ke.title}
                    </Text>
                  </Group>
                  <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                    {t('problems.knownErrors.since')}{' '}
                    <DateTime value={ke.knownErrorAt} format="date" />
                  </Text>
                </Group>
                <Group gap={4}>
                  {ke.serviceIds.map((id) => (
                    <Badge key={id} variant="light" color="gray" size="sm" tt="none">
                      <ServiceName id={id} />
                    </Badge>
                  ))}
                  <Text size="xs" c="dimmed">
                    {t('problems.incidentCount', { count: ke.incidentCount })}
                  </Text>
                </Group>
                <Text size="sm" fw={600} mt={4}>
                  {t('problems.fields.workaround')}
                </Text>
                <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                  {ke.workaround}
                </Text>
                <Text size="sm" fw={600} mt={4}>
                  {t('problems.fields.rootCause')}
                </Text>
                <Text size="sm" c="dimmed" style={{ whiteSpace: 'pre-wrap' }} lineClamp={3}>
                  {ke.rootCause}
                </Text>
              </Stack>
            </Card>
          ))}
        </Stack>
        {query.hasNextPage && (
          <Button
            variant="default"
            w="fit-content"
            loading={query.isFetchingNextPage}
            onClick={() => void query.fetchNextPage()}
          >
            {t('problems.knownErrors.more')}
          </Button>
        )}
      </Stack>
    </>
  );
}
