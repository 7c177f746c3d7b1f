import {
  Badge,
  Box,
  Button,
  Card,
  EmptyState,
  Group,
  ScrollArea,
  SegmentedControl,
  Select,
  Skeleton,
  Stack,
  Switch,
  Text,
  Title,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconBulb, IconDownload, IconPlus } from '@tabler/icons-react';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { type Column, DataTable } from '../../ui/data-table';
import { ExportMenu } from '../../ui/export-menu';
import { AnchorLink } from '../../ui/links';
import { PageHeader } from '../../ui/page';
import { ProblemAlert } from '../../ui/problem';
import { usePermissions, useSession } from '../auth/session';
import { useDayFormat } from '../compliance/format';
import {
  IMPROVEMENT_SOURCES,
  IMPROVEMENT_STATUSES,
  type Improvement,
  type ImprovementFilters,
  type ImprovementSource,
  type ImprovementStatus,
  improvementsBoardQuery,
  improvementsListQuery,
  PLAYBOOK_URL,
} from './api';
import { ImprovementDialog } from './improvement-dialog';
import { ImprovementStatusBadge, OverdueFlag, PriorityBadge } from './labels';
import type { RegisterSearch } from './routes';

const route = getRouteApi('/app/improvements');

export function RegisterPage() {
  const { t } = useTranslation();
  const can = usePermissions();
  const { user } = useSession();
  const search = route.useSearch();
  const navigate = useNavigate({ from: '/improvements' });
  const [createOpened, create] = useDisclosure(false);
  const view = search.view ?? 'board';
  const filters: ImprovementFilters = {
    status: view === 'table' ? search.status : undefined,
    source: search.source,
    ownerId: search.mine ? user.id : undefined,
    overdue: search.overdue,
  };
  const setSearch = (next: Partial<RegisterSearch>) =>
    void navigate({ search: (prev) => ({ ...prev, ...next }), replace: true });
  const openImprovement = (id: string) =>
    void navigate({ to: '/improvements/$improvementId', params: { improvementId: id } });

  return (
    <>
      <PageHeader
        title={t('modules.improvements.label')}
        description={t('improvements.register.description')}
        actions={
          <>
            <ExportMenu path="/improvements" filters={{ ...filters }} />
            <Button
              variant="default"
              component="a"
              href={PLAYBOOK_URL}
              download
              leftSection={<IconDownload size={16} aria-hidden />}
            >
              {t('improvements.register.playbook')}
            </Button>
            {can('improvements.suggest') && (
              <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={create.open}>
                {t('improvements.create.open')}
              </Button>
            )}
          </>
        }
      />
      <Group gap="sm" align="flex-end" mb="md" wrap="wrap">
        <SegmentedControl
          aria-label={t('improvements.register.view')}
          value={view}
          onChange={(value) => setSearch({ view: value === 'table' ? 'table' : undefined })}
          data={[
            { value: 'board', label: t('improvements.register.board') },
            { value: 'table', label: t('improvements.register.table') },
          ]}
        />
        {view === 'table' && (
          <Select
            label={t('improvements.fields.status')}
            placeholder={t('improvements.register.anyStatus')}
            data={IMPROVEMENT_STATUSES.map((value) => ({
              value,
              label: t(`improvements.statuses.${value}`),
            }))}
            value={search.status ?? null}
            onChange={(value) =>
              setSearch({ status: (value as ImprovementStatus | null) ?? undefined })
            }
            clearable
            w={180}
          />
        )}
        <Select
          label={t('improvements.fields.source')}
          placeholder={t('improvements.register.anySource')}
          data={IMPROVEMENT_SOURCES.map((value) => ({
            value,
            label: t(`improvements.sources.${value}`),
          }))}
          value={search.source ?? null}
          onChange={(value) =>
            setSearch({ source: (value as ImprovementSource | null) ?? undefined })
          }
          clearable
          w={200}
        />
        <Switch
          label={t('improvements.register.mine')}
          checked={!!search.mine}
          onChange={(event) => setSearch({ mine: event.currentTarget.checked || undefined })}
          mb={8}
        />
        <Switch
          label={t('improvements.register.overdueOnly')}
          checked={!!search.overdue}
          onChange={(event) => setSearch({ overdue: event.currentTarget.checked || undefined })}
          mb={8}
        />
      </Group>
      {view === 'board' ? (
        <RegisterBoard filters={filters} />
      ) : (
        <RegisterTable
          filters={filters}
          filtered={Boolean(search.status || search.source || search.mine || search.overdue)}
          onOpen={openImprovement}
          onClear={() => void navigate({ search: { view: 'table' }, replace: true })}
        />
      )}
      {can('improvements.suggest') && (
        <ImprovementDialog
          opened={createOpened}
          onClose={create.close}
          onCreated={(created) => openImprovement(created.id)}
        />
      )}
    </>
  );
}

function RegisterTable(props: {
  filters: ImprovementFilters;
  filtered: boolean;
  onOpen: (id: string) => void;
  onClear: () => void;
}) {
  const { t } = useTranslation();
  const day = useDayFormat();
  const query = useInfiniteQuery(improvementsListQuery(props.filters));
  const columns: Column<Improvement>[] = [
    {
      id: 'number',
      header: t('improvements.fields.number'),
      cell: (i) => (
        <AnchorLink
          to="/improvements/$improvementId"
          params={{ improvementId: i.id }}
          fw={500}
          size="sm"
        >
          {i.number}
        </AnchorLink>
      ),
    },
    { id: 'title', header: t('improvements.fields.title'), cell: (i) => i.title, wrap: true },
    {
      id: 'priority',
      header: t('improvements.priority.label'),
      cell: (i) => <PriorityBadge priority={i.priority} />,
    },
    {
      id: 'status',
      header: t('improvements.fields.status'),
      cell: (i) => <ImprovementStatusBadge status={i.status} />,
    },
    {
      id: 'source',
      header: t('improvements.fields.source'),
      cell: (i) => t(`improvements.sources.${i.source}`),
    },
    {
      id: 'owner',
      header: t('improvements.fields.ownerId'),
      cell: (i) => i.ownerName ?? '—',
    },
    {
      id: 'target',
      header: t('improvements.fields.targetDate'),
      cell: (i) => (
        <Group gap={6} wrap="nowrap">
          <span>{day(i.targetDate)}</span>
          <OverdueFlag overdue={i.overdue} />
        </Group>
      ),
    },
  ];
  return (
    <DataTable
      label={t('modules.improvements.label')}
      storageKey="improvements"
      columns={columns}
      query={query}
      rowKey={(i) => i.id}
      onOpen={(i) => props.onOpen(i.id)}
      empty={
        <EmptyState
          icon={<IconBulb size={28} aria-hidden />}
          title={
            props.filtered ? t('improvements.empty.filteredTitle') : t('improvements.empty.title')
          }
          description={t('improvements.empty.description')}
          withIndicatorBackground
        >
          {props.filtered && (
            <EmptyState.Actions>
              <Button variant="default" onClick={props.onClear}>
                {t('actions.clearFilters')}
              </Button>
            </EmptyState.Actions>
          )}
        </EmptyState>
      }
    />
  );
}

function RegisterBoard({ filters }: { filters: ImprovementFilters }) {
  const { t } = useTranslation();
  const query = useQuery(improvementsBoardQuery(filters));
  if (query.isError)
    return <ProblemAlert error={query.error} onRetry={() => void query.refetch()} />;
  const items = query.data?.items ?? [];
  return (
    <ScrollArea
      type="auto"
      offsetScrollbars
      // The board scrolls sideways on narrow screens: reachable with the keyboard too.
      viewportProps={{ tabIndex: 0, 'aria-label': t('improvements.register.board') }}
    >
      <Group align="flex-start" gap="sm" wrap="nowrap" pb="sm">
        {IMPROVEMENT_STATUSES.map((status) => {
          const column = items.filter((i) => i.status === status);
          return (
            <Box
              key={status}
              component="section"
              aria-labelledby={`improvement-column-${status}`}
              miw={170}
              p="xs"
              style={{
                flex: '1 1 0',
                background: 'var(--mantine-color-default-hover)',
                borderRadius: 'var(--mantine-radius-sm)',
              }}
            >
              <Group justify="space-between" mb="xs" gap={4}>
                <Title order={2} fz="sm" id={`improvement-column-${status}`}>
                  {t(`improvements.statuses.${status}`)}
                </Title>
                <Badge
                  size="sm"
                  variant="default"
                  aria-label={t('improvements.register.count', { count: column.length })}
                >
                  {column.length}
                </Badge>
              </Group>
              <Stack gap="xs">
                {query.isPending ? (
                  <Skeleton h={120} radius="sm" />
                ) : column.length === 0 ? (
                  <Text size="xs" c="dimmed" ta="center" py="md">
                    {t('improvements.register.emptyColumn')}
                  </Text>
                ) : (
                  column.map((item) => <BoardCard key={item.id} item={item} />)
                )}
              </Stack>
            </Box>
          );
        })}
      </Group>
    </ScrollArea>
  );
}

function BoardCard({ item }: { item: Improvement }) {
  const { t } = useTranslation();
  const day = useDayFormat();
  return (
    <Card withBorder padding="xs" radius="sm" component="article" aria-label={item.number}>
      <Stack gap={6}>
        <Group justify="space-between" gap={4} wrap="wrap">
          <AnchorLink
            to="/improvements/$improvementId"
            params={{ improvementId: item.id }}
            fw={600}
            size="sm"
          >
            {item.number}
          </AnchorLink>
          <PriorityBadge priority={item.priority} size="xs" />
        </Group>
        <Text size="sm" fw={500} lineClamp={3}>
          {item.title}
        </Text>
        <Text size="xs" c="dimmed">
          {t(`improvements.sources.${item.source}`)}
          {item.sourceLabel ? ` · ${item.sourceLabel}` : ''}
        </Text>
        <Text size="xs">{item.ownerName ?? t('improvements.unassigned')}</Text>
        {item.targetDate && (
          <Group gap={6}>
            <Text size="xs" c="dimmed">
              {t('improvements.targetOn', { date: day(item.targetDate) })}
            </Text>
            <OverdueFlag overdue={item.overdue} />
          </Group>
        )}
      </Stack>
    </Card>
  );
}
