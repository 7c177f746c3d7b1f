import { Button, Group, Menu, Modal, Select, Stack, Text, Textarea } from '@mantine/core';
import { IconArrowRight, IconChevronDown } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { notify } from '../../ui/notify';
import { describeProblem, ProblemAlert } from '../../ui/problem';
import {
  moveRelease,
  NEXT_STATUSES,
  type OutcomeResult,
  RELEASE_STATUSES,
  type Release,
  type ReleaseCard,
  type ReleaseStatus,
  releasesKeys,
} from './api';
import { blockedReasons } from './release-status';

/** A step back before deployment (or a replan after a rollback) is named as such. */
function moveLabel(from: ReleaseStatus, to: ReleaseStatus, t: TFunction): string {
  const backwards = RELEASE_STATUSES.indexOf(to) < RELEASE_STATUSES.indexOf(from);
  if (backwards && (to === 'planning' || to === 'building' || to === 'testing'))
    return t(`releases.move.back.${to}`);
  return t(`releases.move.to.${to}`);
}

/** Moves that ask what happened first. */
const NEEDS_OUTCOME: readonly ReleaseStatus[] = ['deployed', 'rolled_back'];

function useMove(release: ReleaseCard, onError: (error: unknown) => void) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState<ReleaseStatus | null>(null);
  const [asking, setAsking] = useState<ReleaseStatus | null>(null);

  const move = async (
    to: ReleaseStatus,
    extra: { outcome?: string | null; outcomeResult?: OutcomeResult } = {},
  ) => {
    setBusy(to);
    try {
      const saved = await moveRelease(release.id, { status: to, ...extra }, release.version);
      queryClient.setQueryData<Release>(releasesKeys.detail(saved.id), saved);
      void queryClient.invalidateQueries({ queryKey: releasesKeys.boards });
      void queryClient.invalidateQueries({ queryKey: ['audit-events'] });
      notify({
        color: 'green',
        message: t('releases.move.done', {
          number: release.number,
          status: t(`releases.statuses.${to}`),
        }),
      });
      setAsking(null);
    } catch (error) {
      // Refused: what the page shows is out of date, so read the release again behind the message.
      void queryClient.invalidateQueries({ queryKey: releasesKeys.detail(release.id) });
      void queryClient.invalidateQueries({ queryKey: releasesKeys.boards });
      throw error;
    } finally {
      setBusy(null);
    }
  };

  const start = (to: ReleaseStatus) => {
    if (NEEDS_OUTCOME.includes(to)) setAsking(to);
    else void move(to).catch(onError);
  };

  return { busy, asking, setAsking, move, start };
}

/** The status actions of a release page: one button per allowed move, blocked ones say why. */
export function MoveButtons({ release }: { release: ReleaseCard }) {
  const { t } = useTranslation();
  const [error, setError] = useState<unknown>(null);
  const { busy, asking, setAsking, move, start } = useMove(release, setError);
  const reasonsId = useId();
  const next = NEXT_STATUSES[release.status];
  if (next.length === 0) return null;
  const blocked = next.map((to) => ({ to, reasons: blockedReasons(release, to, t) }));
  const reasons = blocked.filter((b) => b.reasons.length > 0);
  return (
    <Stack gap="xs">
      {error !== null && <ProblemAlert error={error} />}
      <Group gap="xs">
        {blocked.map(({ to, reasons: why }) => (
          <Button
            key={to}
            size="sm"
            variant={to === next[0] ? 'filled' : 'default'}
            color={to === 'rolled_back' ? 'red' : undefined}
            leftSection={<IconArrowRight size={14} aria-hidden />}
            disabled={why.length > 0}
            aria-describedby={why.length > 0 ? reasonsId : undefined}
            loading={busy === to}
            onClick={() => {
              setError(null);
              start(to);
            }}
          >
            {moveLabel(release.status, to, t)}
          </Button>
        ))}
      </Group>
      {reasons.length > 0 && (
        <Stack gap={2} id={reasonsId}>
          {reasons.map(({ to, reasons: why }) => (
            <Text key={to} size="sm" c="dimmed">
              <strong>{moveLabel(release.status, to, t)}</strong> — {why.join(' ')}
            </Text>
          ))}
        </Stack>
      )}
      <OutcomeDialog
        release={release}
        to={asking}
        onClose={() => setAsking(null)}
        onSubmit={(extra) => move(asking as ReleaseStatus, extra)}
      />
    </Stack>
  );
}

/** The compact version for a board card: a "Move" menu; blocked moves are listed with the reason. */
export function MoveMenu({ release }: { release: ReleaseCard }) {
  const { t } = useTranslation();
  // A refused move is told in a toast with the server's reason: the card has no room for more.
  const { busy, asking, setAsking, move, start } = useMove(release, (error) => {
    const problem = describeProblem(error, t);
    notify({
      color: 'red',
      title: t('releases.move.failed', { number: release.number }),
      message: problem.detail ?? problem.headline,
    });
  });
  const next = NEXT_STATUSES[release.status];
  if (next.length === 0) return null;
  return (
    <>
      <Menu position="bottom-start" withinPortal>
        <Menu.Target>
          <Button
            size="compact-xs"
            variant="default"
            rightSection={<IconChevronDown size={12} aria-hidden />}
            loading={busy !== null}
            aria-label={t('releases.move.menuFor', { number: release.number })}
          >
            {t('releases.move.menu')}
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          {next.map((to) => {
            const why = blockedReasons(release, to, t);
            return (
              <Menu.Item key={to} disabled={why.length > 0} onClick={() => start(to)}>
                <Text size="sm">{moveLabel(release.status, to, t)}</Text>
                {why.length > 0 && (
                  <Text size="xs" c="dimmed" maw={260}>
                    {why.join(' ')}
                  </Text>
                )}
              </Menu.Item>
            );
          })}
        </Menu.Dropdown>
      </Menu>
      <OutcomeDialog
        release={release}
        to={asking}
        onClose={() => setAsking(null)}
        onSubmit={(extra) => move(asking as ReleaseStatus, extra)}
      />
    </>
  );
}

function OutcomeDialog(props: {
  release: ReleaseCard;
  to: ReleaseStatus | null;
  onClose: () => void;
  onSubmit: (extra: { outcome: string | null; outcomeResult?: OutcomeResult }) => Promise<void>;
}) {
  const { release, to, onClose, onSubmit } = props;
  const { t } = useTranslation();
  const [outcome, setOutcome] = useState(release.outcome ?? '');
  const [result, setResult] = useState<OutcomeResult>('successful');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const rollback = to === 'rolled_back';
  const missing = rollback && !outcome.trim();
  const close = () => {
    setError(null);
    onClose();
  };
  return (
    <Modal
      opened={to !== null}
      onClose={close}
      title={to ? t(`releases.move.to.${to}`) : ''}
      closeButtonProps={{ 'aria-label': t('actions.close') }}
    >
      <form
        noValidate
        onSubmit={async (event) => {
          event.preventDefault();
          if (missing) return;
          setBusy(true);
          setError(null);
          try {
            await onSubmit({
              outcome: outcome.trim() || null,
              ...(rollback ? {} : { outcomeResult: result }),
            });
          } catch (caught) {
            setError(caught);
          } finally {
            setBusy(false);
          }
        }}
      >
        <Stack gap="sm">
          {error !== null && <ProblemAlert error={error} />}
          <Text size="sm">
            {rollback ? t('releases.outcome.rollbackHint') : t('releases.outcome.deployedHint')}
          </Text>
          {!rollback && (
            <Select
              label={t('releases.fields.outcomeResult')}
              data={(['successful', 'successful_with_issues'] as const).map((value) => ({
                value,
                label: t(`releases.outcomeResults.${value}`),
              }))}
              value={result}
              onChange={(value) => setResult((value as OutcomeResult | null) ?? 'successful')}
              allowDeselect={false}
            />
          )}
          <Textarea
            label={t('releases.fields.outcome')}
            value={outcome}
            onChange={(event) => setOutcome(event.currentTarget.value)}
            required={rollback}
            error={missing && error !== null ? t('releases.outcome.required') : undefined}
            autosize
            minRows={3}
            maxLength={4000}
            data-autofocus
          />
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={close}>
              {t('actions.cancel')}
            </Button>
            <Button
              type="submit"
              loading={busy}
              disabled={missing}
              color={rollback ? 'red' : undefined}
            >
              {to ? t(`releases.move.to.${to}`) : ''}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
