import { Alert, Button, Group, List, Stack, Text, Textarea } from '@mantine/core';
import { IconAlertTriangle, IconSnowflake } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AnchorLink } from '../../ui/links';
import type { ScheduleConflict } from './api';
import { ServiceNames } from './service-multi-select';
import { WindowRange } from './window-range';

/** One conflict in words: the other change (a link) or the freeze window, and when. */
export function ConflictItem({ conflict }: { conflict: ScheduleConflict }) {
  const { t } = useTranslation();
  return (
    <List.Item
      icon={
        conflict.kind === 'overlap' ? (
          <IconAlertTriangle size={16} aria-hidden />
        ) : (
          <IconSnowflake size={16} aria-hidden />
        )
      }
    >
      <Text size="sm" span>
        {conflict.kind === 'overlap' ? (
          <>
            {t('changes.conflicts.overlap')}{' '}
            <AnchorLink
              to="/changes/$changeId"
              params={{ changeId: conflict.changeId }}
              size="sm"
              fw={500}
            >
              {conflict.number}
            </AnchorLink>{' '}
            {conflict.title}
          </>
        ) : (
          <>
            {t(`changes.conflicts.${conflict.kind}`)} <strong>{conflict.name}</strong>
          </>
        )}
        {' · '}
        <WindowRange start={conflict.start} end={conflict.end} />
        {' · '}
        {conflict.serviceIds === null ? (
          t('changes.conflicts.allServices')
        ) : (
          <ServiceNames ids={conflict.serviceIds} />
        )}
      </Text>
    </List.Item>
  );
}

interface ScheduleConflictPanelProps {
  conflicts: ScheduleConflict[];
  /** Saves again with the justification as the override. */
  onOverride: (justification: string) => void;
  onDismiss: () => void;
  busy?: boolean;
}

/**
 * A save refused with 409 SCHEDULE_CONFLICT: what the window collides with, and the explicit
 * override — a justification that is stored on the change and in its audit trail.
 */
export function ScheduleConflictPanel({
  conflicts,
  onOverride,
  onDismiss,
  busy,
}: ScheduleConflictPanelProps) {
  const { t } = useTranslation();
  const [justification, setJustification] = useState('');
  const [missing, setMissing] = useState(false);
  return (
    <Alert
      color="orange"
      variant="light"
      icon={<IconAlertTriangle aria-hidden />}
      title={t('changes.conflicts.title', { count: conflicts.length })}
      role="alert"
    >
      <Stack gap="sm">
        <Text size="sm">{t('changes.conflicts.description')}</Text>
        <List spacing={4} size="sm">
          {conflicts.map((conflict) => (
            <ConflictItem
              key={conflict.kind === 'overlap' ? conflict.changeId : conflict.windowId}
              conflict={conflict}
            />
          ))}
        </List>
        <Textarea
          label={t('changes.conflicts.justification')}
          description={t('changes.conflicts.justificationHint')}
          value={justification}
          onChange={(event) => {
            setJustification(event.currentTarget.value);
            setMissing(false);
          }}
          error={missing ? t('changes.conflicts.justificationRequired') : undefined}
          autosize
          minRows={2}
          maxLength={2000}
          required
        />
        <Group gap="xs">
          <Button
            color="orange"
            size="xs"
            loading={busy}
            onClick={() => {
              if (!justification.trim()) {
                setMissing(true);
                return;
              }
              onOverride(justification.trim());
            }}
          >
            {t('changes.conflicts.override')}
          </Button>
          <Button size="xs" variant="default" onClick={onDismiss}>
            {t('changes.conflicts.changeWindow')}
          </Button>
        </Group>
      </Stack>
    </Alert>
  );
}
