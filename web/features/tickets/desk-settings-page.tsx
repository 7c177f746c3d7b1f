import { NumberInput, Radio, Select, Stack, Switch, Table, TagsInput, Text } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { notify } from '../../ui/notify';
import { PageHeader, Section } from '../../ui/page';
import { RecordNotices, SaveBar, UnsavedChangesGuard, useRecordForm } from '../../ui/record-form';
import { RecordError, RecordSkeleton } from '../../ui/record-states';
import { usePermissions } from '../auth/session';
import {
  type DeskSettings,
  deskSettingsQuery,
  LEVELS,
  PRIORITIES,
  type Priority,
  ticketsKeys,
  updateDeskSettings,
} from './api';
import { priorityLabel } from './labels';

// The desk's settings: which priority each impact × urgency pair gives, how long a resolved
// ticket may be reopened, what meets the first-response clock, whether requesters see their
// organisation's tickets, and the incident categories. Saved with the version (If-Match); a
// concurrent change is merged the same way as on every record page.

type FirstResponseBy = DeskSettings['firstResponseBy'];

interface Values extends Record<string, unknown> {
  priorityMatrix: Record<string, Priority>;
  reopenWindowDays: number;
  firstResponseBy: FirstResponseBy;
  requestersSeeOrganisationTickets: boolean;
  categories: string[];
}

const toValues = (settings: DeskSettings): Values => ({
  priorityMatrix: settings.priorityMatrix as Record<string, Priority>,
  reopenWindowDays: settings.reopenWindowDays,
  firstResponseBy: settings.firstResponseBy,
  requestersSeeOrganisationTickets: settings.requestersSeeOrganisationTickets,
  categories: settings.categories,
});

export function DeskSettingsPage() {
  const { t } = useTranslation();
  const query = useQuery(deskSettingsQuery());
  if (query.isPending) return <RecordSkeleton />;
  if (query.isError) {
    return (
      <>
        <PageHeader title={t('modules.deskSettings.label')} />
        <RecordError
          error={query.error}
          onRetry={() => void query.refetch()}
          backTo="/"
          backLabel={t('desk.settings.backHome')}
        />
      </>
    );
  }
  return <SettingsForm settings={query.data} reload={async () => (await query.refetch()).data} />;
}

function SettingsForm({
  settings,
  reload,
}: {
  settings: DeskSettings;
  reload: () => Promise<DeskSettings | undefined>;
}) {
  const { t } = useTranslation();
  const can = usePermissions();
  const queryClient = useQueryClient();
  const manage = can('desk.configure');
  const record = useRecordForm({
    record: settings,
    toValues,
    validate: {
      reopenWindowDays: (value: number) =>
        Number.isInteger(value) && value >= 0 && value <= 365
          ? null
          : t('desk.settings.reopenInvalid'),
      categories: (value: string[]) =>
        value.length > 0 ? null : t('desk.settings.categoriesRequired'),
    },
    normalize: (values) => ({
      ...values,
      categories: [...new Set(values.categories.map((c) => c.trim()).filter(Boolean))],
    }),
    save: (changes, version) => updateDeskSettings(changes, version),
    reload,
    onSaved: (saved) => {
      queryClient.setQueryData(ticketsKeys.settings, saved);
      void queryClient.invalidateQueries({ queryKey: ['audit-events'] });
      notify({ color: 'green', message: t('record.saved') });
    },
  });
  const { form } = record;
  const fieldLabel = (field: string) =>
    (
      ({
        priorityMatrix: t('desk.settings.matrix'),
        reopenWindowDays: t('desk.settings.reopenWindowDays'),
        firstResponseBy: t('desk.settings.firstResponseBy'),
        requestersSeeOrganisationTickets: t('desk.settings.organisationTickets'),
        categories: t('desk.settings.categories'),
      }) as Record<string, string>
    )[field] ?? field;
  const formatValue = (field: string, value: unknown): ReactNode => {
    if (field === 'priorityMatrix' && value && typeof value === 'object')
      return Object.entries(value as Record<string, string>)
        .sort()
        .map(([key, priority]) => `${key}: ${priority}`)
        .join(', ');
    if (field === 'firstResponseBy')
      return t(`desk.settings.firstResponse.${value as FirstResponseBy}`);
    if (typeof value === 'boolean') return value ? t('common.yes') : t('common.no');
    if (Array.isArray(value)) return value.join(', ');
    return String(value);
  };
  const levelName = (level: number) => t(`desk.levels.${level as 1 | 2 | 3}`);
  const urgencyName = (level: number) => t(`desk.urgencyLevels.${level as 1 | 2 | 3}`);

  return (
    <>
      <UnsavedChangesGuard when={record.dirty} />
      <PageHeader
        title={t('modules.deskSettings.label')}
        description={t('modules.deskSettings.description')}
      />
      <form onSubmit={record.submit} noValidate>
        <Stack gap="lg" maw={820}>
          <RecordNotices record={record} fieldLabel={fieldLabel} formatValue={formatValue} />

          <Section title={t('desk.settings.matrix')}>
            <Text size="sm" c="dimmed" mb="sm">
              {t('desk.settings.matrixHint')}
            </Text>
            <Table withTableBorder withColumnBorders verticalSpacing="xs" maw={620}>
              <Table.Caption>{t('desk.settings.matrixCaption')}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('desk.settings.impactDown')}</Table.Th>
                  {LEVELS.map((urgency) => (
                    <Table.Th key={urgency} scope="col">
                      {t('desk.settings.urgencyHeader', { level: urgencyName(urgency) })}
                    </Table.Th>
                  ))}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {LEVELS.map((impact) => (
                  <Table.Tr key={impact}>
                    <Table.Th scope="row">
                      {t('desk.settings.impactHeader', { level: levelName(impact) })}
                    </Table.Th>
                    {LEVELS.map((urgency) => {
                      const key = `${impact}-${urgency}`;
                      return (
                        <Table.Td key={key}>
                          <Select
                            aria-label={t('desk.settings.cell', {
                              impact: levelName(impact),
                              urgency: urgencyName(urgency),
                            })}
                            data={PRIORITIES.map((value) => ({
                              value,
                              label: `${value} · ${priorityLabel(t, value)}`,
                            }))}
                            value={form.values.priorityMatrix[key] ?? null}
                            onChange={(value) =>
                              value &&
                              form.setFieldValue('priorityMatrix', {
                                ...form.values.priorityMatrix,
                                [key]: value as Priority,
                              })
                            }
                            allowDeselect={false}
                            disabled={!manage}
                            size="xs"
                          />
                        </Table.Td>
                      );
                    })}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Section>

          <Section title={t('desk.settings.lifecycle')}>
            <Stack gap="md">
              <NumberInput
                label={t('desk.settings.reopenWindowDays')}
                description={t('desk.settings.reopenHint')}
                min={0}
                max={365}
                allowDecimal={false}
                suffix={` ${t('desk.settings.days')}`}
                disabled={!manage}
                w={220}
                {...form.getInputProps('reopenWindowDays')}
              />
              <Radio.Group
                label={t('desk.settings.firstResponseBy')}
                description={t('desk.settings.firstResponseHint')}
                {...form.getInputProps('firstResponseBy')}
              >
                <Stack gap="xs" mt="xs">
                  <Radio
                    value="public-reply"
                    label={t('desk.settings.firstResponse.public-reply')}
                    disabled={!manage}
                  />
                  <Radio
                    value="public-reply-or-acknowledgement"
                    label={t('desk.settings.firstResponse.public-reply-or-acknowledgement')}
                    disabled={!manage}
                  />
                </Stack>
              </Radio.Group>
              <Switch
                label={t('desk.settings.organisationTickets')}
                description={t('desk.settings.organisationHint')}
                disabled={!manage}
                {...form.getInputProps('requestersSeeOrganisationTickets', { type: 'checkbox' })}
              />
            </Stack>
          </Section>

          <Section title={t('desk.settings.categories')}>
            <TagsInput
              label={t('desk.settings.categories')}
              description={t('desk.settings.categoriesHint')}
              disabled={!manage}
              maxTags={100}
              clearable
              {...form.getInputProps('categories')}
            />
          </Section>

          {manage && <SaveBar record={record} />}
        </Stack>
      </form>
    </>
  );
}
