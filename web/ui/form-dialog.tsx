import { Button, Group, Modal, Stack } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError, newIdempotencyKey } from '../api/client';
import { ProblemAlert } from './problem';

// A create dialog: every submission carries a fresh Idempotency-Key, a failure keeps what was
// typed and puts the server's field errors next to the right inputs, and a dialog with typed
// values does not vanish on a stray click outside it.

interface FormDialogProps<V extends Record<string, unknown>> {
  opened: boolean;
  onClose: () => void;
  title: string;
  submitLabel: string;
  form: UseFormReturnType<V>;
  onSubmit: (values: V, idempotencyKey: string) => Promise<unknown>;
  children: ReactNode;
  size?: string;
}

export function FormDialog<V extends Record<string, unknown>>(props: FormDialogProps<V>) {
  const { opened, onClose, title, submitLabel, form, onSubmit, children, size = 'md' } = props;
  const { t } = useTranslation();
  const [error, setError] = useState<unknown>(null);
  const [submitting, setSubmitting] = useState(false);

  const close = () => {
    setError(null);
    onClose();
  };

  const handleSubmit = form.onSubmit(async (values) => {
    setSubmitting(true);
    setError(null);
    try {
      await onSubmit(values, newIdempotencyKey());
      form.reset();
      close();
    } catch (caught) {
      if (isApiError(caught)) form.setErrors(caught.fieldErrors());
      setError(caught);
    } finally {
      setSubmitting(false);
    }
  });

  return (
    <Modal
      opened={opened}
      onClose={close}
      title={title}
      size={size}
      closeOnClickOutside={!form.isDirty()}
      closeButtonProps={{ 'aria-label': t('actions.close') }}
    >
      <form onSubmit={handleSubmit} noValidate>
        <Stack gap="sm">
          {error !== null && <ProblemAlert error={error} />}
          {children}
          <Group justify="flex-end" gap="xs" mt="sm">
            <Button variant="default" onClick={close}>
              {t('actions.cancel')}
            </Button>
            <Button type="submit" loading={submitting}>
              {submitLabel}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
