import { Button, EmptyState, Group, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDisclosure } from '@mantine/hooks';
import { IconPlus, IconPresentation } from '@tabler/icons-react';
import { useInfiniteQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { type Column, DataTable } from '../../ui/data-table';
import { ExportMenu } from '../../ui/export-menu';
import { FormDialog } from '../../ui/form-dialog';
import { AnchorLink } from '../../ui/links';
import { PageHeader } from '../../ui/page';
import { usePermissions, useSession } from '../auth/session';
import { PersonSelect } from '../catalogue/person-select';
import { useDayFormat } from '../compliance/format';
import {
  createReview,
  type Review,
  type ReviewListItem,
  reviewsKeys,
  reviewsListQuery,
} from './api';
import { ReviewStatusBadge } from './labels';
import { PeopleMultiSelect } from './people-multi-select';

export function ReviewsListPage() {
  const { t } = useTranslation();
  const can = usePermissions();
  const day = useDayFormat();
  const navigate = useNavigate();
  const [createOpened, create] = useDisclosure(false);
  const query = useInfiniteQuery(reviewsListQuery());
  const open = (id: string) =>
    void navigate({ to: '/management-reviews/$reviewId', params: { reviewId: id } });
  const columns: Column<ReviewListItem>[] = [
    {
      id: 'number',
      header: t('managementReviews.fields.number'),
      cell: (r) => (
        <AnchorLink
          to="/management-reviews/$reviewId"
          params={{ reviewId: r.id }}
          fw={500}
          size="sm"
        >
          {r.number}
        </AnchorLink>
      ),
    },
    { id: 'title', header: t('managementReviews.fields.title'), cell: (r) => r.title, wrap: true },
    {
      id: 'status',
      header: t('managementReviews.fields.status'),
      cell: (r) => <ReviewStatusBadge status={r.status} />,
    },
    {
      id: 'plannedOn',
      header: t('managementReviews.fields.plannedOn'),
      cell: (r) => day(r.plannedOn),
    },
    { id: 'heldOn', header: t('managementReviews.fields.heldOn'), cell: (r) => day(r.heldOn) },
    {
      id: 'chair',
      header: t('managementReviews.fields.chairId'),
      cell: (r) => r.chairName ?? '—',
    },
    {
      id: 'actions',
      header: t('managementReviews.list.openActions'),
      cell: (r) => (
        <Text size="sm" c={r.overdueActions > 0 ? 'red' : undefined}>
          {t('managementReviews.list.actionCounts', {
            open: r.openActions,
            overdue: r.overdueActions,
          })}
        </Text>
      ),
    },
  ];
  return (
    <>
      <PageHeader
        title={t('modules.managementReviews.label')}
        description={t('managementReviews.list.description')}
        actions={
          <>
            {/* The list takes no filter: the export holds every review. */}
            <ExportMenu path="/management-reviews" />
            {can('reviews.manage') && (
              <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={create.open}>
                {t('managementReviews.create.open')}
              </Button>
            )}
          </>
        }
      />
      <DataTable
        label={t('modules.managementReviews.label')}
        storageKey="management-reviews"
        columns={columns}
        query={query}
        rowKey={(r) => r.id}
        onOpen={(r) => open(r.id)}
        empty={
          <EmptyState
            icon={<IconPresentation size={28} aria-hidden />}
            title={t('managementReviews.list.emptyTitle')}
            description={t('managementReviews.list.emptyDescription')}
            withIndicatorBackground
          />
        }
      />
      {can('reviews.manage') && (
        <ReviewCreateDialog
          opened={createOpened}
          onClose={create.close}
          onCreated={(review) => open(review.id)}
        />
      )}
    </>
  );
}

interface Values extends Record<string, unknown> {
  title: string;
  plannedOn: string;
  chairId: string | null;
  attendeeIds: string[];
}

function ReviewCreateDialog(props: {
  opened: boolean;
  onClose: () => void;
  onCreated: (review: Review) => void;
}) {
  const { t } = useTranslation();
  const { user } = useSession();
  const queryClient = useQueryClient();
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: { title: '', plannedOn: '', chairId: user.id, attendeeIds: [user.id] },
    validate: {
      title: (value) => (value.trim() ? null : t('validation.required')),
      plannedOn: (value) => (value ? null : t('validation.required')),
    },
  });
  return (
    <FormDialog
      opened={props.opened}
      onClose={props.onClose}
      title={t('managementReviews.create.title')}
      submitLabel={t('managementReviews.create.submit')}
      form={form}
      onSubmit={async (values, idempotencyKey) => {
        const created = await createReview(
          {
            title: values.title.trim(),
            plannedOn: values.plannedOn,
            chairId: values.chairId,
            attendeeIds: values.attendeeIds,
          },
          idempotencyKey,
        );
        await queryClient.invalidateQueries({ queryKey: reviewsKeys.all });
        props.onCreated(created);
      }}
    >
      <Stack gap="sm">
        <TextInput
          label={t('managementReviews.fields.title')}
          placeholder={t('managementReviews.create.titlePlaceholder')}
          required
          data-autofocus
          {...form.getInputProps('title')}
        />
        <Group grow align="flex-start">
          <TextInput
            type="date"
            label={t('managementReviews.fields.plannedOn')}
            required
            {...form.getInputProps('plannedOn')}
          />
          <PersonSelect
            label={t('managementReviews.fields.chairId')}
            value={form.values.chairId}
            onChange={(value) => form.setFieldValue('chairId', value)}
            error={form.errors.chairId}
          />
        </Group>
        <PeopleMultiSelect
          label={t('managementReviews.fields.attendees')}
          value={form.values.attendeeIds}
          known={[{ id: user.id, name: user.name }]}
          onChange={(value) => form.setFieldValue('attendeeIds', value)}
          error={form.errors.attendeeIds}
        />
      </Stack>
    </FormDialog>
  );
}
