import { Badge, Button, Group, Paper, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DateTime } from '../../ui/dates';
import { ProblemAlert } from '../../ui/problem';
import { addComment, type DocumentComment } from './api';

const DECISION_COLORS = { comment: 'gray', approve: 'green', reject: 'red' } as const;

export function CommentsPanel(props: {
  documentId: string;
  comments: DocumentComment[];
  canComment: boolean;
  onAdded: () => void;
}) {
  const { t } = useTranslation();
  const [body, setBody] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  return (
    <Stack gap="sm">
      {props.comments.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('documents.review.none')}
        </Text>
      )}
      {props.comments.map((c) => (
        <Paper key={c.id} withBorder p="sm">
          <Group gap="xs" mb={4}>
            <Text size="sm" fw={600}>
              {c.authorName}
            </Text>
            <Badge size="sm" variant="light" color={DECISION_COLORS[c.decision]}>
              {t(`documents.review.decisions.${c.decision}`)}
            </Badge>
            <Text size="xs" c="dimmed">
              v{c.versionNumber} · <DateTime value={c.createdAt} />
            </Text>
          </Group>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {c.body}
          </Text>
        </Paper>
      ))}
      {props.canComment && (
        <form
          onSubmit={async (e) => {
            e.preventDefault();
            if (!body.trim()) return;
            setBusy(true);
            setError(null);
            try {
              await addComment(props.documentId, body.trim());
              setBody('');
              props.onAdded();
            } catch (err) {
              setError(err);
            } finally {
              setBusy(false);
            }
          }}
        >
          <Stack gap="xs">
            <Textarea
              label={t('documents.review.add')}
              autosize
              minRows={2}
              value={body}
              onChange={(e) => setBody(e.currentTarget.value)}
            />
            {error !== null && <ProblemAlert error={error} />}
            <Group justify="flex-end">
              <Button type="submit" loading={busy} disabled={!body.trim()}>
                {t('documents.review.post')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Stack>
  );
}
