import {
  ActionIcon,
  Button,
  Checkbox,
  EmptyState,
  Group,
  Select,
  Skeleton,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Tooltip,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconBan, IconPencil, IconPlus, IconSnowflake, IconTrash } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '../../ui/confirm-dialog';
import { DateTime, useDateFormat } from '../../ui/dates';
import { FormDialog } from '../../ui/form-dialog';
import { notify } from '../../ui/notify';
import { PageHeader } from '../../ui/page';
import { ProblemAlert } from '../../ui/problem';
import { usePermissions } from '../auth/session';
import { ToneBadge } from '../changes/labels';
import { ServiceMultiSelect, ServiceNames } from '../changes/service-multi-select';
import {
  changeCalendarKeys,
  createWindow,
  deleteWindow,
  type FreezeWindow,
  freezeWindowsQuery,
  updateWindow,
  WINDOW_KINDS,
  type WindowKind,
} from './api';
import { fromWallValue, toWallValue } from './zoned-time';

/** Freeze and blackout windows: periods in which changes are refused unless overridden. */
export function FreezeWindowsPage() {
  const { t } = useTranslation();
  const can = usePermissions();
  const manage = can('changes.manage');
  const query = useQuery(freezeWindowsQuery);
  const [editing, setEditing] = useState<FreezeWindow | 'new' | null>(null);
  const [removing, setRemoving] = useState<FreezeWindow | null>(null);
  const queryClient = useQueryClient();
  const windows = [...(query.data?.items ?? [])].sort((a, b) => (a.start < b.start ? -1 : 1));

  return (
    <>
      <PageHeader
        title={t('modules.freezeWindows.label')}
        description={t('changeCalendar.windows.description')}
        actions={
          manage && (
            <Button
              leftSection={<IconPlus size={16} aria-hidden />}
              onClick={() => setEditing('new')}
            >
              {t('changeCalendar.windows.create')}
            </Button>
          )
        }
      />
      {query.isPending ? (
        <Stack gap="xs" aria-busy>
          <Skeleton height={36} />
          <Skeleton height={36} />
        </Stack>
      ) : query.isError ? (
        <ProblemAlert error={query.error} onRetry={() => void query.refetch()} />
      ) : windows.length === 0 ? (
        <EmptyState
          py="xl"
          icon={<IconSnowflake size={28} aria-hidden />}
          title={t('changeCalendar.windows.emptyTitle')}
          description={t('changeCalendar.windows.emptyDescription')}
          withIndicatorBackground
        >
          {manage && (
            <EmptyState.Actions>
              <Button onClick={() => setEditing('new')}>
                {t('changeCalendar.windows.create')}
              </Button>
            </EmptyState.Actions>
          )}
        </EmptyState>
      ) : (
        <Table.ScrollContainer minWidth={800}>
          <Table
            aria-label={t('modules.freezeWindows.label')}
            verticalSpacing="xs"
            highlightOnHover
          >
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('changeCalendar.windows.name')}</Table.Th>
                <Table.Th scope="col">{t('changeCalendar.windows.kind')}</Table.Th>
                <Table.Th scope="col">{t('changeCalendar.windows.start')}</Table.Th>
                <Table.Th scope="col">{t('changeCalendar.windows.end')}</Table.Th>
                <Table.Th scope="col">{t('changeCalendar.windows.services')}</Table.Th>
                <Table.Th scope="col">{t('changeCalendar.windows.reason')}</Table.Th>
                {manage && <Table.Th scope="col">{t('common.actions')}</Table.Th>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {windows.map((window) => (
                <Table.Tr key={window.id}>
                  <Table.Td fw={500}>{window.name}</Table.Td>
                  <Table.Td>
                    <WindowKindBadge kind={window.kind} />
                  </Table.Td>
                  <Table.Td>
                    <DateTime value={window.start} />
                  </Table.Td>
                  <Table.Td>
                    <DateTime value={window.end} />
                  </Table.Td>
                  <Table.Td>
                    {window.serviceIds === null ? (
                      t('changeCalendar.allServices')
                    ) : (
                      <ServiceNames ids={window.serviceIds} />
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" lineClamp={2}>
                      {window.reason || '—'}
                    </Text>
                  </Table.Td>
                  {manage && (
                    <Table.Td>
                      <Group gap={4} wrap="nowrap">
                        <Tooltip label={t('changeCalendar.windows.edit')}>
                          <ActionIcon
                            variant="subtle"
                            aria-label={t('changeCalendar.windows.editNamed', {
                              name: window.name,
                            })}
                            onClick={() => setEditing(window)}
                          >
                            <IconPencil size={16} aria-hidden />
                          </ActionIcon>
                        </Tooltip>
                        <Tooltip label={t('actions.delete')}>
                          <ActionIcon
                            variant="subtle"
                            color="red"
                            aria-label={t('changeCalendar.windows.deleteNamed', {
                              name: window.name,
                            })}
                            onClick={() => setRemoving(window)}
                          >
                            <IconTrash size={16} aria-hidden />
                          </ActionIcon>
                        </Tooltip>
                      </Group>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {manage && (
        <WindowDialog
          key={
            editing === null
              ? 'closed'
              : editing === 'new'
                ? 'new'
                : `${editing.id}:${editing.version}`
          }
          editing={editing}
          onClose={() => setEditing(null)}
        />
      )}
      <ConfirmDialog
        opened={removing !== null}
        onClose={() => setRemoving(null)}
        title={t('changeCalendar.windows.deleteTitle')}
        description={t('changeCalendar.windows.deleteDescription', { name: removing?.name ?? '' })}
        confirmLabel={t('actions.delete')}
        danger
        onConfirm={async () => {
          if (!removing) return;
          await deleteWindow(removing.id, removing.version);
          await queryClient.invalidateQueries({ queryKey: changeCalendarKeys.all });
          notify({ color: 'green', message: t('changeCalendar.windows.deleted') });
        }}
      />
    </>
  );
}

export function WindowKindBadge({ kind }: { kind: WindowKind }) {
  const { t } = useTranslation();
  return (
    <ToneBadge
      tone={kind === 'freeze' ? 'new' : 'inactive'}
      icon={
        kind === 'freeze' ? (
          <IconSnowflake size={12} aria-hidden />
        ) : (
          <IconBan size={12} aria-hidden />
        )
      }
      label={t(`changeCalendar.windowKinds.${kind}`)}
    />
  );
}

interface WindowValues extends Record<string, unknown> {
  name: string;
  kind: WindowKind;
  start: string | null;
  end: string | null;
  allServices: boolean;
  serviceIds: string[];
  reason: string;
}

function WindowDialog({
  editing,
  onClose,
}: {
  editing: FreezeWindow | 'new' | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const { timeZone } = useDateFormat();
  const existing = editing && editing !== 'new' ? editing : null;
  const form = useForm<WindowValues>({
    mode: 'controlled',
    initialValues: {
      name: existing?.name ?? '',
      kind: existing?.kind ?? 'freeze',
      start: toWallValue(existing?.start, timeZone),
      end: toWallValue(existing?.end, timeZone),
      allServices: existing ? existing.serviceIds === null : true,
      serviceIds: existing?.serviceIds ?? [],
      reason: existing?.reason ?? '',
    },
    validate: {
      name: (value) => (value.trim() ? null : t('validation.required')),
      start: (value) => (value ? null : t('validation.required')),
      end: (value, values) =>
        !value
          ? t('validation.required')
          : values.start && value <= values.start
            ? t('changeCalendar.windows.endBeforeStart')
            : null,
      serviceIds: (value, values) =>
        !values.allServices && value.length === 0 ? t('changeCalendar.windows.pickServices') : null,
    },
  });
  const values = form.getValues();
  return (
    <FormDialog
      opened={editing !== null}
      onClose={onClose}
      title={existing ? t('changeCalendar.windows.editTitle') : t('changeCalendar.windows.create')}
      submitLabel={existing ? t('actions.save') : t('changeCalendar.windows.createSubmit')}
      form={form}
      size="lg"
      onSubmit={async (submitted, idempotencyKey) => {
        const body = {
          name: submitted.name.trim(),
          kind: submitted.kind,
          start: fromWallValue(submitted.start, timeZone) ?? '',
          end: fromWallValue(submitted.end, timeZone) ?? '',
          serviceIds: submitted.allServices ? null : submitted.serviceIds,
          reason: submitted.reason.trim(),
        };
        if (existing) await updateWindow(existing.id, body, existing.version);
        else await createWindow(body, idempotencyKey);
        await queryClient.invalidateQueries({ queryKey: changeCalendarKeys.all });
        notify({ color: 'green', message: t('changeCalendar.windows.saved', { name: body.name }) });
      }}
    >
      <TextInput
        label={t('changeCalendar.windows.name')}
        required
        data-autofocus
        autoComplete="off"
        {...form.getInputProps('name')}
      />
      <Select
        label={t('changeCalendar.windows.kind')}
        description={t(`changeCalendar.windows.kindHints.${values.kind}`)}
        data={WINDOW_KINDS.map((kind) => ({
          value: kind,
          label: t(`changeCalendar.windowKinds.${kind}`),
        }))}
        allowDeselect={false}
        comboboxProps={{ withinPortal: true }}
        {...form.getInputProps('kind')}
      />
      <Group grow align="flex-start">
        <TextInput
          type="datetime-local"
          label={t('changeCalendar.windows.start')}
          required
          {...form.getInputProps('start')}
          value={values.start ?? ''}
          onChange={(event) => form.setFieldValue('start', event.currentTarget.value || null)}
        />
        <TextInput
          type="datetime-local"
          label={t('changeCalendar.windows.end')}
          required
          min={values.start ?? undefined}
          {...form.getInputProps('end')}
          value={values.end ?? ''}
          onChange={(event) => form.setFieldValue('end', event.currentTarget.value || null)}
        />
      </Group>
      <Text size="xs" c="dimmed">
        {t('changeCalendar.windows.timeZone', { timeZone })}
      </Text>
      <Checkbox
        label={t('changeCalendar.windows.allServices')}
        {...form.getInputProps('allServices', { type: 'checkbox' })}
      />
      {!values.allServices && (
        <ServiceMultiSelect
          label={t('changeCalendar.windows.services')}
          value={values.serviceIds}
          onChange={(ids) => form.setFieldValue('serviceIds', ids)}
          error={form.errors.serviceIds}
          required
        />
      )}
      <Textarea
        label={t('changeCalendar.windows.reason')}
        autosize
        minRows={2}
        {...form.getInputProps('reason')}
      />
    </FormDialog>
  );
}
