import {
  Badge,
  Button,
  Group,
  MultiSelect,
  Paper,
  Progress,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDisclosure } from '@mantine/hooks';
import { IconSpeakerphone } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { Group as ResolverGroup } from '../../api/types';
import { DateTime } from '../../ui/dates';
import { FormDialog } from '../../ui/form-dialog';
import { notify } from '../../ui/notify';
import { ProblemAlert } from '../../ui/problem';
import { GroupName } from '../catalogue/group-select';
import { type Campaign, campaignsQuery, documentsKeys, launchCampaign } from './api';

const ROLES = ['admin', 'manager', 'agent', 'auditor', 'requester'] as const;

export function CampaignsPanel(props: {
  documentId: string;
  canLaunch: boolean;
  launchable: boolean;
}) {
  const { t } = useTranslation();
  const query = useQuery(campaignsQuery(props.documentId));
  const [opened, dialog] = useDisclosure(false);
  return (
    <Stack gap="sm">
      {props.canLaunch && (
        <Group>
          <Button
            leftSection={<IconSpeakerphone size={16} aria-hidden />}
            onClick={dialog.open}
            disabled={!props.launchable}
          >
            {t('documents.campaigns.launch')}
          </Button>
          {!props.launchable && (
            <Text size="sm" c="dimmed">
              {t('documents.campaigns.needsApproval')}
            </Text>
          )}
        </Group>
      )}
      {query.isError && <ProblemAlert error={query.error} onRetry={() => void query.refetch()} />}
      {query.data?.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('documents.campaigns.none')}
        </Text>
      )}
      {query.data?.map((c) => (
        <CampaignCard key={c.id} campaign={c} />
      ))}
      {props.canLaunch && (
        <LaunchDialog documentId={props.documentId} opened={opened} onClose={dialog.close} />
      )}
    </Stack>
  );
}

function CampaignCard({ campaign: c }: { campaign: Campaign }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="md">
      <Stack gap={6}>
        <Group justify="space-between" wrap="wrap">
          <Text fw={600} size="sm">
            {t('documents.campaigns.title', { version: c.versionNumber })}
          </Text>
          <Group gap="xs">
            {c.overdue && (
              <Badge color="red" variant="filled" size="sm">
                {t('documents.campaigns.overdue')}
              </Badge>
            )}
            <Text size="sm" c="dimmed">
              {t('documents.campaigns.due')} <DateTime value={c.dueAt} format="date" />
            </Text>
          </Group>
        </Group>
        <Text size="sm" c="dimmed">
          {t('documents.campaigns.audience')}{' '}
          {c.roles.map((r) => t(`roles.${r as 'agent'}`)).join(', ')}
          {c.groupIds.map((id, i) => (
            <span key={id}>
              {i > 0 || c.roles.length > 0 ? ', ' : ''}
              <GroupName id={id} />
            </span>
          ))}
        </Text>
        <Progress
          value={c.percent}
          color={c.percent === 100 ? 'green' : c.overdue ? 'red' : 'blue'}
          aria-label={t('documents.campaigns.completion')}
        />
        <Text size="sm">
          {t('documents.campaigns.progress', {
            done: c.acknowledged,
            total: c.targeted,
            percent: c.percent,
          })}
        </Text>
        {c.missing.length > 0 && (
          <Text size="sm">
            <Text span fw={500}>
              {t('documents.campaigns.missing')}
            </Text>{' '}
            {c.missing.map((m) => m.name).join(', ')}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}

function LaunchDialog(props: { documentId: string; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const groups = useQuery({
    queryKey: ['groups', 'list', 'campaign-picker'],
    queryFn: ({ signal }) => api.list<ResolverGroup>('/api/v1/groups', { limit: 200 }, signal),
    enabled: props.opened,
  });
  const form = useForm({
    mode: 'controlled',
    initialValues: { roles: [] as string[], groupIds: [] as string[], dueAt: '', message: '' },
    validate: {
      dueAt: (value) => (value ? null : t('validation.required')),
      roles: (value, values) =>
        value.length || values.groupIds.length ? null : t('documents.campaigns.whoRequired'),
    },
  });
  return (
    <FormDialog
      opened={props.opened}
      onClose={props.onClose}
      title={t('documents.campaigns.launchTitle')}
      submitLabel={t('documents.campaigns.launch')}
      form={form}
      onSubmit={async (values, idempotencyKey) => {
        const campaign = await launchCampaign(
          props.documentId,
          {
            roles: values.roles,
            groupIds: values.groupIds,
            dueAt: new Date(`${values.dueAt}T23:59:59.000Z`).toISOString(),
            message: values.message.trim() || null,
          },
          idempotencyKey,
        );
        await queryClient.invalidateQueries({
          queryKey: documentsKeys.campaigns(props.documentId),
        });
        notify({
          color: 'green',
          message: t('documents.campaigns.launched', { count: campaign.targeted }),
        });
        props.onClose();
      }}
    >
      <MultiSelect
        label={t('documents.campaigns.roles')}
        data={ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
        data-autofocus
        {...form.getInputProps('roles')}
      />
      <MultiSelect
        label={t('documents.campaigns.groups')}
        data={(groups.data?.items ?? []).map((g) => ({ value: g.id, label: g.name }))}
        searchable
        {...form.getInputProps('groupIds')}
      />
      <TextInput
        type="date"
        label={t('documents.campaigns.dueAt')}
        required
        {...form.getInputProps('dueAt')}
      />
      <Textarea
        label={t('documents.campaigns.message')}
        autosize
        minRows={2}
        {...form.getInputProps('message')}
      />
    </FormDialog>
  );
}
