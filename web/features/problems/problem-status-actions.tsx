import { Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { notify } from '../../ui/notify';
import { ProblemAlert } from '../../ui/problem';
import { NEXT_STATUSES, type Problem, type ProblemStatus, transitionProblem } from './api';

/** The moves the life cycle allows from here; those that need RCA text ask for it first. */
export function ProblemStatusActions({
  problem,
  disabled,
  onSaved,
}: {
  problem: Problem;
  /** Unsaved edits on the page: save or discard them before moving the problem. */
  disabled: boolean;
  onSaved: (problem: Problem) => void;
}) {
  const { t } = useTranslation();
  const [target, setTarget] = useState<ProblemStatus | null>(null);
  const [rootCause, setRootCause] = useState('');
  const [workaround, setWorkaround] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const next = NEXT_STATUSES[problem.status];
  const needsText = (status: ProblemStatus) => status === 'known_error' || status === 'resolved';

  const move = async (
    status: ProblemStatus,
    texts: { rootCause?: string; workaround?: string },
  ) => {
    setBusy(true);
    setError(null);
    try {
      const saved = await transitionProblem(problem.id, { status, ...texts }, problem.version);
      onSaved(saved);
      setTarget(null);
      notify({
        color: 'green',
        message: t('problems.actions.done', { status: t(`problems.statuses.${status}`) }),
      });
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  const open = (status: ProblemStatus) => {
    setError(null);
    if (!needsText(status)) {
      void move(status, {});
      return;
    }
    setRootCause(problem.rootCause ?? '');
    setWorkaround(problem.workaround ?? '');
    setTarget(status);
  };

  if (!next.length) return null;
  const fieldErrors = isApiError(error) ? error.fieldErrors() : {};
  return (
    <>
      <Group gap="xs">
        {next.map((status, index) => (
          <Button
            key={status}
            variant={index === 0 ? 'filled' : 'default'}
            disabled={disabled}
            loading={busy && target === null}
            onClick={() => open(status)}
            title={disabled ? t('problems.actions.saveFirst') : undefined}
          >
            {t(`problems.actions.to.${status}`)}
          </Button>
        ))}
      </Group>
      {error !== null && target === null && (
        <Text size="sm" c="red" role="alert">
          {t('problems.actions.failed')}
        </Text>
      )}
      <Modal
        opened={target !== null}
        onClose={() => setTarget(null)}
        title={target ? t(`problems.actions.to.${target}`) : ''}
        size="lg"
      >
        <form
          onSubmit={(event) => {
            event.preventDefault();
            if (!target) return;
            void move(target, {
              rootCause: rootCause.trim(),
              ...(target === 'known_error' ? { workaround: workaround.trim() } : {}),
            });
          }}
          noValidate
        >
          <Stack gap="sm">
            {error !== null && <ProblemAlert error={error} />}
            <Text size="sm" c="dimmed">
              {target === 'known_error'
                ? t('problems.actions.knownErrorHint')
                : t('problems.actions.resolveHint')}
            </Text>
            <Textarea
              label={t('problems.fields.rootCause')}
              required
              autosize
              minRows={3}
              data-autofocus
              value={rootCause}
              onChange={(event) => setRootCause(event.currentTarget.value)}
              error={fieldErrors.rootCause}
            />
            {target === 'known_error' && (
              <Textarea
                label={t('problems.fields.workaround')}
                required
                autosize
                minRows={3}
                value={workaround}
                onChange={(event) => setWorkaround(event.currentTarget.value)}
                error={fieldErrors.workaround}
              />
            )}
            <Group justify="flex-end" gap="xs">
              <Button variant="default" onClick={() => setTarget(null)}>
                {t('actions.cancel')}
              </Button>
              <Button
                type="submit"
                loading={busy}
                disabled={!rootCause.trim() || (target === 'known_error' && !workaround.trim())}
              >
                {target ? t(`problems.actions.to.${target}`) : ''}
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </>
  );
}
