import { Button, EmptyState, Select, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDisclosure } from '@mantine/hooks';
import { IconMessageReport, IconPlus } from '@tabler/icons-react';
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
  COMPLAINT_STATUSES,
  type Complaint,
  type ComplaintStatus,
  complaintsKeys,
  complaintsListQuery,
  createComplaint,
} from './api';
import { ComplaintStatusBadge } from './complaint-status';

const route = getRouteApi('/app/complaints');

export function ComplaintsListPage() {
  const { t } = useTranslation();
  const can = usePermissions();
  const search = route.useSearch();
  const navigate = useNavigate({ from: '/complaints' });
  const [createOpened, create] = useDisclosure(false);
  const query = useInfiniteQuery(complaintsListQuery(search));
  const openComplaint = (id: string) =>
    void navigate({ to: '/complaints/$complaintId', params: { complaintId: id } });

  const columns: Column<Complaint>[] = [
    {
      id: 'number',
      header: t('complaints.fields.number'),
      cell: (complaint) => (
        <AnchorLink
          to="/complaints/$complaintId"
          params={{ complaintId: complaint.id }}
          fw={500}
          size="sm"
        >
          {complaint.number}
        </AnchorLink>
      ),
    },
    {
      id: 'summary',
      header: t('complaints.fields.summary'),
      cell: (complaint) => complaint.summary,
      wrap: true,
    },
    {
      id: 'status',
      header: t('complaints.fields.status'),
      cell: (complaint) => <ComplaintStatusBadge status={complaint.status} />,
    },
    {
      id: 'owner',
      header: t('complaints.fields.ownerId'),
      cell: (complaint) => (complaint.ownerId ? <UserName id={complaint.ownerId} /> : '—'),
    },
    {
      id: 'createdAt',
      header: t('common.createdAt'),
      cell: (complaint) => <DateTime value={complaint.createdAt} format="date" />,
    },
  ];

  return (
    <>
      <PageHeader
        title={t('modules.complaints.label')}
        description={t('complaints.description')}
        actions={
          <>
            <ExportMenu path="/complaints" filters={{ status: search.status }} />
            {can('tickets.work') && (
              <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={create.open}>
                {t('complaints.create.open')}
              </Button>
            )}
          </>
        }
      />
      <DataTable
        label={t('modules.complaints.label')}
        storageKey="complaints"
        columns={columns}
        query={query}
        rowKey={(complaint) => complaint.id}
        onOpen={(complaint) => openComplaint(complaint.id)}
        toolbar={
          <Select
            label={t('complaints.fields.status')}
            placeholder={t('complaints.filters.anyStatus')}
            data={COMPLAINT_STATUSES.map((status) => ({
              value: status,
              label: t(`complaints.statuses.${status}`),
            }))}
            value={search.status ?? null}
            onChange={(value) =>
              void navigate({
                search: { status: (value as ComplaintStatus | null) ?? undefined },
                replace: true,
              })
            }
            clearable
            w={200}
          />
        }
        empty={
          <EmptyState
            icon={<IconMessageReport size={28} aria-hidden />}
            title={
              search.status ? t('complaints.empty.filteredTitle') : t('complaints.empty.title')
            }
            description={t('complaints.empty.description')}
            withIndicatorBackground
          >
            {search.status && (
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
      {can('tickets.work') && (
        <ComplaintCreateDialog
          opened={createOpened}
          onClose={create.close}
          onCreated={(complaint) => openComplaint(complaint.id)}
        />
      )}
    </>
  );
}

function ComplaintCreateDialog(props: {
  opened: boolean;
  onClose: () => void;
  onCreated: (complaint: Complaint) => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const form = useForm({
    mode: 'controlled',
    initialValues: { summary: '' },
    validate: { summary: (value) => (value.trim() ? null : t('validation.required')) },
  });
  return (
    <FormDialog
      opened={props.opened}
      onClose={props.onClose}
      title={t('complaints.create.title')}
      submitLabel={t('complaints.create.submit')}
      form={form}
      onSubmit={async (values, idempotencyKey) => {
        const created = await createComplaint({ summary: values.summary.trim() }, idempotencyKey);
        await queryClient.invalidateQueries({ queryKey: complaintsKeys.lists });
        notify({
          color: 'green',
          message: t('complaints.create.done', { number: created.number }),
        });
        props.onCreated(created);
      }}
    >
      <Textarea
        label={t('complaints.fields.summary')}
        description={t('complaints.create.summaryHint')}
        required
        autosize
        minRows={4}
        data-autofocus
        {...form.getInputProps('summary')}
      />
    </FormDialog>
  );
}
