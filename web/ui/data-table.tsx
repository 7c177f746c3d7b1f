import { Box, Button, Checkbox, Group, Popover, Skeleton, Stack, Table, Text } from '@mantine/core';
import { useLocalStorage } from '@mantine/hooks';
import { IconColumns3 } from '@tabler/icons-react';
import type { InfiniteData, UseInfiniteQueryResult } from '@tanstack/react-query';
import { type ReactNode, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Page } from '../api/types';
import classes from './data-table.module.css';
import { useShortcuts } from './keyboard';
import { ProblemAlert } from './problem';

// The list half of the "one pattern everywhere" rule: a filter bar, a dense table whose
// selection moves with j/k and opens with Enter, skeleton rows while loading, a designed empty
// state, and keyset paging through "Load more" (the server hands out an opaque cursor).

export interface Column<T> {
  id: string;
  header: string;
  cell: (row: T) => ReactNode;
  /** The first column (the one holding the record's link) can never be hidden. */
  hideable?: boolean;
  width?: number | string;
  /** Free text that may wrap onto a second line (descriptions); other cells stay on one line. */
  wrap?: boolean;
  /** Long values (emails) are cut with an ellipsis beyond this width; the full text is on hover. */
  maxWidth?: string;
  /** Hidden until the user shows it with the column chooser. */
  defaultHidden?: boolean;
}

interface DataTableProps<T> {
  /** Accessible name of the table, e.g. "Users". */
  label: string;
  columns: Column<T>[];
  query: UseInfiniteQueryResult<InfiniteData<Page<T>>>;
  rowKey: (row: T) => string;
  onOpen?: (row: T) => void;
  /** Filters shown on the left of the bar above the table. */
  toolbar?: ReactNode;
  /** What to show when the list is empty (an EmptyState with the next useful action). */
  empty: ReactNode;
  /** Remembers hidden columns per list in this browser. */
  storageKey: string;
}

const SKELETON_ROWS = 6;
const INTERACTIVE = 'a, button, input, select, textarea, [role="button"], [role="checkbox"]';

export function DataTable<T>(props: DataTableProps<T>) {
  const { label, columns, query, rowKey, onOpen, toolbar, empty, storageKey } = props;
  const { t } = useTranslation();
  const [hidden, setHidden] = useLocalStorage<string[]>({
    key: `meridian.columns.${storageKey}`,
    defaultValue: columns.filter((column) => column.defaultHidden).map((column) => column.id),
    getInitialValueInEffect: false,
  });
  const visible = columns.filter((column, index) => index === 0 || !hidden.includes(column.id));
  const rows = useMemo(() => query.data?.pages.flatMap((page) => page.items) ?? [], [query.data]);
  const [selected, setSelected] = useState(-1);
  const bodyRef = useRef<HTMLTableSectionElement>(null);

  // A new filter yields a new list: start the selection over.
  const firstKey = rows[0] ? rowKey(rows[0]) : undefined;
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset only when the list changes
  useEffect(() => setSelected(-1), [firstKey]);

  const select = (index: number) => {
    if (rows.length === 0) return;
    const next = Math.max(0, Math.min(rows.length - 1, index));
    setSelected(next);
    const row = bodyRef.current?.rows[next];
    if (!row) return;
    const target = row.querySelector<HTMLElement>('a[href]') ?? row;
    target.focus({ preventScroll: true });
    row.scrollIntoView?.({ block: 'nearest' });
  };

  useShortcuts([
    [
      'j',
      (event) => {
        event.preventDefault();
        select(selected + 1);
      },
    ],
    [
      'k',
      (event) => {
        event.preventDefault();
        select(selected < 0 ? 0 : selected - 1);
      },
    ],
    [
      'Enter',
      (event) => {
        const row = rows[selected];
        if (!row || !onOpen) return;
        if (event.target instanceof Element && event.target.closest(INTERACTIVE)) return;
        event.preventDefault();
        onOpen(row);
      },
    ],
  ]);

  const hideable = columns.filter((column, index) => index > 0 && column.hideable !== false);

  return (
    <Stack gap="sm">
      <Group justify="space-between" align="flex-end" gap="sm" wrap="wrap">
        <Group gap="sm" align="flex-end" wrap="wrap" style={{ flex: 1 }}>
          {toolbar}
        </Group>
        {hideable.length > 0 && (
          <Popover position="bottom-end" shadow="md" withArrow>
            <Popover.Target>
              <Button
                variant="default"
                size="sm"
                leftSection={<IconColumns3 size={16} aria-hidden />}
              >
                {t('list.columns')}
              </Button>
            </Popover.Target>
            <Popover.Dropdown aria-label={t('list.columns')}>
              <Stack gap="xs">
                {hideable.map((column) => (
                  <Checkbox
                    key={column.id}
                    label={column.header}
                    checked={!hidden.includes(column.id)}
                    onChange={(event) => {
                      const show = event.currentTarget.checked;
                      setHidden((current) =>
                        show ? current.filter((id) => id !== column.id) : [...current, column.id],
                      );
                    }}
                  />
                ))}
              </Stack>
            </Popover.Dropdown>
          </Popover>
        )}
      </Group>

      {query.isError && !query.data ? (
        <ProblemAlert error={query.error} onRetry={() => void query.refetch()} />
      ) : query.isSuccess && rows.length === 0 ? (
        <Box py="xl">{empty}</Box>
      ) : (
        <Box className={classes.frame}>
          <Table
            aria-label={label}
            aria-busy={query.isPending}
            verticalSpacing={6}
            horizontalSpacing="xs"
            highlightOnHover
            className={classes.table}
          >
            <Table.Thead>
              <Table.Tr>
                {visible.map((column) => (
                  <Table.Th key={column.id} scope="col" style={{ width: column.width }}>
                    {column.header}
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody ref={bodyRef}>
              {query.isPending
                ? Array.from({ length: SKELETON_ROWS }, (_, index) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: placeholders have no identity
                    <Table.Tr key={index} aria-hidden>
                      {visible.map((column) => (
                        <Table.Td key={column.id}>
                          <Skeleton height={14} radius="sm" width={index % 2 ? '70%' : '85%'} />
                        </Table.Td>
                      ))}
                    </Table.Tr>
                  ))
                : rows.map((row, index) => (
                    <Table.Tr
                      key={rowKey(row)}
                      tabIndex={-1}
                      className={classes.row}
                      data-openable={onOpen ? true : undefined}
                      data-selected={index === selected || undefined}
                      aria-current={index === selected ? 'true' : undefined}
                      onClick={(event) => {
                        setSelected(index);
                        if (event.target instanceof Element && event.target.closest(INTERACTIVE)) {
                          return;
                        }
                        onOpen?.(row);
                      }}
                    >
                      {visible.map((column) => (
                        <Table.Td
                          key={column.id}
                          data-wrap={column.wrap || undefined}
                          data-truncate={column.maxWidth ? true : undefined}
                          style={column.maxWidth ? { maxWidth: column.maxWidth } : undefined}
                        >
                          {column.cell(row)}
                        </Table.Td>
                      ))}
                    </Table.Tr>
                  ))}
            </Table.Tbody>
          </Table>
        </Box>
      )}

      {query.isFetchNextPageError && (
        <ProblemAlert error={query.error} onRetry={() => void query.fetchNextPage()} />
      )}

      {query.isSuccess && rows.length > 0 && (
        <Group justify="space-between" gap="sm">
          <Text size="sm" c="dimmed" aria-live="polite">
            {query.hasNextPage
              ? t('list.showingMore', { count: rows.length })
              : t('list.showingAll', { count: rows.length })}
          </Text>
          {query.hasNextPage && (
            <Button
              variant="default"
              onClick={() => void query.fetchNextPage()}
              loading={query.isFetchingNextPage}
            >
              {t('list.loadMore')}
            </Button>
          )}
        </Group>
      )}
    </Stack>
  );
}
