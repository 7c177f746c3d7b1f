// "Add to the improvement register" from another record (an audit finding, a complaint, a
// problem, a management review action): a small dialog pre-filled from the record that posts to
// the register and offers a link to the new improvement. Nothing shows for people who may not
// suggest improvements.
import { Button, Group, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconBulb } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AnchorLink } from '../../ui/links';
import { notify } from '../../ui/notify';
import { usePermissions } from '../auth/session';
import type { Improvement } from './api';
import { ImprovementDialog } from './improvement-dialog';

export type ImprovementSource =
  | 'audit-finding'
  | 'complaint'
  | 'survey'
  | 'problem'
  | 'kpi'
  | 'management-review'
  | 'suggestion';

export interface RaiseImprovementButtonProps {
  source: ImprovementSource;
  /** The id of the record it comes from. */
  sourceId: string;
  /** Shown on the improvement as where it came from, e.g. "AUD-2026-01 F2". */
  sourceLabel: string;
  /** Pre-fills the improvement's title. */
  defaultTitle: string;
  defaultDescription?: string;
}

export function RaiseImprovementButton(props: RaiseImprovementButtonProps) {
  const { t } = useTranslation();
  const can = usePermissions();
  const [opened, dialog] = useDisclosure(false);
  const [created, setCreated] = useState<Improvement | null>(null);
  if (!can('improvements.suggest')) return null;
  return (
    <Group gap="xs" wrap="wrap">
      <Button
        size="xs"
        variant="default"
        leftSection={<IconBulb size={14} aria-hidden />}
        onClick={dialog.open}
        aria-label={t('improvements.raise.buttonFor', { label: props.sourceLabel })}
      >
        {t('improvements.raise.button')}
      </Button>
      {opened && (
        <ImprovementDialog
          opened={opened}
          onClose={dialog.close}
          preset={{
            source: props.source,
            sourceId: props.sourceId,
            sourceLabel: props.sourceLabel,
            title: props.defaultTitle,
            description: props.defaultDescription,
          }}
          onCreated={(improvement) => {
            setCreated(improvement);
            notify({
              color: 'green',
              message: t('improvements.raise.done', { number: improvement.number }),
            });
          }}
        />
      )}
      {created && (
        <Text size="sm" role="status">
          {t('improvements.raise.added')}{' '}
          <AnchorLink
            to="/improvements/$improvementId"
            params={{ improvementId: created.id }}
            size="sm"
          >
            {created.number}
          </AnchorLink>
        </Text>
      )}
    </Group>
  );
}
