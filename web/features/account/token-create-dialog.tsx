import {
  Alert,
  Button,
  Code,
  CopyButton,
  Group,
  Modal,
  Select,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconAlertTriangle, IconCheck, IconCopy } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CreatedApiToken } from '../../api/types';
import { FormDialog } from '../../ui/form-dialog';
import { createMyToken } from './api';

const EXPIRY_DAYS = ['30', '90', '365', 'never'] as const;
type Expiry = (typeof EXPIRY_DAYS)[number];

function expiresAt(choice: Expiry, now = new Date()): string | undefined {
  if (choice === 'never') return undefined;
  return new Date(now.getTime() + Number(choice) * 24 * 60 * 60 * 1000).toISOString();
}

interface TokenCreateDialogProps {
  opened: boolean;
  onClose: () => void;
  invalidate: readonly unknown[];
}

export function TokenCreateDialog({ opened, onClose, invalidate }: TokenCreateDialogProps) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [created, setCreated] = useState<CreatedApiToken | null>(null);
  const form = useForm({
    mode: 'controlled',
    initialValues: { name: '', expiry: '90' as Expiry },
    validate: { name: (value) => (value.trim() ? null : t('validation.required')) },
  });

  return (
    <>
      <FormDialog
        opened={opened}
        onClose={onClose}
        title={t('tokens.create.title')}
        submitLabel={t('tokens.create.submit')}
        form={form}
        onSubmit={async (values, idempotencyKey) => {
          const expiry = expiresAt(values.expiry);
          const result = await createMyToken(
            { name: values.name.trim(), ...(expiry ? { expiresAt: expiry } : {}) },
            idempotencyKey,
          );
          setCreated(result);
          await queryClient.invalidateQueries({ queryKey: invalidate });
        }}
      >
        <TextInput
          label={t('tokens.fields.name')}
          description={t('tokens.create.nameHint')}
          required
          data-autofocus
          autoComplete="off"
          {...form.getInputProps('name')}
        />
        <Select
          label={t('tokens.fields.expiresAt')}
          data={EXPIRY_DAYS.map((value) => ({ value, label: t(`tokens.expiry.${value}`) }))}
          allowDeselect={false}
          {...form.getInputProps('expiry')}
        />
      </FormDialog>
      <SecretDialog created={created} onClose={() => setCreated(null)} />
    </>
  );
}

/** The token's secret, shown exactly once: the server only keeps a hash of it. */
function SecretDialog({
  created,
  onClose,
}: {
  created: CreatedApiToken | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Modal
      opened={created !== null}
      onClose={onClose}
      title={t('tokens.secret.title', { name: created?.token.name ?? '' })}
      size="lg"
      closeOnClickOutside={false}
    >
      {created && (
        <Stack gap="md">
          <Alert
            color="yellow"
            variant="light"
            icon={<IconAlertTriangle aria-hidden />}
            title={t('tokens.secret.warningTitle')}
          >
            {t('tokens.secret.warning')}
          </Alert>
          <Code block aria-label={t('tokens.secret.label')} style={{ wordBreak: 'break-all' }}>
            {created.secret}
          </Code>
          <Text size="sm" c="dimmed">
            {t('tokens.secret.usage')}
          </Text>
          <Group justify="space-between">
            <CopyButton value={created.secret}>
              {({ copied, copy }) => (
                <Button
                  variant={copied ? 'light' : 'filled'}
                  color={copied ? 'green' : undefined}
                  leftSection={
                    copied ? (
                      <IconCheck size={16} aria-hidden />
                    ) : (
                      <IconCopy size={16} aria-hidden />
                    )
                  }
                  onClick={copy}
                >
                  {copied ? t('tokens.secret.copied') : t('tokens.secret.copy')}
                </Button>
              )}
            </CopyButton>
            <Button variant="default" onClick={onClose}>
              {t('tokens.secret.done')}
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
