import { Button, Group, NumberInput, Stack, Tabs, Textarea, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { notify } from '../../ui/notify';
import { ProblemAlert } from '../../ui/problem';
import { UnsavedChangesGuard } from '../../ui/record-form';
import { MarkdownView } from '../documents/markdown-view';
import { type CourseDetail, type CourseVersion, editDraft, type Quiz, trainingKeys } from './api';
import { QuizEditor } from './quiz-editor';

interface Draft {
  changeNote: string;
  durationMinutes: number | string;
  link: string;
  content: string;
  quiz: Quiz | null;
}

const draftOf = (v: CourseVersion): Draft => ({
  changeNote: v.changeNote,
  durationMinutes: v.durationMinutes,
  link: v.link ?? '',
  content: v.content,
  quiz: v.quiz,
});

/** The draft version of a course: content (Markdown), duration, link, change note and quiz. */
export function DraftEditor({ course, draft }: { course: CourseDetail; draft: CourseVersion }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [values, setValues] = useState<Draft>(() => draftOf(draft));
  const dirty = JSON.stringify(values) !== JSON.stringify(draftOf(draft));
  const save = useMutation({
    mutationFn: () =>
      editDraft(
        course.id,
        {
          changeNote: values.changeNote,
          durationMinutes:
            typeof values.durationMinutes === 'number' ? values.durationMinutes : undefined,
          link: values.link.trim() || null,
          content: values.content,
          quiz: values.quiz,
        },
        course.version,
      ),
    onSuccess: (saved) => {
      queryClient.setQueryData(trainingKeys.course(course.id), saved);
      const next = saved.versions.find((v) => v.number === draft.number);
      if (next) setValues(draftOf(next));
      notify({ color: 'green', message: t('training.draft.saved') });
    },
  });
  const errors = save.error && isApiError(save.error) ? save.error.fieldErrors() : {};
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) =>
    setValues((v) => ({ ...v, [key]: value }));
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        save.mutate();
      }}
      noValidate
    >
      <UnsavedChangesGuard when={dirty} />
      <Stack gap="sm">
        <Group grow align="flex-start">
          <TextInput
            label={t('training.fields.changeNote')}
            value={values.changeNote}
            onChange={(e) => set('changeNote', e.currentTarget.value)}
            error={errors.changeNote}
          />
          <NumberInput
            label={t('training.fields.duration')}
            min={1}
            max={6000}
            suffix=" min"
            value={values.durationMinutes}
            onChange={(v) => set('durationMinutes', v)}
            error={errors.durationMinutes}
          />
        </Group>
        <TextInput
          label={t('training.fields.link')}
          description={t('training.draft.linkHint')}
          value={values.link}
          onChange={(e) => set('link', e.currentTarget.value)}
          error={errors.link}
        />
        <Tabs defaultValue="write">
          <Tabs.List>
            <Tabs.Tab value="write">{t('training.draft.write')}</Tabs.Tab>
            <Tabs.Tab value="preview">{t('training.draft.preview')}</Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="write" pt="xs">
            <Textarea
              label={t('training.fields.content')}
              description={t('training.draft.contentHint')}
              value={values.content}
              onChange={(e) => set('content', e.currentTarget.value)}
              error={errors.content}
              autosize
              minRows={8}
              maxRows={24}
              styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
            />
          </Tabs.Panel>
          <Tabs.Panel value="preview" pt="xs">
            <MarkdownView source={values.content} />
          </Tabs.Panel>
        </Tabs>
        <QuizEditor value={values.quiz} onChange={(quiz) => set('quiz', quiz)} />
        {save.isError && <ProblemAlert error={save.error} />}
        <Group>
          <Button type="submit" loading={save.isPending} disabled={!dirty}>
            {t('training.draft.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
