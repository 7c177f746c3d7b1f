import { Button, Group, Skeleton, Stack, Text, ThemeIcon, Timeline } from '@mantine/core';
import { IconPencil, IconPlus, IconPoint, IconTrash } from '@tabler/icons-react';
import { useInfiniteQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import type { AuditEvent } from '../api/types';
import { DateTime } from './dates';
import { ProblemAlert } from './problem';

// A record's history, newest first, read from the audit trail: who changed what, from which
// value to which, and when (relative, with the exact time on hover).

export function auditEventsQueryKey(entity: string) {
  return ['audit-events', entity] as const;
}

interface HistoryTimelineProps {
  /** `<entityType>:<id>`, e.g. `user:0190…`. */
  entity: string;
  fieldLabel?: (field: string) => string;
  formatValue?: (field: string, value: unknown) => ReactNode;
  /** Technical fields that say nothing to a reader (internal ids that change with another field). */
  omitFields?: readonly string[];
}

const ICONS = { create: IconPlus, update: IconPencil, delete: IconTrash } as const;
const PAGE_SIZE = 20;

export function HistoryTimeline(props: HistoryTimelineProps) {
  const { entity, fieldLabel, formatValue, omitFields } = props;
  const { t } = useTranslation();
  const query = useInfiniteQuery({
    queryKey: auditEventsQueryKey(entity),
    queryFn: ({ pageParam, signal }) =>
      api.list<AuditEvent>(
        '/api/v1/audit-events',
        { entity, limit: PAGE_SIZE, cursor: pageParam },
        signal,
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });

  if (query.isPending) {
    return (
      <Stack gap="sm" aria-busy>
        <Skeleton height={14} width="60%" />
        <Skeleton height={14} width="40%" />
        <Skeleton height={14} width="55%" />
      </Stack>
    );
  }
  if (query.isError && !query.data) {
    return <ProblemAlert error={query.error} onRetry={() => void query.refetch()} />;
  }
  const events = query.data.pages.flatMap((page) => page.items);
  if (events.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {t('history.empty')}
      </Text>
    );
  }

  const show = (field: string, value: unknown): ReactNode => {
    if (formatValue) {
      const formatted = formatValue(field, value);
      if (formatted !== undefined) return formatted;
    }
    if (value === null || value === undefined || value === '') return t('history.none');
    if (typeof value === 'boolean') return value ? t('common.yes') : t('common.no');
    if (Array.isArray(value)) return t('history.items', { count: value.length });
    if (typeof value === 'object') return JSON.stringify(value);
    return String(value);
  };

  return (
    <Stack gap="md">
      <Timeline bulletSize={24} lineWidth={2}>
        {events.map((event) => {
          const Icon = ICONS[event.action as keyof typeof ICONS] ?? IconPoint;
          const actor = event.actorName ?? t('history.system');
          const known = event.action in ICONS;
          const changes = Object.entries(event.changes ?? {}).filter(
            ([field]) => !omitFields?.includes(field),
          );
          return (
            <Timeline.Item
              key={event.id}
              bullet={
                <ThemeIcon size={24} radius="xl" variant="light" color="gray">
                  <Icon size={14} aria-hidden />
                </ThemeIcon>
              }
              title={
                <Text size="sm" fw={500}>
                  {known
                    ? t(`history.actions.${event.action as keyof typeof ICONS}`, { actor })
                    : t('history.actions.other', { actor, action: event.action })}
                </Text>
              }
            >
              <Text size="xs" c="dimmed">
                <DateTime value={event.occurredAt} format="relative" />
              </Text>
              {event.action === 'update' && changes.length > 0 && (
                <Stack gap={2} mt={4} component="ul" style={{ listStyle: 'none', padding: 0 }}>
                  {changes.map(([field, change]) => (
                    <Text key={field} size="sm" component="li">
                      <Text span fw={500}>
                        {fieldLabel?.(field) ?? field}
                      </Text>
                      {': '}
                      <Text span td="line-through" c="dimmed">
                        {show(field, change.from)}
                      </Text>
                      {' → '}
                      <Text span>{show(field, change.to)}</Text>
                    </Text>
                  ))}
                </Stack>
              )}
            </Timeline.Item>
          );
        })}
      </Timeline>
      {query.isFetchNextPageError && (
        <ProblemAlert error={query.error} onRetry={() => void query.fetchNextPage()} />
      )}
      {query.hasNextPage && (
        <Group>
          <Button
            variant="subtle"
            size="xs"
            onClick={() => void query.fetchNextPage()}
            loading={query.isFetchingNextPage}
          >
            {t('history.older')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}
