import {
  Badge,
  Button,
  Grid,
  Group,
  Paper,
  Select,
  Stack,
  Tabs,
  TagsInput,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { DateTime } from '../../ui/dates';
import { HistoryTimeline } from '../../ui/history-timeline';
import { notify } from '../../ui/notify';
import { Fact, Facts, PageHeader, RecordLayout, Section } from '../../ui/page';
import { RecordNotices, UnsavedChangesGuard, useRecordForm } from '../../ui/record-form';
import { RecordError, RecordSkeleton } from '../../ui/record-states';
import { UserName, UserSelect } from '../admin-users/user-select';
import { usePermissions } from '../auth/session';
import {
  CHECKLIST_KEYS,
  DOCUMENT_KINDS,
  type DocumentDetail,
  type DocumentKind,
  documentQuery,
  documentsKeys,
  updateDocument,
} from './api';
import { CampaignsPanel } from './campaigns-panel';
import { CommentsPanel } from './comments-panel';
import { DocumentStatusBadge, ReviewOverdueBadge } from './document-status';
import { MarkdownView } from './markdown-view';
import { VersionsPanel } from './versions-panel';
import { WorkflowActions } from './workflow-actions';

const route = getRouteApi('/app/documents/$documentId');

export function DocumentRecordPage() {
  const { t } = useTranslation();
  const { documentId } = route.useParams();
  const query = useQuery(documentQuery(documentId));
  if (query.isPending) return <RecordSkeleton />;
  if (query.isError)
    return (
      <>
        <PageHeader
          title={t('modules.documents.label')}
          crumbs={[{ label: t('modules.documents.label'), to: '/documents' }]}
        />
        <RecordError
          error={query.error}
          onRetry={() => void query.refetch()}
          backTo="/documents"
          backLabel={t('documents.backToList')}
        />
      </>
    );
  return (
    <DocumentRecord document={query.data} refetch={async () => (await query.refetch()).data} />
  );
}

interface FormValues extends Record<string, unknown> {
  title: string;
  body: string;
  kind: DocumentKind;
  ownerId: string | null;
  checklistKey: string | null;
  requirements: string[];
  nextReviewAt: string;
  changeNote: string;
}

const toValues = (d: DocumentDetail): FormValues => ({
  title: d.versions[0]?.title ?? d.title,
  body: d.versions[0]?.body ?? '',
  kind: d.kind,
  ownerId: d.ownerId,
  checklistKey: d.checklistKey,
  requirements: d.requirements,
  nextReviewAt: d.nextReviewAt?.slice(0, 10) ?? '',
  changeNote: '',
});

function DocumentRecord({
  document,
  refetch,
}: {
  document: DocumentDetail;
  refetch: () => Promise<DocumentDetail | undefined>;
}) {
  const { t } = useTranslation();
  const can = usePermissions();
  const manage = can('documents.manage');
  const queryClient = useQueryClient();
  const { tab = 'text' } = route.useSearch();
  const navigate = useNavigate({ from: '/documents/$documentId' });
  const afterChange = async () => {
    void queryClient.invalidateQueries({ queryKey: documentsKeys.lists });
    void queryClient.invalidateQueries({ queryKey: documentsKeys.checklist });
    void queryClient.invalidateQueries({ queryKey: ['audit-events'] });
    return (await refetch()) ?? document;
  };
  const record = useRecordForm({
    record: document,
    toValues,
    validate: { title: (value: string) => (value.trim() ? null : t('validation.required')) },
    save: async (changes, version) => {
      const patch: Record<string, unknown> = { ...changes };
      if ('nextReviewAt' in patch)
        patch.nextReviewAt = patch.nextReviewAt
          ? new Date(`${patch.nextReviewAt as string}T00:00:00.000Z`).toISOString()
          : null;
      if ('changeNote' in patch) patch.changeNote = (patch.changeNote as string).trim() || null;
      await updateDocument(document.id, patch, version);
      return afterChange();
    },
    reload: refetch,
    onSaved: () => notify({ color: 'green', message: t('record.saved') }),
  });
  const { form } = record;
  const retired = document.status === 'retired';
  const frozen = document.status === 'in_review';
  const editable = manage && !retired;
  const working = document.versions[0];
  const startsNewVersion = document.status === 'approved';

  return (
    <>
      <UnsavedChangesGuard when={record.dirty} />
      <PageHeader
        title={`${document.number} · ${document.title}`}
        documentTitle={document.number}
        crumbs={[{ label: t('modules.documents.label'), to: '/documents' }]}
        meta={
          <Group gap="xs">
            <DocumentStatusBadge status={document.status} />
            {document.reviewOverdue && <ReviewOverdueBadge />}
            <Badge variant="light" color="gray" tt="none">
              {t(`documents.kinds.${document.kind}`)}
            </Badge>
            <Text size="sm" c="dimmed">
              {document.approvedVersion
                ? t('documents.inForce', { version: document.approvedVersion })
                : t('documents.notYetApproved')}
            </Text>
          </Group>
        }
        actions={
          manage && (
            <WorkflowActions
              document={document}
              disabled={record.dirty}
              onDone={() => {
                void afterChange();
                notify({ color: 'green', message: t('record.saved') });
              }}
            />
          )
        }
      />
      <Tabs
        value={tab}
        onChange={(value) =>
          void navigate({ search: { tab: (value ?? 'text') as 'text' }, replace: true })
        }
        keepMounted={false}
      >
        <Tabs.List mb="md">
          <Tabs.Tab value="text">{t('documents.tabs.text')}</Tabs.Tab>
          <Tabs.Tab value="versions">
            {t('documents.tabs.versions', { count: document.versions.length })}
          </Tabs.Tab>
          <Tabs.Tab value="review">
            {t('documents.tabs.review', { count: document.comments.length })}
          </Tabs.Tab>
          <Tabs.Tab value="campaigns">{t('documents.tabs.campaigns')}</Tabs.Tab>
          <Tabs.Tab value="history">{t('documents.tabs.history')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="text">
          <RecordLayout
            main={
              <form onSubmit={record.submit} noValidate>
                <Stack gap="md">
                  <RecordNotices
                    record={record}
                    fieldLabel={(f) => f}
                    formatValue={(_f, v) => String(v ?? '—')}
                  />
                  {frozen && manage && (
                    <Text size="sm" c="dimmed">
                      {t('documents.frozenInReview')}
                    </Text>
                  )}
                  {startsNewVersion && editable && (
                    <Text size="sm" c="dimmed">
                      {t('documents.editStartsVersion', { version: document.currentVersion + 1 })}
                    </Text>
                  )}
                  <Section title={t('documents.sections.text', { version: working?.number ?? 1 })}>
                    <Stack gap="sm">
                      {editable && !frozen && (
                        <TextInput
                          label={t('documents.fields.title')}
                          required
                          {...form.getInputProps('title')}
                        />
                      )}
                      {editable && !frozen ? (
                        <Grid gap="md">
                          <Grid.Col span={{ base: 12, lg: 6 }}>
                            <Textarea
                              label={t('documents.fields.body')}
                              description={t('documents.markdownHint')}
                              autosize
                              minRows={16}
                              maxRows={40}
                              styles={{
                                input: { fontFamily: 'var(--mantine-font-family-monospace)' },
                              }}
                              {...form.getInputProps('body')}
                            />
                          </Grid.Col>
                          <Grid.Col span={{ base: 12, lg: 6 }}>
                            <Text size="sm" fw={500} mb={4}>
                              {t('documents.preview')}
                            </Text>
                            <Paper withBorder p="md" aria-label={t('documents.preview')}>
                              <MarkdownView source={form.values.body} />
                            </Paper>
                          </Grid.Col>
                        </Grid>
                      ) : (
                        <Paper withBorder p="md">
                          <MarkdownView source={form.values.body} />
                        </Paper>
                      )}
                      {editable && !frozen && (
                        <TextInput
                          label={t('documents.fields.changeNote')}
                          {...form.getInputProps('changeNote')}
                        />
                      )}
                    </Stack>
                  </Section>
                  {editable && (
                    <Group justify="flex-end">
                      <Button type="submit" loading={record.saving} disabled={!record.dirty}>
                        {t('actions.save')}
                      </Button>
                    </Group>
                  )}
                </Stack>
              </form>
            }
            side={
              <Section title={t('record.details')}>
                {editable ? (
                  <Stack gap="sm">
                    <Select
                      label={t('documents.fields.kind')}
                      data={DOCUMENT_KINDS.map((k) => ({
                        value: k,
                        label: t(`documents.kinds.${k}`),
                      }))}
                      allowDeselect={false}
                      {...form.getInputProps('kind')}
                    />
                    <UserSelect
                      label={t('documents.fields.ownerId')}
                      value={form.values.ownerId}
                      onChange={(value) => form.setFieldValue('ownerId', value)}
                    />
                    <Select
                      label={t('documents.fields.checklistKey')}
                      data={CHECKLIST_KEYS.map((k) => ({
                        value: k,
                        label: t(`documents.checklistKeys.${k}`),
                      }))}
                      clearable
                      {...form.getInputProps('checklistKey')}
                    />
                    <TagsInput
                      label={t('documents.fields.requirements')}
                      description={t('documents.requirementsHint')}
                      {...form.getInputProps('requirements')}
                    />
                    <TextInput
                      type="date"
                      label={t('documents.fields.nextReviewAt')}
                      {...form.getInputProps('nextReviewAt')}
                    />
                    <Button
                      variant="default"
                      onClick={() => record.submit()}
                      disabled={!record.dirty}
                      loading={record.saving}
                    >
                      {t('actions.save')}
                    </Button>
                  </Stack>
                ) : (
                  <Facts>
                    <Fact label={t('documents.fields.ownerId')}>
                      {document.ownerId ? <UserName id={document.ownerId} /> : '—'}
                    </Fact>
                    <Fact label={t('documents.fields.checklistKey')}>
                      {document.checklistKey
                        ? t(`documents.checklistKeys.${document.checklistKey as 'scope'}`)
                        : '—'}
                    </Fact>
                    <Fact label={t('documents.fields.requirements')}>
                      {document.requirements.join(', ') || '—'}
                    </Fact>
                    <Fact label={t('documents.fields.nextReviewAt')}>
                      <DateTime value={document.nextReviewAt} format="date" />
                    </Fact>
                  </Facts>
                )}
              </Section>
            }
          />
        </Tabs.Panel>
        <Tabs.Panel value="versions">
          <VersionsPanel versions={document.versions} />
        </Tabs.Panel>
        <Tabs.Panel value="review">
          <CommentsPanel
            documentId={document.id}
            comments={document.comments}
            canComment={manage}
            onAdded={() => void afterChange()}
          />
        </Tabs.Panel>
        <Tabs.Panel value="campaigns">
          <CampaignsPanel
            documentId={document.id}
            canLaunch={manage}
            launchable={document.approvedVersion !== null && !retired}
          />
        </Tabs.Panel>
        <Tabs.Panel value="history">
          <HistoryTimeline entity={`document:${document.id}`} />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}
