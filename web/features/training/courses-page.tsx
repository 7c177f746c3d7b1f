import {
  Button,
  EmptyState,
  Group,
  Paper,
  Skeleton,
  Table,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDisclosure } from '@mantine/hooks';
import { IconCertificate, IconPlus } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { FormDialog } from '../../ui/form-dialog';
import { AnchorLink } from '../../ui/links';
import { notify } from '../../ui/notify';
import { PageHeader } from '../../ui/page';
import { ProblemAlert } from '../../ui/problem';
import { StatusBadge } from '../../ui/status-badge';
import { usePermissions } from '../auth/session';
import { type Course, coursesQuery, createCourse, trainingKeys } from './api';

export function CourseStatus({ status }: { status: Course['status'] }) {
  const { t } = useTranslation();
  const tone = status === 'published' ? 'done' : status === 'draft' ? 'new' : 'inactive';
  return <StatusBadge tone={tone} label={t(`training.courseStatuses.${status}`)} size="sm" />;
}

function CreateCourseDialog({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const form = useForm({
    mode: 'controlled',
    initialValues: { code: '', title: '', description: '' },
    validate: {
      code: (v) => (v.trim() ? null : t('validation.required')),
      title: (v) => (v.trim() ? null : t('validation.required')),
    },
  });
  return (
    <FormDialog
      opened={opened}
      onClose={onClose}
      title={t('training.create.title')}
      submitLabel={t('training.create.submit')}
      form={form}
      onSubmit={async (values, idempotencyKey) => {
        const course = await createCourse(values, idempotencyKey);
        await queryClient.invalidateQueries({ queryKey: trainingKeys.courses });
        notify({ color: 'green', message: t('training.create.created', { title: course.title }) });
        await navigate({ to: '/training/courses/$courseId', params: { courseId: course.id } });
      }}
    >
      <TextInput
        label={t('training.fields.code')}
        description={t('training.create.codeHint')}
        required
        data-autofocus
        {...form.getInputProps('code')}
      />
      <TextInput label={t('training.fields.title')} required {...form.getInputProps('title')} />
      <Textarea
        label={t('training.fields.description')}
        autosize
        minRows={2}
        {...form.getInputProps('description')}
      />
    </FormDialog>
  );
}

/** The course catalogue: every published course; drafts and retired ones for training managers. */
export function CoursesPage() {
  const { t } = useTranslation();
  const can = usePermissions();
  const [opened, { open, close }] = useDisclosure(false);
  const query = useQuery(coursesQuery());
  const items = query.data ?? [];
  return (
    <>
      <PageHeader
        title={t('modules.courses.label')}
        description={t('training.catalogue.description')}
        actions={
          can('training.manage') && (
            <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={open}>
              {t('training.create.open')}
            </Button>
          )
        }
      />
      {query.isPending && <Skeleton height={160} />}
      {query.isError && <ProblemAlert error={query.error} onRetry={() => void query.refetch()} />}
      {query.isSuccess && items.length === 0 && (
        <EmptyState
          icon={<IconCertificate size={28} aria-hidden />}
          title={t('training.catalogue.emptyTitle')}
          description={t('training.catalogue.emptyDescription')}
          withIndicatorBackground
        />
      )}
      {items.length > 0 && (
        <Paper withBorder>
          <Table verticalSpacing="sm" aria-label={t('modules.courses.label')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('training.fields.title')}</Table.Th>
                <Table.Th>{t('training.fields.code')}</Table.Th>
                <Table.Th>{t('training.fields.status')}</Table.Th>
                <Table.Th>{t('training.fields.version')}</Table.Th>
                <Table.Th>{t('training.fields.owner')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((c) => (
                <Table.Tr key={c.id}>
                  <Table.Td>
                    <AnchorLink
                      to="/training/courses/$courseId"
                      params={{ courseId: c.id }}
                      fw={500}
                      size="sm"
                    >
                      {c.title}
                    </AnchorLink>
                    <Text size="xs" c="dimmed" lineClamp={1}>
                      {c.description}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" ff="monospace">
                      {c.code}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Group gap="xs">
                      <CourseStatus status={c.status} />
                    </Group>
                  </Table.Td>
                  <Table.Td>{c.publishedVersion ? `v${c.publishedVersion}` : '—'}</Table.Td>
                  <Table.Td>{c.ownerName ?? '—'}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      )}
      <CreateCourseDialog opened={opened} onClose={close} />
    </>
  );
}
