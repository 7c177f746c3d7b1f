import { Alert, Button, Group, Modal, Stack, Table, Text } from '@mantine/core';
import { type UseFormReturnType, useForm } from '@mantine/form';
import { IconGitMerge } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useBlocker } from '@tanstack/react-router';
import { type ReactNode, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, isApiError, isVersionConflict } from '../api/client';
import { ProblemAlert } from './problem';

// Editing a versioned record. The form remembers which version it was based on and sends it as
// If-Match, with only the fields the user changed. When someone else saved in between
// (412 VERSION_CONFLICT) nothing typed is lost: the latest version is fetched and merged into
// the form — their changes to fields the user did not touch are taken over, the user's own
// edits stay — and the fields both changed are shown side by side. The user then saves their
// version on top of the new one, or takes the current values.

type Values = Record<string, unknown>;

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

interface UseRecordFormOptions<R extends { version: number }, V extends Values> {
  record: R;
  toValues: (record: R) => V;
  validate?: Partial<Record<keyof V, (value: never, values: V) => ReactNode>>;
  /** Cleans values before they are compared and sent (e.g. trims names). */
  normalize?: (values: V) => V;
  /** Sends the changed fields only. */
  save: (changes: Partial<V>, version: number) => Promise<R>;
  /** Fetches the latest version of the record (after a conflict). */
  reload: () => Promise<R | undefined>;
  onSaved?: (record: R) => void;
}

export interface RecordForm<V extends Values> {
  form: UseFormReturnType<V>;
  dirty: boolean;
  saving: boolean;
  error: unknown;
  /** While the user resolves a conflict: the values now on the server and the ones the edit began from. */
  conflict: { theirs: V; base: V } | null;
  submit: (event?: React.FormEvent<HTMLFormElement>) => void;
  keepMine: () => void;
  useTheirs: () => void;
  discard: () => void;
}

export function useRecordForm<R extends { version: number }, V extends Values>(
  options: UseRecordFormOptions<R, V>,
): RecordForm<V> {
  const { record, toValues, save, reload, onSaved } = options;
  const normalize = options.normalize ?? ((values: V) => values);
  const queryClient = useQueryClient();
  const form = useForm<V>({
    mode: 'controlled',
    initialValues: toValues(record),
    // biome-ignore lint/suspicious/noExplicitAny: Mantine's validate typing is recursive
    validate: options.validate as any,
  });
  const [baseVersion, setBaseVersion] = useState(record.version);
  const [latest, setLatest] = useState<R | null>(null);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [conflict, setConflict] = useState<{ theirs: V; base: V } | null>(null);
  const dirty = form.isDirty();

  const adopt = (next: R) => {
    const values = toValues(next);
    form.setInitialValues(values);
    form.setValues(values);
    form.resetDirty(values);
    form.clearErrors();
    setBaseVersion(next.version);
    setConflict(null);
    setLatest(null);
    setError(null);
  };

  // Someone else's change arriving in the background replaces an untouched form; an edited form
  // is left alone and will meet the conflict when saved.
  // biome-ignore lint/correctness/useExhaustiveDependencies: react to new versions only
  useEffect(() => {
    if (record.version !== baseVersion && !form.isDirty()) adopt(record);
  }, [record.version]);

  const merge = (current: R) => {
    const base = form.getInitialValues();
    const mine = form.getValues();
    const theirs = toValues(current);
    const merged = { ...mine };
    for (const key of Object.keys(theirs) as (keyof V)[]) {
      const iChanged = !same(mine[key], base[key]);
      const theyChanged = !same(theirs[key], base[key]);
      if (theyChanged && !iChanged) merged[key] = theirs[key];
    }
    form.setInitialValues(theirs);
    form.setValues(merged);
    setBaseVersion(current.version);
    setLatest(current);
    setConflict({ theirs, base });
  };

  const submit = async () => {
    const values = normalize(form.getValues());
    const base = form.getInitialValues();
    const changes: Partial<V> = {};
    for (const key of Object.keys(values) as (keyof V)[]) {
      if (!same(values[key], base[key])) changes[key] = values[key];
    }
    if (Object.keys(changes).length === 0) {
      // Only blanks were typed: nothing to send, show the stored values again.
      adopt(latest ?? record);
      return;
    }
    setSaving(true);
    setError(null);
    try {
      const saved = await save(changes, baseVersion);
      adopt(saved);
      onSaved?.(saved);
    } catch (caught) {
      if (isVersionConflict(caught)) {
        const current = await reload().catch(() => undefined);
        // The timeline should show what the other person just did.
        void queryClient.invalidateQueries({ queryKey: ['audit-events'] });
        if (current) merge(current);
        else setError(caught);
      } else {
        if (isApiError(caught)) form.setErrors(caught.fieldErrors());
        setError(caught);
      }
    } finally {
      setSaving(false);
    }
  };

  return {
    form,
    dirty,
    saving,
    error,
    conflict,
    submit: (event) => {
      event?.preventDefault();
      if (form.validate().hasErrors) return;
      void submit();
    },
    keepMine: () => {
      if (form.validate().hasErrors) return;
      void submit();
    },
    useTheirs: () => adopt(latest ?? record),
    discard: () => adopt(latest ?? record),
  };
}

interface ConflictPanelProps<V extends Values> {
  mine: V;
  conflict: { theirs: V; base: V };
  fieldLabel: (field: keyof V & string) => string;
  formatValue: (field: keyof V & string, value: unknown) => ReactNode;
  onKeepMine: () => void;
  onUseTheirs: () => void;
}

export function ConflictPanel<V extends Values>(props: ConflictPanelProps<V>) {
  const { mine, conflict, fieldLabel, formatValue, onKeepMine, onUseTheirs } = props;
  const { theirs, base } = conflict;
  const { t } = useTranslation();
  // Only the fields both people changed, to different values, need a decision.
  const fields = (Object.keys(mine) as (keyof V & string)[]).filter(
    (field) => !same(theirs[field], base[field]) && !same(mine[field], theirs[field]),
  );
  return (
    <Alert
      color="orange"
      variant="light"
      icon={<IconGitMerge aria-hidden />}
      title={t('conflict.title')}
      role="alert"
    >
      <Stack gap="sm">
        <Text size="sm">
          {fields.length > 0 ? t('conflict.description') : t('conflict.merged')}
        </Text>
        {fields.length > 0 && (
          <Table withTableBorder verticalSpacing={4} fz="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('conflict.field')}</Table.Th>
                <Table.Th scope="col">{t('conflict.mine')}</Table.Th>
                <Table.Th scope="col">{t('conflict.theirs')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {fields.map((field) => (
                <Table.Tr key={field}>
                  <Table.Td>{fieldLabel(field)}</Table.Td>
                  <Table.Td>{formatValue(field, mine[field])}</Table.Td>
                  <Table.Td>{formatValue(field, theirs[field])}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        <Group gap="xs">
          <Button size="xs" onClick={onKeepMine}>
            {t('conflict.keepMine')}
          </Button>
          <Button size="xs" variant="default" onClick={onUseTheirs}>
            {t('conflict.useTheirs')}
          </Button>
        </Group>
      </Stack>
    </Alert>
  );
}

/** Asks before leaving a page (in-app navigation or closing the tab) with unsaved changes. */
export function UnsavedChangesGuard({ when }: { when: boolean }) {
  const { t } = useTranslation();
  const blocker = useBlocker({
    shouldBlockFn: ({ current, next }) => when && current.pathname !== next.pathname,
    enableBeforeUnload: () => when,
    withResolver: true,
  });
  return (
    <Modal
      opened={blocker.status === 'blocked'}
      onClose={() => blocker.reset?.()}
      title={t('unsaved.title')}
      size="md"
      closeButtonProps={{ 'aria-label': t('actions.close') }}
    >
      <Stack gap="md">
        <Text size="sm">{t('unsaved.description')}</Text>
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={() => blocker.reset?.()} data-autofocus>
            {t('unsaved.stay')}
          </Button>
          <Button color="red" onClick={() => blocker.proceed?.()}>
            {t('unsaved.leave')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

export function fieldErrorsOf(error: unknown): Record<string, string> {
  return error instanceof ApiError ? error.fieldErrors() : {};
}

interface RecordNoticesProps<V extends Values> {
  record: RecordForm<V>;
  fieldLabel: (field: keyof V & string) => string;
  formatValue: (field: keyof V & string, value: unknown) => ReactNode;
}

/**
 * What every record form shows above its fields: the conflict to resolve when someone else saved
 * first, and the problem the last save ran into.
 */
export function RecordNotices<V extends Values>({
  record,
  fieldLabel,
  formatValue,
}: RecordNoticesProps<V>) {
  return (
    <>
      {record.conflict && (
        <ConflictPanel
          mine={record.form.values}
          conflict={record.conflict}
          fieldLabel={fieldLabel}
          formatValue={formatValue}
          onKeepMine={record.keepMine}
          onUseTheirs={record.useTheirs}
        />
      )}
      {record.error !== null && <ProblemAlert error={record.error} />}
    </>
  );
}

/** Save and Discard under a record's form, with the reminder that edits are not saved yet. */
export function SaveBar({
  record,
}: {
  record: Pick<RecordForm<Values>, 'dirty' | 'saving' | 'discard'>;
}) {
  const { t } = useTranslation();
  return (
    <Group gap="xs">
      <Button type="submit" loading={record.saving} disabled={!record.dirty}>
        {t('actions.save')}
      </Button>
      <Button variant="default" onClick={record.discard} disabled={!record.dirty || record.saving}>
        {t('actions.discard')}
      </Button>
      {record.dirty && (
        <Text size="sm" c="dimmed">
          {t('record.unsavedHint')}
        </Text>
      )}
    </Group>
  );
}
