import {
  ActionIcon,
  Button,
  Group,
  List,
  Select,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { AnchorLink } from '../../ui/links';
import { notify } from '../../ui/notify';
import { ProblemAlert } from '../../ui/problem';
import { useSession } from '../auth/session';
import { PersonSelect } from '../catalogue/person-select';
import { useDayFormat } from '../compliance/format';
import { RaiseImprovementButton } from '../improvements/raise-improvement-button';
import {
  addAction,
  addDecision,
  type Review,
  type ReviewAction,
  removeDecision,
  updateAction,
} from './api';
import { ActionStatusBadge } from './labels';

/** The decisions of the review; managers add and remove them while it is not closed. */
export function ReviewDecisions({
  review,
  editable,
  onSaved,
}: {
  review: Review;
  editable: boolean;
  onSaved: (review: Review) => void;
}) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const run = async (work: () => Promise<Review>, done: string) => {
    setBusy(true);
    setError(null);
    try {
      onSaved(await work());
      notify({ color: 'green', message: done });
      return true;
    } catch (failure) {
      setError(failure);
      return false;
    } finally {
      setBusy(false);
    }
  };
  return (
    <Stack gap="sm">
      {error !== null && <ProblemAlert error={error} />}
      {review.decisions.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('managementReviews.decisions.none')}
        </Text>
      ) : (
        <List spacing="xs" size="sm" type="ordered">
          {review.decisions.map((decision, index) => (
            <List.Item key={decision.id}>
              <Group gap="xs" wrap="nowrap" align="flex-start">
                <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                  {decision.text}
                </Text>
                {editable && (
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    aria-label={t('managementReviews.decisions.remove', { n: index + 1 })}
                    onClick={() =>
                      void run(
                        () => removeDecision(review.id, decision.id),
                        t('managementReviews.decisions.removed'),
                      )
                    }
                  >
                    <IconTrash size={16} aria-hidden />
                  </ActionIcon>
                )}
              </Group>
            </List.Item>
          ))}
        </List>
      )}
      {editable && (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            if (!text.trim()) return;
            void run(
              () => addDecision(review.id, text.trim()),
              t('managementReviews.decisions.added'),
            ).then((ok) => ok && setText(''));
          }}
        >
          <Stack gap="xs">
            <Textarea
              label={t('managementReviews.decisions.new')}
              autosize
              minRows={2}
              value={text}
              onChange={(event) => setText(event.currentTarget.value)}
            />
            <Group>
              <Button type="submit" size="sm" loading={busy} disabled={!text.trim()}>
                {t('managementReviews.decisions.add')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Stack>
  );
}

/** Actions with owner and due date, tracked to done; each may become an improvement. */
export function ReviewActions({
  review,
  manages,
  onChanged,
}: {
  review: Review;
  manages: boolean;
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const day = useDayFormat();
  const { user } = useSession();
  const [busyId, setBusyId] = useState<string | null>(null);
  const toggle = async (action: ReviewAction) => {
    setBusyId(action.id);
    try {
      await updateAction(
        action.id,
        { status: action.status === 'done' ? 'open' : 'done' },
        action.version,
      );
      onChanged();
      notify({ color: 'green', message: t('managementReviews.actions.updated') });
    } catch (failure) {
      notify({
        color: 'red',
        message: isApiError(failure) ? failure.message : t('errors.unexpected'),
      });
    } finally {
      setBusyId(null);
    }
  };
  const decisionNumber = (id: string | null) => {
    const index = review.decisions.findIndex((d) => d.id === id);
    return index < 0 ? null : index + 1;
  };
  return (
    <Stack gap="sm">
      {review.actions.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('managementReviews.actions.none')}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table fz="sm" verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('managementReviews.actions.title')}</Table.Th>
                <Table.Th>{t('managementReviews.actions.owner')}</Table.Th>
                <Table.Th>{t('managementReviews.actions.dueDate')}</Table.Th>
                <Table.Th>{t('managementReviews.actions.status')}</Table.Th>
                <Table.Th>{t('common.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {review.actions.map((action) => {
                const mayUpdate = manages || action.ownerId === user.id;
                const decision = decisionNumber(action.decisionId);
                return (
                  <Table.Tr key={action.id}>
                    <Table.Td>
                      <Stack gap={2}>
                        <Text size="sm">{action.title}</Text>
                        {decision !== null && (
                          <Text size="xs" c="dimmed">
                            {t('managementReviews.actions.fromDecision', { n: decision })}
                          </Text>
                        )}
                        {action.improvements.map((improvement) => (
                          <AnchorLink
                            key={improvement.id}
                            to="/improvements/$improvementId"
                            params={{ improvementId: improvement.id }}
                            size="xs"
                          >
                            {improvement.number} · {improvement.title}
                          </AnchorLink>
                        ))}
                      </Stack>
                    </Table.Td>
                    <Table.Td>{action.ownerName ?? '—'}</Table.Td>
                    <Table.Td>{day(action.dueDate)}</Table.Td>
                    <Table.Td>
                      <ActionStatusBadge action={action} />
                    </Table.Td>
                    <Table.Td>
                      <Group gap="xs" wrap="wrap">
                        {mayUpdate && (
                          <Button
                            size="xs"
                            variant={action.status === 'done' ? 'default' : 'light'}
                            loading={busyId === action.id}
                            onClick={() => void toggle(action)}
                            aria-label={t(
                              action.status === 'done'
                                ? 'managementReviews.actions.reopenFor'
                                : 'managementReviews.actions.markDoneFor',
                              { title: action.title },
                            )}
                          >
                            {action.status === 'done'
                              ? t('managementReviews.actions.reopen')
                              : t('managementReviews.actions.markDone')}
                          </Button>
                        )}
                        {action.improvements.length === 0 && (
                          <RaiseImprovementButton
                            source="management-review"
                            sourceId={action.id}
                            sourceLabel={`${review.number} · ${action.title}`}
                            defaultTitle={action.title}
                            defaultDescription={action.notes || undefined}
                          />
                        )}
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {manages && review.status !== 'closed' && (
        <NewActionForm review={review} onAdded={onChanged} />
      )}
    </Stack>
  );
}

function NewActionForm({ review, onAdded }: { review: Review; onAdded: () => void }) {
  const { t } = useTranslation();
  const [title, setTitle] = useState('');
  const [ownerId, setOwnerId] = useState<string | null>(null);
  const [dueDate, setDueDate] = useState('');
  const [decisionId, setDecisionId] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const errors = isApiError(error) ? error.fieldErrors() : {};
  const ready = title.trim() && ownerId && dueDate;
  return (
    <form
      onSubmit={async (event) => {
        event.preventDefault();
        if (!ready || !ownerId) return;
        setBusy(true);
        setError(null);
        try {
          await addAction(review.id, {
            title: title.trim(),
            ownerId,
            dueDate,
            decisionId,
          });
          setTitle('');
          setOwnerId(null);
          setDueDate('');
          setDecisionId(null);
          onAdded();
          notify({ color: 'green', message: t('managementReviews.actions.added') });
        } catch (failure) {
          setError(failure);
        } finally {
          setBusy(false);
        }
      }}
    >
      <Stack gap="xs">
        {error !== null && <ProblemAlert error={error} />}
        <Text fw={500} size="sm">
          {t('managementReviews.actions.new')}
        </Text>
        <TextInput
          label={t('managementReviews.actions.title')}
          value={title}
          onChange={(event) => setTitle(event.currentTarget.value)}
          error={errors.title}
          required
        />
        <Group grow align="flex-start">
          <PersonSelect
            label={t('managementReviews.actions.owner')}
            value={ownerId}
            onChange={setOwnerId}
            error={errors.ownerId}
            required
          />
          <TextInput
            type="date"
            label={t('managementReviews.actions.dueDate')}
            value={dueDate}
            onChange={(event) => setDueDate(event.currentTarget.value)}
            error={errors.dueDate}
            required
          />
          <Select
            label={t('managementReviews.actions.decision')}
            placeholder={t('managementReviews.actions.noDecision')}
            data={review.decisions.map((d, i) => ({
              value: d.id,
              label: `${i + 1}. ${d.text.slice(0, 60)}`,
            }))}
            value={decisionId}
            onChange={setDecisionId}
            clearable
          />
        </Group>
        <Group>
          <Button type="submit" size="sm" loading={busy} disabled={!ready}>
            {t('managementReviews.actions.add')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
