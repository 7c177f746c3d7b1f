import {
  Button,
  Checkbox,
  EmptyState,
  Group,
  Menu,
  Modal,
  MultiSelect,
  ScrollArea,
  SegmentedControl,
  Select,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { useDisclosure, useInterval } from '@mantine/hooks';
import {
  IconBookmark,
  IconBookmarkPlus,
  IconChevronDown,
  IconInbox,
  IconPlus,
  IconProgress,
  IconSearch,
  IconTrash,
  IconUserCheck,
  IconUserShare,
  IconUsersGroup,
} from '@tabler/icons-react';
import { useInfiniteQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { type Column, DataTable } from '../../ui/data-table';
import { DateTime } from '../../ui/dates';
import { ExportMenu } from '../../ui/export-menu';
import { AnchorLink } from '../../ui/links';
import { notify } from '../../ui/notify';
import { PageHeader } from '../../ui/page';
import { SearchInput } from '../../ui/search-input';
import { usePermissions, useSession } from '../auth/session';
import { ServiceSelect } from '../catalogue/service-select';
import {
  type BulkResult,
  bulkChange,
  PRIORITIES,
  type Priority,
  QUEUES,
  type Queue,
  type QueueSort,
  queueQuery,
  type SearchHit,
  SORTS,
  STATUSES,
  type Status,
  TICKET_TYPES,
  type TicketSummary,
  type TicketType,
  ticketsKeys,
} from './api';
import { BulkDialog, type BulkMode } from './bulk-dialog';
import {
  MajorIncidentIcon,
  PriorityBadge,
  priorityLabel,
  statusLabel,
  TicketStatus,
  typeLabel,
} from './labels';
import { GroupFilter } from './pickers';
import { useSavedViews } from './saved-views';
import { DEFAULT_QUEUE, type DeskSearch, hasFilters, toFilters } from './search';
import { QueueSla } from './sla';
import { TicketCreateDialog } from './ticket-create-dialog';

const route = getRouteApi('/app/desk');

/** Re-render the SLA column every minute so "due in" stays true. */
function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  const interval = useInterval(() => setNow(Date.now()), 60_000);
  // biome-ignore lint/correctness/useExhaustiveDependencies: start once
  useEffect(() => {
    interval.start();
    return interval.stop;
  }, []);
  return now;
}

export function QueuePage() {
  const { t } = useTranslation();
  const can = usePermissions();
  const session = useSession();
  const search = route.useSearch();
  const navigate = useNavigate({ from: '/desk' });
  const queryClient = useQueryClient();
  const [createOpened, create] = useDisclosure(false);
  const [saveOpened, saveDialog] = useDisclosure(false);
  const [bulkMode, setBulkMode] = useState<BulkMode | null>(null);
  const [selected, setSelected] = useState<Map<string, string>>(new Map());
  const saved = useSavedViews();
  const now = useNow();
  const work = can('tickets.work');
  const filters = toFilters(search);
  const queue = useInfiniteQuery(queueQuery(filters));
  const q = search.q ?? '';
  const searching = q.length > 0;
  const hits = useInfiniteQuery({
    queryKey: [...ticketsKeys.search(q), 'page'],
    queryFn: async ({ signal }) => ({
      items: await api.get<SearchHit[]>('/api/v1/tickets/search', {
        query: { q, limit: 50 },
        signal,
      }),
      nextCursor: null as string | null,
    }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: () => undefined,
    enabled: searching,
  });

  const rows = useMemo(() => queue.data?.pages.flatMap((page) => page.items) ?? [], [queue.data]);
  // A new queue or filter starts the selection over.
  const filterKey = JSON.stringify(filters);
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset when the list changes
  useEffect(() => setSelected(new Map()), [filterKey]);

  const setSearch = (patch: Partial<DeskSearch>) =>
    void navigate({ search: (previous) => ({ ...previous, ...patch }), replace: true });

  const openTicket = (number: string) =>
    void navigate({ to: '/desk/tickets/$id', params: { id: number } });

  const toggle = (ticket: TicketSummary, on: boolean) =>
    setSelected((current) => {
      const next = new Map(current);
      if (on) next.set(ticket.id, ticket.number);
      else next.delete(ticket.id);
      return next;
    });
  const allSelected = rows.length > 0 && rows.every((row) => selected.has(row.id));
  const someSelected = selected.size > 0 && !allSelected;
  const selectedTickets = [...selected.entries()].map(([id, number]) => ({ id, number }));

  const afterBulk = (results: BulkResult) => {
    const ok = results.filter((result) => result.ok).length;
    if (ok > 0) notify({ color: 'green', message: t('desk.bulk.done', { count: ok }) });
    void queryClient.invalidateQueries({ queryKey: ticketsKeys.all });
    setSelected(
      (current) =>
        new Map([...current].filter(([id]) => results.some((r) => r.id === id && !r.ok))),
    );
  };

  const assignToMe = async () => {
    try {
      const results = await bulkChange(
        selectedTickets.map((ticket) => ticket.id),
        { assigneeId: session.user.id },
      );
      afterBulk(results);
      const failed = results.filter((result) => !result.ok);
      if (failed.length)
        notify({
          color: 'red',
          title: t('desk.bulk.failed', { count: failed.length }),
          message: failed
            .map((result) => `${selected.get(result.id) ?? result.id}: ${result.error ?? ''}`)
            .join('\n'),
        });
    } catch {
      notify({ color: 'red', message: t('errors.unexpected') });
    }
  };

  const columns: Column<TicketSummary>[] = [
    {
      id: 'number',
      header: t('desk.fields.number'),
      hideable: false,
      cell: (ticket) => (
        <Group gap={8} wrap="nowrap">
          {work && (
            <Checkbox
              aria-label={t('desk.select.one', { number: ticket.number })}
              checked={selected.has(ticket.id)}
              onChange={(event) => toggle(ticket, event.currentTarget.checked)}
              size="xs"
            />
          )}
          <AnchorLink
            to="/desk/tickets/$id"
            params={{ id: ticket.number }}
            fw={500}
            size="sm"
            ff="monospace"
          >
            {ticket.number}
          </AnchorLink>
        </Group>
      ),
    },
    {
      id: 'title',
      header: t('desk.fields.title'),
      hideable: false,
      maxWidth: '16rem',
      cell: (ticket) => (
        <Group gap={6} wrap="nowrap">
          {ticket.majorIncident && <MajorIncidentIcon />}
          <span title={ticket.title}>{ticket.title}</span>
        </Group>
      ),
    },
    {
      id: 'priority',
      header: t('desk.fields.priority'),
      cell: (ticket) => <PriorityBadge priority={ticket.priority} size="sm" />,
    },
    {
      id: 'status',
      header: t('desk.fields.status'),
      maxWidth: '14rem',
      cell: (ticket) => (
        <TicketStatus status={ticket.status} holdReason={ticket.holdReason} size="sm" />
      ),
    },
    {
      id: 'requester',
      header: t('desk.fields.requester'),
      maxWidth: '8rem',
      cell: (ticket) => <span title={ticket.requesterName}>{ticket.requesterName}</span>,
    },
    {
      id: 'service',
      header: t('desk.fields.service'),
      defaultHidden: true,
      maxWidth: '8rem',
      cell: (ticket) => ticket.serviceName ?? '—',
    },
    {
      id: 'group',
      header: t('desk.fields.group'),
      defaultHidden: true,
      maxWidth: '8rem',
      cell: (ticket) => ticket.groupName ?? '—',
    },
    {
      id: 'assignee',
      header: t('desk.fields.assignee'),
      maxWidth: '8rem',
      cell: (ticket) =>
        ticket.assigneeName ?? (
          <Text span size="sm" c="dimmed">
            {t('desk.unassigned')}
          </Text>
        ),
    },
    {
      id: 'sla',
      header: t('desk.fields.sla'),
      cell: (ticket) => <QueueSla sla={ticket.sla} now={now} />,
    },
    {
      id: 'type',
      header: t('desk.fields.type'),
      defaultHidden: true,
      cell: (ticket) => typeLabel(t, ticket.type),
    },
    {
      id: 'updated',
      header: t('common.updatedAt'),
      defaultHidden: true,
      cell: (ticket) => <DateTime value={ticket.updatedAt} format="relative" />,
    },
    {
      id: 'created',
      header: t('common.createdAt'),
      defaultHidden: true,
      cell: (ticket) => <DateTime value={ticket.createdAt} />,
    },
  ];

  const hitColumns: Column<SearchHit>[] = [
    {
      id: 'number',
      header: t('desk.fields.number'),
      cell: (hit) => (
        <AnchorLink
          to="/desk/tickets/$id"
          params={{ id: hit.number }}
          fw={500}
          size="sm"
          ff="monospace"
        >
          {hit.number}
        </AnchorLink>
      ),
    },
    {
      id: 'title',
      header: t('desk.fields.title'),
      hideable: false,
      maxWidth: '32rem',
      cell: (hit) => <span title={hit.title}>{hit.title}</span>,
    },
    {
      id: 'type',
      header: t('desk.fields.type'),
      cell: (hit) => typeLabel(t, hit.type),
    },
    {
      id: 'priority',
      header: t('desk.fields.priority'),
      cell: (hit) => <PriorityBadge priority={hit.priority} />,
    },
    {
      id: 'status',
      header: t('desk.fields.status'),
      cell: (hit) => <TicketStatus status={hit.status} />,
    },
    {
      id: 'updated',
      header: t('common.updatedAt'),
      cell: (hit) => <DateTime value={hit.updatedAt} format="relative" />,
    },
  ];

  const searchBox = (
    <SearchInput
      label={t('desk.search.label')}
      placeholder={t('desk.search.placeholder')}
      clearLabel={t('actions.clearSearch')}
      value={q}
      onChange={(value) => setSearch({ q: value || undefined })}
    />
  );

  const filterBar = (
    <Group gap="sm" align="flex-end" wrap="wrap">
      {searchBox}
      {!searching && (
        <>
          <MultiSelect
            aria-label={t('desk.fields.status')}
            placeholder={search.status?.length ? undefined : t('desk.filters.anyStatus')}
            data={STATUSES.map((value) => ({ value, label: statusLabel(t, value) }))}
            value={search.status ?? []}
            onChange={(value) =>
              setSearch({ status: value.length ? (value as Status[]) : undefined })
            }
            clearable
            w={200}
            maxDropdownHeight={280}
          />
          <MultiSelect
            aria-label={t('desk.fields.priority')}
            placeholder={search.priority?.length ? undefined : t('desk.filters.anyPriority')}
            data={PRIORITIES.map((value) => ({
              value,
              label: `${value} · ${priorityLabel(t, value)}`,
            }))}
            value={search.priority ?? []}
            onChange={(value) =>
              setSearch({ priority: value.length ? (value as Priority[]) : undefined })
            }
            clearable
            w={170}
          />
          <Select
            aria-label={t('desk.fields.type')}
            placeholder={t('desk.filters.anyType')}
            data={TICKET_TYPES.map((value) => ({ value, label: typeLabel(t, value) }))}
            value={search.type ?? null}
            onChange={(value) => setSearch({ type: (value as TicketType | null) ?? undefined })}
            clearable
            w={140}
          />
          <ServiceSelect
            label={t('desk.fields.service')}
            aria-label={t('desk.fields.service')}
            placeholder={t('desk.filters.anyService')}
            value={search.serviceId ?? null}
            onChange={(value) => setSearch({ serviceId: value ?? undefined })}
            clearable
            w={170}
          />
          <GroupFilter value={search.groupId} onChange={(groupId) => setSearch({ groupId })} />
          <Select
            aria-label={t('desk.sort.label')}
            data={SORTS.map((value) => ({ value, label: t(`desk.sort.${value}`) }))}
            value={search.queue === 'breaching' ? 'due' : (search.sort ?? 'updated')}
            onChange={(value) => setSearch({ sort: (value as QueueSort | null) ?? undefined })}
            allowDeselect={false}
            disabled={search.queue === 'breaching'}
            w={170}
          />
        </>
      )}
    </Group>
  );

  const bulkBar = work && rows.length > 0 && (
    <Group gap="xs" wrap="wrap" role="group" aria-label={t('desk.bulk.label')} mih={30}>
      <Checkbox
        label={
          selected.size > 0
            ? t('desk.bulk.selected', { count: selected.size })
            : t('desk.select.all', { count: rows.length })
        }
        checked={allSelected}
        indeterminate={someSelected}
        onChange={(event) =>
          setSelected(
            event.currentTarget.checked
              ? new Map(rows.map((row) => [row.id, row.number]))
              : new Map(),
          )
        }
        size="xs"
        mr="xs"
      />
      {selected.size > 0 && (
        <>
          <Button
            size="xs"
            variant="default"
            leftSection={<IconUserCheck size={14} aria-hidden />}
            onClick={() => void assignToMe()}
          >
            {t('desk.actions.assignToMe')}
          </Button>
          <Button
            size="xs"
            variant="default"
            leftSection={<IconUserShare size={14} aria-hidden />}
            onClick={() => setBulkMode('assign')}
          >
            {t('desk.bulk.assign')}
          </Button>
          <Button
            size="xs"
            variant="default"
            leftSection={<IconUsersGroup size={14} aria-hidden />}
            onClick={() => setBulkMode('group')}
          >
            {t('desk.bulk.group')}
          </Button>
          <Button
            size="xs"
            variant="default"
            leftSection={<IconProgress size={14} aria-hidden />}
            onClick={() => setBulkMode('status')}
          >
            {t('desk.bulk.status')}
          </Button>
          <Button size="xs" variant="subtle" onClick={() => setSelected(new Map())}>
            {t('desk.bulk.clear')}
          </Button>
        </>
      )}
    </Group>
  );

  const emptyQueue = (
    <EmptyState
      icon={<IconInbox size={28} aria-hidden />}
      title={hasFilters(search) ? t('desk.empty.filteredTitle') : t('desk.empty.title')}
      description={
        hasFilters(search)
          ? t('desk.empty.filteredDescription')
          : t(`desk.empty.queue.${search.queue ?? DEFAULT_QUEUE}`)
      }
      withIndicatorBackground
    >
      <EmptyState.Actions>
        {hasFilters(search) ? (
          <Button
            variant="default"
            onClick={() =>
              setSearch({
                status: undefined,
                priority: undefined,
                type: undefined,
                serviceId: undefined,
                groupId: undefined,
              })
            }
          >
            {t('actions.clearFilters')}
          </Button>
        ) : (
          <>
            {(search.queue ?? DEFAULT_QUEUE) !== 'unassigned' && (
              <Button variant="default" onClick={() => setSearch({ queue: 'unassigned' })}>
                {t('desk.empty.showUnassigned')}
              </Button>
            )}
            {work && <Button onClick={create.open}>{t('desk.create.open')}</Button>}
          </>
        )}
      </EmptyState.Actions>
    </EmptyState>
  );

  return (
    <>
      <PageHeader
        title={t('modules.desk.label')}
        description={t('desk.description')}
        actions={
          <>
            <ExportMenu path="/tickets" filters={{ ...filters }} />
            <Menu position="bottom-end" shadow="md" withinPortal>
              <Menu.Target>
                <Button
                  variant="default"
                  leftSection={<IconBookmark size={16} aria-hidden />}
                  rightSection={<IconChevronDown size={14} aria-hidden />}
                >
                  {t('desk.views.open')}
                </Button>
              </Menu.Target>
              <Menu.Dropdown>
                {saved.views.length === 0 && <Menu.Label>{t('desk.views.none')}</Menu.Label>}
                {saved.views.map((view) => (
                  <Menu.Item
                    key={view.id}
                    onClick={() => void navigate({ search: view.search, replace: false })}
                  >
                    {view.name}
                  </Menu.Item>
                ))}
                <Menu.Divider />
                <Menu.Item
                  leftSection={<IconBookmarkPlus size={14} aria-hidden />}
                  onClick={saveDialog.open}
                >
                  {t('desk.views.save')}
                </Menu.Item>
                {saved.views.length > 0 && (
                  <Menu.Sub>
                    <Menu.Sub.Target>
                      <Menu.Sub.Item leftSection={<IconTrash size={14} aria-hidden />}>
                        {t('desk.views.delete')}
                      </Menu.Sub.Item>
                    </Menu.Sub.Target>
                    <Menu.Sub.Dropdown>
                      {saved.views.map((view) => (
                        <Menu.Item
                          key={view.id}
                          color="red"
                          onClick={() => {
                            saved.remove(view.id);
                            notify({
                              color: 'green',
                              message: t('desk.views.deleted', { name: view.name }),
                            });
                          }}
                        >
                          {view.name}
                        </Menu.Item>
                      ))}
                    </Menu.Sub.Dropdown>
                  </Menu.Sub>
                )}
              </Menu.Dropdown>
            </Menu>
            {work && (
              <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={create.open}>
                {t('desk.create.open')}
              </Button>
            )}
          </>
        }
      />

      <Stack gap="sm">
        <ScrollArea type="auto" offsetScrollbars="x">
          <SegmentedControl
            aria-label={t('desk.queues.label')}
            data={QUEUES.map((value) => ({ value, label: t(`desk.queues.${value}`) }))}
            value={search.queue ?? DEFAULT_QUEUE}
            onChange={(value) => setSearch({ queue: value as Queue, q: undefined })}
          />
        </ScrollArea>

        {filterBar}

        {searching ? (
          <DataTable
            key="search"
            label={t('desk.search.results', { q })}
            storageKey="desk-search"
            columns={hitColumns}
            query={hits}
            rowKey={(hit) => hit.id}
            onOpen={(hit) => openTicket(hit.number)}
            empty={
              <EmptyState
                icon={<IconSearch size={28} aria-hidden />}
                title={t('desk.search.emptyTitle', { q })}
                description={t('desk.search.emptyDescription')}
                withIndicatorBackground
              >
                <EmptyState.Actions>
                  <Button variant="default" onClick={() => setSearch({ q: undefined })}>
                    {t('actions.clearSearch')}
                  </Button>
                </EmptyState.Actions>
              </EmptyState>
            }
          />
        ) : (
          <DataTable
            key="queue"
            label={t(`desk.queues.${search.queue ?? DEFAULT_QUEUE}`)}
            storageKey="desk-queue"
            columns={columns}
            query={queue}
            rowKey={(ticket) => ticket.id}
            onOpen={(ticket) => openTicket(ticket.number)}
            toolbar={bulkBar}
            empty={emptyQueue}
          />
        )}
      </Stack>

      <Text size="xs" c="dimmed" mt="md">
        {t('list.keyboardHint')}
      </Text>

      {work && (
        <>
          <TicketCreateDialog
            opened={createOpened}
            onClose={create.close}
            onCreated={(ticket) => openTicket(ticket.number)}
          />
          <BulkDialog
            mode={bulkMode}
            tickets={selectedTickets}
            onClose={() => setBulkMode(null)}
            onDone={afterBulk}
          />
        </>
      )}
      <SaveViewDialog
        opened={saveOpened}
        onClose={saveDialog.close}
        existing={saved.views.map((view) => view.name)}
        onSave={(name) => {
          saved.save(name, search);
          notify({ color: 'green', message: t('desk.views.saved', { name }) });
        }}
      />
    </>
  );
}

interface SaveViewDialogProps {
  opened: boolean;
  onClose: () => void;
  existing: string[];
  onSave: (name: string) => void;
}

function SaveViewDialog({ opened, onClose, existing, onSave }: SaveViewDialogProps) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const trimmed = name.trim();
  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    if (!trimmed) return;
    onSave(trimmed);
    setName('');
    onClose();
  };
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={t('desk.views.saveTitle')}
      size="sm"
      closeButtonProps={{ 'aria-label': t('actions.close') }}
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            {t('desk.views.saveHint')}
          </Text>
          <TextInput
            label={t('desk.views.name')}
            value={name}
            onChange={(event) => setName(event.currentTarget.value)}
            maxLength={60}
            required
            data-autofocus
            description={existing.includes(trimmed) ? t('desk.views.replaces') : undefined}
          />
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={onClose}>
              {t('actions.cancel')}
            </Button>
            <Button type="submit" disabled={!trimmed}>
              {t('actions.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
