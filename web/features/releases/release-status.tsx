import { Group, Stack, Text } from '@mantine/core';
import {
  IconAlertTriangle,
  IconCircleCheck,
  IconCircleDashed,
  IconClockPause,
} from '@tabler/icons-react';
import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { StatusBadge, type StatusTone } from '../../ui/status-badge';
import type { Blocker, ReleaseCard, ReleaseStatus } from './api';

const TONE: Record<ReleaseStatus, StatusTone> = {
  planning: 'new',
  building: 'inProgress',
  testing: 'inProgress',
  ready: 'waiting',
  deploying: 'inProgress',
  deployed: 'done',
  closed: 'inactive',
  rolled_back: 'failed',
};

export function ReleaseStatusBadge({
  status,
  size = 'sm',
}: {
  status: ReleaseStatus;
  size?: 'xs' | 'sm' | 'md';
}) {
  const { t } = useTranslation();
  return <StatusBadge tone={TONE[status]} label={t(`releases.statuses.${status}`)} size={size} />;
}

/** One sentence per blocker, in the interface language. */
export function blockerText(blocker: Blocker, t: TFunction): string {
  switch (blocker.code) {
    case 'NO_CRITERIA':
      return t('releases.blockers.noCriteria');
    case 'CRITERIA_NOT_PASSED':
      return t('releases.blockers.criteriaNotPassed', { count: blocker.items.length });
    case 'CHANGES_NOT_APPROVED':
      return t('releases.blockers.changesNotApproved', {
        count: blocker.items.length,
        numbers: blocker.items.join(', '),
      });
    default:
      return t('releases.blockers.noGoDecision');
  }
}

/** Why the release may not move to `to` now (null when it may), as the server would refuse it. */
export function blockedReasons(release: ReleaseCard, to: ReleaseStatus, t: TFunction): string[] {
  if (to === 'deploying' && release.decision !== 'go') return [t('releases.blockers.noGoDecision')];
  if (to === 'deployed') return release.readiness.deployBlockers.map((b) => blockerText(b, t));
  return [];
}

/** Criteria passed x/y and changes approved x/y, never colour alone: each line has its icon. */
export function Readiness({ release }: { release: ReleaseCard }) {
  const { t } = useTranslation();
  const r = release.readiness;
  const criteria: Tone =
    r.criteriaFailed > 0
      ? 'bad'
      : r.criteriaTotal > 0 && r.criteriaPassed === r.criteriaTotal
        ? 'good'
        : 'pending';
  const changes: Tone =
    r.changesTotal === 0 ? 'none' : r.changesApproved === r.changesTotal ? 'good' : 'pending';
  return (
    <Stack gap={2}>
      <ReadinessLine tone={criteria}>
        {t('releases.readiness.criteria', { passed: r.criteriaPassed, total: r.criteriaTotal })}
        {r.criteriaFailed > 0 &&
          ` · ${t('releases.readiness.failed', { count: r.criteriaFailed })}`}
      </ReadinessLine>
      <ReadinessLine tone={changes}>
        {t('releases.readiness.changes', { approved: r.changesApproved, total: r.changesTotal })}
      </ReadinessLine>
    </Stack>
  );
}

type Tone = 'good' | 'bad' | 'pending' | 'none';
const TONES: Record<Tone, { color: string; Icon: typeof IconCircleCheck }> = {
  good: { color: 'green', Icon: IconCircleCheck },
  bad: { color: 'red', Icon: IconAlertTriangle },
  pending: { color: 'yellow.8', Icon: IconClockPause },
  none: { color: 'dimmed', Icon: IconCircleDashed },
};

function ReadinessLine({ tone, children }: { tone: Tone; children: ReactNode }) {
  const { color, Icon } = TONES[tone];
  return (
    <Group gap={4} wrap="nowrap" align="flex-start">
      <Text c={color} lh={1} mt={2} span>
        <Icon size={14} aria-hidden />
      </Text>
      <Text size="xs" c={tone === 'none' ? 'dimmed' : undefined}>
        {children}
      </Text>
    </Group>
  );
}
