import {
  Button,
  Checkbox,
  EmptyState,
  Group,
  SegmentedControl,
  Select,
  TagsInput,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDisclosure } from '@mantine/hooks';
import { IconDownload, IconFileText, IconPlus } from '@tabler/icons-react';
import { useInfiniteQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { type Column, DataTable } from '../../ui/data-table';
import { DateTime } from '../../ui/dates';
import { ExportMenu } from '../../ui/export-menu';
import { FormDialog } from '../../ui/form-dialog';
import { AnchorLink } from '../../ui/links';
import { notify } from '../../ui/notify';
import { PageHeader } from '../../ui/page';
import { UserName } from '../admin-users/user-select';
import { usePermissions } from '../auth/session';
import {
  CHECKLIST_KEYS,
  createDocument,
  DOCUMENT_KINDS,
  DOCUMENT_STATUSES,
  type DocumentKind,
  type DocumentRecord,
  type DocumentStatus,
  documentsKeys,
  documentsListQuery,
  GUIDELINES_URL,
} from './api';
import { ChecklistView } from './checklist-view';
import { DocumentStatusBadge, ReviewOverdueBadge } from './document-status';

const route = getRouteApi('/app/documents');

export function DocumentsListPage() {
  const { t } = useTranslation();
  const can = usePermissions();
  const search = route.useSearch();
  const navigate = useNavigate({ from: '/documents' });
  const [createOpened, create] = useDisclosure(false);
  const { view, ...filters } = search;
  const query = useInfiniteQuery({ ...documentsListQuery(filters), enabled: view !== 'checklist' });
  const openDocument = (id: string) =>
    void navigate({ to: '/documents/$documentId', params: { documentId: id } });
  const filtered = Boolean(
    filters.kind || filters.status || filters.requirement || filters.reviewOverdue,
  );

  const columns: Column<DocumentRecord>[] = [
    {
      id: 'number',
      header: t('documents.fields.number'),
      cell: (d) => (
        <AnchorLink to="/documents/$documentId" params={{ documentId: d.id }} fw={500} size="sm">
          {d.number}
        </AnchorLink>
      ),
    },
    { id: 'title', header: t('documents.fields.title'), cell: (d) => d.title, wrap: true },
    { id: 'kind', header: t('documents.fields.kind'), cell: (d) => t(`documents.kinds.${d.kind}`) },
    {
      id: 'status',
      header: t('documents.fields.status'),
      cell: (d) => (
        <Group gap={4} wrap="nowrap">
          <DocumentStatusBadge status={d.status} />
          {d.reviewOverdue && <ReviewOverdueBadge />}
        </Group>
      ),
    },
    {
      id: 'version',
      header: t('documents.fields.version'),
      cell: (d) =>
        d.approvedVersion && d.approvedVersion !== d.currentVersion
          ? t('documents.versionPair', { approved: d.approvedVersion, current: d.currentVersion })
          : `v${d.currentVersion}`,
    },
    {
      id: 'requirements',
      header: t('documents.fields.requirements'),
      cell: (d) => d.requirements.join(', ') || '—',
      wrap: true,
    },
    {
      id: 'owner',
      header: t('documents.fields.ownerId'),
      cell: (d) => (d.ownerId ? <UserName id={d.ownerId} /> : '—'),
    },
    {
      id: 'nextReviewAt',
      header: t('documents.fields.nextReviewAt'),
      cell: (d) => <DateTime value={d.nextReviewAt} format="date" />,
    },
  ];

  const setSearch = (patch: Partial<typeof search>) =>
    void navigate({ search: { ...search, ...patch }, replace: true });

  return (
    <>
      <PageHeader
        title={t('modules.documents.label')}
        description={t('documents.description')}
        actions={
          <Group gap="xs">
            <ExportMenu path="/documents" filters={{ ...filters }} />
            <Button
              component="a"
              href={GUIDELINES_URL}
              download
              variant="default"
              leftSection={<IconDownload size={16} aria-hidden />}
            >
              {t('documents.guidelines.download')}
            </Button>
            {can('documents.manage') && (
              <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={create.open}>
                {t('documents.create.open')}
              </Button>
            )}
          </Group>
        }
      />
      <SegmentedControl
        mb="md"
        aria-label={t('documents.views.label')}
        value={view ?? 'register'}
        onChange={(value) =>
          void navigate({
            search: value === 'checklist' ? { view: 'checklist' } : {},
            replace: true,
          })
        }
        data={[
          { value: 'register', label: t('documents.views.register') },
          { value: 'checklist', label: t('documents.views.checklist') },
        ]}
      />
      {view === 'checklist' ? (
        <ChecklistView />
      ) : (
        <DataTable
          label={t('modules.documents.label')}
          storageKey="documents"
          columns={columns}
          query={query}
          rowKey={(d) => d.id}
          onOpen={(d) => openDocument(d.id)}
          toolbar={
            <Group gap="sm" align="flex-end" wrap="wrap">
              <Select
                label={t('documents.fields.kind')}
                placeholder={t('documents.filters.anyKind')}
                data={DOCUMENT_KINDS.map((k) => ({ value: k, label: t(`documents.kinds.${k}`) }))}
                value={search.kind ?? null}
                onChange={(value) =>
                  setSearch({ kind: (value as DocumentKind | null) ?? undefined })
                }
                clearable
                w={180}
              />
              <Select
                label={t('documents.fields.status')}
                placeholder={t('documents.filters.anyStatus')}
                data={DOCUMENT_STATUSES.map((s) => ({
                  value: s,
                  label: t(`documents.statuses.${s}`),
                }))}
                value={search.status ?? null}
                onChange={(value) =>
                  setSearch({ status: (value as DocumentStatus | null) ?? undefined })
                }
                clearable
                w={170}
              />
              <TextInput
                key={search.requirement ?? ''}
                label={t('documents.fields.requirement')}
                placeholder="8.5.1.1"
                defaultValue={search.requirement ?? ''}
                onBlur={(e) =>
                  setSearch({ requirement: e.currentTarget.value.trim() || undefined })
                }
                onKeyDown={(e) => {
                  if (e.key === 'Enter')
                    setSearch({ requirement: e.currentTarget.value.trim() || undefined });
                }}
                w={130}
              />
              <Checkbox
                label={t('documents.filters.reviewOverdue')}
                checked={search.reviewOverdue ?? false}
                onChange={(e) => setSearch({ reviewOverdue: e.currentTarget.checked || undefined })}
                mb={8}
              />
            </Group>
          }
          empty={
            <EmptyState
              icon={<IconFileText size={28} aria-hidden />}
              title={filtered ? t('documents.empty.filteredTitle') : t('documents.empty.title')}
              description={t('documents.empty.description')}
              withIndicatorBackground
            >
              {filtered && (
                <EmptyState.Actions>
                  <Button
                    variant="default"
                    onClick={() => void navigate({ search: {}, replace: true })}
                  >
                    {t('actions.clearFilters')}
                  </Button>
                </EmptyState.Actions>
              )}
            </EmptyState>
          }
        />
      )}
      {can('documents.manage') && (
        <DocumentCreateDialog
          opened={createOpened}
          onClose={create.close}
          onCreated={(d) => openDocument(d.id)}
        />
      )}
    </>
  );
}

function DocumentCreateDialog(props: {
  opened: boolean;
  onClose: () => void;
  onCreated: (d: DocumentRecord) => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const form = useForm({
    mode: 'controlled',
    initialValues: {
      kind: 'policy' as DocumentKind,
      title: '',
      checklistKey: null as string | null,
      requirements: [] as string[],
    },
    validate: { title: (value) => (value.trim() ? null : t('validation.required')) },
  });
  return (
    <FormDialog
      opened={props.opened}
      onClose={props.onClose}
      title={t('documents.create.title')}
      submitLabel={t('documents.create.submit')}
      form={form}
      onSubmit={async (values, idempotencyKey) => {
        const created = await createDocument(
          {
            kind: values.kind,
            title: values.title.trim(),
            checklistKey: values.checklistKey,
            requirements: values.requirements,
          },
          idempotencyKey,
        );
        await queryClient.invalidateQueries({ queryKey: documentsKeys.all });
        notify({ color: 'green', message: t('documents.create.done', { number: created.number }) });
        props.onCreated(created);
      }}
    >
      <Select
        label={t('documents.fields.kind')}
        data={DOCUMENT_KINDS.map((k) => ({ value: k, label: t(`documents.kinds.${k}`) }))}
        allowDeselect={false}
        {...form.getInputProps('kind')}
      />
      <TextInput
        label={t('documents.fields.title')}
        required
        data-autofocus
        {...form.getInputProps('title')}
      />
      <Select
        label={t('documents.fields.checklistKey')}
        description={t('documents.checklistKeyHint')}
        data={CHECKLIST_KEYS.map((k) => ({ value: k, label: t(`documents.checklistKeys.${k}`) }))}
        clearable
        {...form.getInputProps('checklistKey')}
      />
      <TagsInput
        label={t('documents.fields.requirements')}
        description={t('documents.requirementsHint')}
        placeholder="8.5.1.1"
        {...form.getInputProps('requirements')}
      />
    </FormDialog>
  );
}
