import { Alert, Button, Checkbox, Group, Paper, Stack, Text } from '@mantine/core';
import { IconCheck } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DateTime } from '../../ui/dates';
import { notify } from '../../ui/notify';
import { PageHeader } from '../../ui/page';
import { ProblemAlert } from '../../ui/problem';
import { RecordError, RecordSkeleton } from '../../ui/record-states';
import { AcknowledgementState } from './acknowledgements-page';
import { acknowledge, documentsKeys, myAcknowledgementQuery } from './api';
import { MarkdownView } from './markdown-view';

const route = getRouteApi('/app/acknowledgements/$campaignId');

/** Read the version a campaign asks for, then acknowledge it (once). */
export function AcknowledgementPage() {
  const { t } = useTranslation();
  const { campaignId } = route.useParams();
  const query = useQuery(myAcknowledgementQuery(campaignId));
  const queryClient = useQueryClient();
  const [read, setRead] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const crumbs = [{ label: t('modules.acknowledgements.label'), to: '/acknowledgements' }];
  if (query.isPending) return <RecordSkeleton />;
  if (query.isError)
    return (
      <>
        <PageHeader title={t('modules.acknowledgements.label')} crumbs={crumbs} />
        <RecordError
          error={query.error}
          onRetry={() => void query.refetch()}
          backTo="/acknowledgements"
          backLabel={t('documents.acknowledgements.back')}
        />
      </>
    );
  const item = query.data;
  return (
    <>
      <PageHeader
        title={item.title}
        documentTitle={item.documentNumber}
        crumbs={crumbs}
        meta={
          <Group gap="xs">
            <AcknowledgementState item={item} />
            <Text size="sm" c="dimmed">
              {item.documentNumber} · v{item.versionNumber} · {t('documents.campaigns.due')}{' '}
              <DateTime value={item.dueAt} format="date" />
            </Text>
          </Group>
        }
      />
      <Stack gap="md" maw={900}>
        {item.message && <Alert variant="light">{item.message}</Alert>}
        <Paper withBorder p="lg">
          <MarkdownView source={item.body} />
          {item.approvedAt && (
            <Text size="xs" c="dimmed" mt="md">
              {t('documents.approvedBy', { name: item.approvedByName ?? '—' })}{' '}
              <DateTime value={item.approvedAt} format="date" />
            </Text>
          )}
        </Paper>
        {item.acknowledgedAt ? (
          <Alert color="green" icon={<IconCheck size={18} aria-hidden />}>
            {t('documents.acknowledgements.acknowledgedOn', { version: item.acknowledgedVersion })}{' '}
            <DateTime value={item.acknowledgedAt} />
          </Alert>
        ) : (
          <Paper withBorder p="md">
            <Stack gap="sm">
              <Checkbox
                label={t('documents.acknowledgements.confirm')}
                checked={read}
                onChange={(e) => setRead(e.currentTarget.checked)}
              />
              {error !== null && <ProblemAlert error={error} />}
              <Group>
                <Button
                  disabled={!read}
                  loading={busy}
                  leftSection={<IconCheck size={16} aria-hidden />}
                  onClick={async () => {
                    setBusy(true);
                    setError(null);
                    try {
                      await acknowledge(campaignId);
                      await queryClient.invalidateQueries({ queryKey: documentsKeys.mine });
                      notify({ color: 'green', message: t('documents.acknowledgements.thanks') });
                    } catch (e) {
                      setError(e);
                    } finally {
                      setBusy(false);
                    }
                  }}
                >
                  {t('documents.acknowledgements.acknowledge')}
                </Button>
              </Group>
            </Stack>
          </Paper>
        )}
      </Stack>
    </>
  );
}
