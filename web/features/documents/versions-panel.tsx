import {
  Badge,
  Box,
  Group,
  Paper,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Text,
  VisuallyHidden,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DateTime } from '../../ui/dates';
import type { DocumentVersion } from './api';
import { lineDiff } from './line-diff';
import { MarkdownView } from './markdown-view';

const VERSION_COLORS: Record<DocumentVersion['status'], string> = {
  draft: 'gray',
  in_review: 'yellow',
  approved: 'green',
  superseded: 'blue',
  retired: 'dark',
};

/** Every version, and two of them compared: side by side, or as a line diff. */
export function VersionsPanel({ versions }: { versions: DocumentVersion[] }) {
  const { t } = useTranslation();
  const newest = versions[0];
  const [left, setLeft] = useState<string | null>(
    String(versions[1]?.number ?? newest?.number ?? ''),
  );
  const [right, setRight] = useState<string | null>(String(newest?.number ?? ''));
  const [mode, setMode] = useState<'side' | 'diff'>('side');
  const options = versions.map((v) => ({
    value: String(v.number),
    label: `v${v.number} · ${t(`documents.versionStatuses.${v.status}`)}`,
  }));
  const a = versions.find((v) => String(v.number) === left);
  const b = versions.find((v) => String(v.number) === right);
  return (
    <Stack gap="md">
      <Paper withBorder p="sm">
        <Stack gap={6}>
          {versions.map((v) => (
            <Group key={v.id} gap="sm" wrap="wrap">
              <Text fw={600} size="sm" w={40}>
                v{v.number}
              </Text>
              <Badge color={VERSION_COLORS[v.status]} variant="light">
                {t(`documents.versionStatuses.${v.status}`)}
              </Badge>
              <Text size="sm">{v.title}</Text>
              {v.approvedAt ? (
                <Text size="sm" c="dimmed">
                  {t('documents.approvedBy', { name: v.approvedByName ?? '—' })}{' '}
                  <DateTime value={v.approvedAt} format="date" />
                </Text>
              ) : (
                <Text size="sm" c="dimmed">
                  <DateTime value={v.updatedAt} format="date" />
                </Text>
              )}
              {v.changeNote && (
                <Text size="sm" c="dimmed" fs="italic">
                  {v.changeNote}
                </Text>
              )}
            </Group>
          ))}
        </Stack>
      </Paper>
      {versions.length > 1 && (
        <>
          <Group gap="sm" align="flex-end" wrap="wrap">
            <Select
              label={t('documents.compare.from')}
              data={options}
              value={left}
              onChange={setLeft}
              allowDeselect={false}
              w={200}
            />
            <Select
              label={t('documents.compare.to')}
              data={options}
              value={right}
              onChange={setRight}
              allowDeselect={false}
              w={200}
            />
            <SegmentedControl
              aria-label={t('documents.compare.mode')}
              value={mode}
              onChange={(value) => setMode(value as 'side' | 'diff')}
              data={[
                { value: 'side', label: t('documents.compare.sideBySide') },
                { value: 'diff', label: t('documents.compare.diff') },
              ]}
            />
          </Group>
          {a && b && mode === 'side' && (
            <SimpleGrid cols={{ base: 1, md: 2 }}>
              {[a, b].map((v) => (
                <Paper key={v.id} withBorder p="md">
                  <Text size="xs" c="dimmed" mb="xs">
                    v{v.number} · {v.title}
                  </Text>
                  <MarkdownView source={v.body} />
                </Paper>
              ))}
            </SimpleGrid>
          )}
          {a && b && mode === 'diff' && (
            <Paper withBorder p="sm" style={{ fontFamily: 'var(--mantine-font-family-monospace)' }}>
              {lineDiff(a.body, b.body).map((line, i) => (
                <Box
                  // biome-ignore lint/suspicious/noArrayIndexKey: diff lines are positional
                  key={i}
                  px="xs"
                  fz="sm"
                  bg={
                    line.kind === 'added'
                      ? 'var(--mantine-color-green-light)'
                      : line.kind === 'removed'
                        ? 'var(--mantine-color-red-light)'
                        : undefined
                  }
                  style={{ whiteSpace: 'pre-wrap' }}
                >
                  <span aria-hidden>
                    {line.kind === 'added' ? '+ ' : line.kind === 'removed' ? '− ' : '  '}
                  </span>
                  {line.kind !== 'same' && (
                    <VisuallyHidden>{t(`documents.compare.${line.kind}`)}: </VisuallyHidden>
                  )}
                  {line.text || ' '}
                </Box>
              ))}
            </Paper>
          )}
        </>
      )}
    </Stack>
  );
}
