import { Button, Group, Modal, Stack, Textarea, TextInput, Tooltip } from '@mantine/core';
import { IconArchive, IconCheck, IconSend, IconX } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../ui/problem';
import { UserSelect } from '../admin-users/user-select';
import { useSession } from '../auth/session';
import { type DocumentDetail, type DocumentRecord, type WorkflowStep, workflowStep } from './api';

interface Props {
  document: DocumentDetail;
  disabled?: boolean;
  onDone: (next: DocumentRecord) => void;
}

/** Submit for review, approve or reject with a comment, retire: what the status allows. */
export function WorkflowActions({ document, disabled, onDone }: Props) {
  const { t } = useTranslation();
  const { user } = useSession();
  const [step, setStep] = useState<WorkflowStep | null>(null);
  const working = document.versions[0];
  const ownVersion = working?.authorId === user.id;
  const status = document.status;
  return (
    <Group gap="xs">
      {status === 'draft' && (
        <Button
          leftSection={<IconSend size={16} aria-hidden />}
          disabled={disabled}
          onClick={() => setStep('submit')}
        >
          {t('documents.workflow.submit')}
        </Button>
      )}
      {status === 'in_review' && (
        <>
          <Tooltip label={t('documents.workflow.ownVersion')} disabled={!ownVersion}>
            <Button
              color="green"
              leftSection={<IconCheck size={16} aria-hidden />}
              disabled={disabled || ownVersion}
              onClick={() => setStep('approve')}
            >
              {t('documents.workflow.approve')}
            </Button>
          </Tooltip>
          <Button
            variant="default"
            leftSection={<IconX size={16} aria-hidden />}
            disabled={disabled}
            onClick={() => setStep('reject')}
          >
            {t('documents.workflow.reject')}
          </Button>
        </>
      )}
      {status !== 'retired' && (
        <Button
          variant="subtle"
          color="red"
          leftSection={<IconArchive size={16} aria-hidden />}
          disabled={disabled}
          onClick={() => setStep('retire')}
        >
          {t('documents.workflow.retire')}
        </Button>
      )}
      {step && (
        <StepDialog
          step={step}
          document={document}
          onClose={() => setStep(null)}
          onDone={(next) => {
            setStep(null);
            onDone(next);
          }}
        />
      )}
    </Group>
  );
}

function StepDialog(props: {
  step: WorkflowStep;
  document: DocumentDetail;
  onClose: () => void;
  onDone: (next: DocumentRecord) => void;
}) {
  const { step, document } = props;
  const { t } = useTranslation();
  const [comment, setComment] = useState('');
  const [reviewerId, setReviewerId] = useState<string | null>(null);
  const [reviewDate, setReviewDate] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const commentRequired = step === 'reject';
  const run = async () => {
    if (commentRequired && !comment.trim()) {
      setError(new Error(t('documents.workflow.reasonRequired')));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const body: Parameters<typeof workflowStep>[2] = {};
      if (comment.trim()) body.comment = comment.trim();
      if (step === 'submit') body.reviewerId = reviewerId;
      if (step === 'approve' && reviewDate)
        body.nextReviewAt = new Date(`${reviewDate}T00:00:00.000Z`).toISOString();
      props.onDone(await workflowStep(document.id, step, body, document.version));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      opened
      onClose={props.onClose}
      title={t(`documents.workflow.${step}Title`)}
      closeButtonProps={{ 'aria-label': t('actions.close') }}
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void run();
        }}
      >
        <Stack gap="sm">
          {step === 'submit' && (
            <UserSelect
              label={t('documents.fields.reviewerId')}
              description={t('documents.workflow.reviewerHint')}
              value={reviewerId}
              onChange={setReviewerId}
            />
          )}
          {step === 'approve' && (
            <TextInput
              type="date"
              label={t('documents.fields.nextReviewAt')}
              description={t('documents.workflow.reviewDateHint')}
              value={reviewDate}
              onChange={(e) => setReviewDate(e.currentTarget.value)}
            />
          )}
          <Textarea
            label={
              commentRequired ? t('documents.workflow.reason') : t('documents.workflow.comment')
            }
            required={commentRequired}
            autosize
            minRows={3}
            data-autofocus
            value={comment}
            onChange={(e) => setComment(e.currentTarget.value)}
          />
          {error !== null && <ProblemAlert error={error} />}
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={props.onClose}>
              {t('actions.cancel')}
            </Button>
            <Button type="submit" loading={busy} color={step === 'retire' ? 'red' : undefined}>
              {t(`documents.workflow.${step}`)}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
