import { Alert, Group, List, Paper, Stack, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconAlertTriangle, IconGavel } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { GroupName } from '../catalogue/group-select';
import { checkConflicts } from '../change-calendar/api';
import { type ChangeType, previewPolicy } from './api';
import { modeLabel } from './labels';
import { ConflictItem } from './schedule-conflicts';

// Live panels of the change form: what the window would collide with, and which approval steps
// the policy would give the change, both asked of the server as the form is filled in.

/** Warns while the window is being chosen, before the save is refused. */
export function LiveConflicts(props: {
  changeId: string;
  serviceIds: string[];
  start: string | null;
  end: string | null;
}) {
  const { t } = useTranslation();
  const [debounced] = useDebouncedValue(props, 400);
  const ready =
    debounced.start !== null &&
    debounced.end !== null &&
    debounced.end > debounced.start &&
    debounced.serviceIds.length > 0;
  const query = useQuery({
    queryKey: ['change-calendar', 'check', debounced],
    queryFn: () =>
      checkConflicts({
        changeId: debounced.changeId,
        serviceIds: debounced.serviceIds,
        start: debounced.start ?? '',
        end: debounced.end ?? '',
      }),
    enabled: ready,
    staleTime: 15_000,
  });
  if (!ready || !query.data || query.data.conflicts.length === 0) return null;
  return (
    <Alert
      color="orange"
      variant="light"
      icon={<IconAlertTriangle aria-hidden />}
      title={t('changes.conflicts.liveTitle', { count: query.data.conflicts.length })}
    >
      <List spacing={4} size="sm">
        {query.data.conflicts.map((conflict) => (
          <ConflictItem
            key={conflict.kind === 'overlap' ? conflict.changeId : conflict.windowId}
            conflict={conflict}
          />
        ))}
      </List>
    </Alert>
  );
}

/** Which approval rule and steps the policy would give the change as it is now filled in. */
export function ApprovalPreview(props: {
  type: ChangeType;
  serviceIds: string[];
  riskAnswers: Record<string, string>;
  majorRequested: boolean;
}) {
  const { t } = useTranslation();
  const [debounced] = useDebouncedValue(props, 400);
  const query = useQuery({
    queryKey: ['changes', 'preview', debounced],
    queryFn: () => previewPolicy(debounced),
    staleTime: 30_000,
    retry: false,
  });
  if (!query.data) return null;
  const preview = query.data;
  return (
    <Paper withBorder p="sm" radius="sm">
      <Group gap="xs" mb={4}>
        <IconGavel size={16} aria-hidden />
        <Text size="sm" fw={600}>
          {t('changes.preview.title')}
        </Text>
      </Group>
      <Stack gap={4}>
        {!preview.underControl ? (
          <Text size="sm">{t('changes.preview.notControlled')}</Text>
        ) : preview.steps.length === 0 ? (
          <Text size="sm">{t('changes.preview.noApproval')}</Text>
        ) : (
          <>
            <Text size="sm">{t('changes.preview.rule', { name: preview.ruleName ?? '—' })}</Text>
            <List size="sm" spacing={2} type="ordered">
              {preview.steps.map((step, index) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: steps are identified by position
                <List.Item key={index}>
                  {step.name} ·{' '}
                  {step.approverKind === 'group' ? (
                    <GroupName id={step.groupId} />
                  ) : (
                    t('changes.approvals.serviceOwners')
                  )}{' '}
                  · {modeLabel(step.mode, step.n, null, t)}
                </List.Item>
              ))}
            </List>
          </>
        )}
        {preview.major && (
          <Text size="sm" fw={500}>
            {t('changes.preview.major')}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}
