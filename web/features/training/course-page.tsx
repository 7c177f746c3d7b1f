import { Button, Stack, Table, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconPlayerPlay, IconPlus } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '../../ui/confirm-dialog';
import { DateTime } from '../../ui/dates';
import { notify } from '../../ui/notify';
import { Fact, Facts, PageHeader, RecordLayout, Section } from '../../ui/page';
import { ProblemAlert } from '../../ui/problem';
import { RecordError, RecordSkeleton } from '../../ui/record-states';
import { StatusBadge } from '../../ui/status-badge';
import { usePermissions } from '../auth/session';
import { MarkdownView } from '../documents/markdown-view';
import { type CourseDetail, courseQuery, courseStep, startVersion, trainingKeys } from './api';
import { CourseAssignments } from './course-assignments';
import { CourseStatus } from './courses-page';
import { DraftEditor } from './draft-editor';
import { RequirementsPanel } from './requirements-panel';

const route = getRouteApi('/app/training/courses/$courseId');

function VersionsTable({ course }: { course: CourseDetail }) {
  const { t } = useTranslation();
  return (
    <Table aria-label={t('training.versions.title')}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('training.fields.version')}</Table.Th>
          <Table.Th>{t('training.fields.status')}</Table.Th>
          <Table.Th>{t('training.fields.changeNote')}</Table.Th>
          <Table.Th>{t('training.fields.duration')}</Table.Th>
          <Table.Th>{t('training.versions.quiz')}</Table.Th>
          <Table.Th>{t('training.versions.publishedAt')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {course.versions.map((v) => (
          <Table.Tr key={v.number}>
            <Table.Td>v{v.number}</Table.Td>
            <Table.Td>
              <StatusBadge
                tone={v.status === 'draft' ? 'new' : 'done'}
                label={t(`training.versionStatuses.${v.status}`)}
                size="sm"
              />
            </Table.Td>
            <Table.Td>{v.changeNote || '—'}</Table.Td>
            <Table.Td>{t('training.minutes', { count: v.durationMinutes })}</Table.Td>
            <Table.Td>
              {v.questionCount === 0
                ? t('training.versions.noQuiz')
                : t('training.versions.quizSummary', {
                    count: v.questionCount,
                    passMark: v.passMark,
                  })}
            </Table.Td>
            <Table.Td>
              <DateTime value={v.publishedAt} format="date" />
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** A course: its content, versions and quiz, who must take it, and who has. */
export function CoursePage() {
  const { t } = useTranslation();
  const { courseId } = route.useParams();
  const can = usePermissions();
  const manage = can('training.manage');
  const queryClient = useQueryClient();
  const query = useQuery(courseQuery(courseId));
  const [retiring, retire] = useDisclosure(false);
  const saved = (course: CourseDetail, message: string) => {
    queryClient.setQueryData(trainingKeys.course(courseId), course);
    void queryClient.invalidateQueries({ queryKey: trainingKeys.all });
    notify({ color: 'green', message });
  };
  const publish = useMutation({
    mutationFn: (version: number) => courseStep(courseId, 'publish', version),
    onSuccess: (c) => saved(c, t('training.course.published', { version: c.publishedVersion })),
  });
  const next = useMutation({
    mutationFn: (version: number) => startVersion(courseId, {}, version),
    onSuccess: (c) => saved(c, t('training.course.draftStarted')),
  });
  const back = { label: t('modules.courses.label'), to: '/training/courses' };
  if (query.isPending) return <RecordSkeleton />;
  if (query.isError)
    return (
      <>
        <PageHeader title={t('modules.courses.label')} crumbs={[back]} />
        <RecordError
          error={query.error}
          onRetry={() => void query.refetch()}
          backTo="/training/courses"
          backLabel={t('training.backToCatalogue')}
        />
      </>
    );
  const course = query.data;
  const draft = course.versions.find((v) => v.status === 'draft');
  const published = course.versions.find((v) => v.number === course.publishedVersion);
  return (
    <>
      <PageHeader
        title={course.title}
        crumbs={[back]}
        description={course.description}
        meta={
          <>
            <Text size="sm" ff="monospace">
              {course.code}
            </Text>
            <CourseStatus status={course.status} />
          </>
        }
        actions={
          manage && (
            <>
              {draft && (
                <Button
                  leftSection={<IconPlayerPlay size={16} aria-hidden />}
                  loading={publish.isPending}
                  onClick={() => publish.mutate(course.version)}
                >
                  {t('training.course.publish', { version: draft.number })}
                </Button>
              )}
              {!draft && course.status !== 'retired' && (
                <Button
                  variant="default"
                  leftSection={<IconPlus size={16} aria-hidden />}
                  loading={next.isPending}
                  onClick={() => next.mutate(course.version)}
                >
                  {t('training.course.newVersion')}
                </Button>
              )}
              {course.status !== 'retired' && (
                <Button variant="subtle" color="red" onClick={retire.open}>
                  {t('training.course.retire')}
                </Button>
              )}
            </>
          )
        }
      />
      {(publish.isError || next.isError) && <ProblemAlert error={publish.error ?? next.error} />}
      <RecordLayout
        main={
          <Stack gap="lg">
            {manage && draft && (
              <Section title={t('training.draft.title', { version: draft.number })}>
                <DraftEditor
                  key={`${draft.number}-${course.version}`}
                  course={course}
                  draft={draft}
                />
              </Section>
            )}
            {published && (
              <Section title={t('training.course.content', { version: published.number })}>
                <MarkdownView source={published.content} />
              </Section>
            )}
            <Section title={t('training.requirements.title')}>
              <RequirementsPanel course={course} manage={manage} />
            </Section>
            {can('training.report') && (
              <Section title={t('training.assign.title')}>
                <CourseAssignments course={course} manage={manage} />
              </Section>
            )}
            <Section title={t('training.versions.title')}>
              <VersionsTable course={course} />
            </Section>
          </Stack>
        }
        side={
          <Facts>
            <Fact label={t('training.fields.owner')}>{course.ownerName ?? '—'}</Fact>
            <Fact label={t('training.fields.publishedVersion')}>
              {course.publishedVersion ? `v${course.publishedVersion}` : '—'}
            </Fact>
            {published && (
              <Fact label={t('training.fields.duration')}>
                {t('training.minutes', { count: published.durationMinutes })}
              </Fact>
            )}
            <Fact label={t('common.updatedAt')}>
              <DateTime value={course.updatedAt} />
            </Fact>
          </Facts>
        }
      />
      <ConfirmDialog
        opened={retiring}
        onClose={retire.close}
        title={t('training.course.retireTitle')}
        description={t('training.course.retireDescription')}
        confirmLabel={t('training.course.retire')}
        danger
        onConfirm={async () => {
          saved(await courseStep(courseId, 'retire', course.version), t('training.course.retired'));
          retire.close();
        }}
      />
    </>
  );
}
