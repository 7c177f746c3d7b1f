import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconRefresh } from '@tabler/icons-react';
import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/client';

// Turns any failure into words: a translated headline for the problem codes we know, the
// server's `detail` (which says what exactly went wrong and, for rate limits, when to retry)
// and the request id so support can find it in the logs.

export interface ProblemText {
  headline: string;
  detail?: string;
  requestId?: string;
}

export function describeProblem(error: unknown, t: TFunction): ProblemText {
  if (!isApiError(error)) {
    return { headline: t('errors.unexpected') };
  }
  const { problem } = error;
  const codeKey = problem.code ? `errors.codes.${problem.code}` : undefined;
  const statusKey = `errors.status.${problem.status}`;
  let headline: string;
  // Problem codes are open-ended strings, so they cannot be checked against the typed keys.
  const dynamicT = t as unknown as (key: string, options?: { defaultValue: string }) => string;
  if (codeKey && dynamicT(codeKey, { defaultValue: '' })) headline = dynamicT(codeKey);
  else if (dynamicT(statusKey, { defaultValue: '' })) headline = dynamicT(statusKey);
  else if (problem.title) headline = problem.title;
  else headline = t('errors.unexpected');
  const detail = problem.detail && problem.detail !== headline ? problem.detail : undefined;
  return { headline, detail, requestId: problem.requestId };
}

interface ProblemAlertProps {
  error: unknown;
  onRetry?: () => void;
  /** Extra actions next to "Try again". */
  children?: ReactNode;
}

export function ProblemAlert({ error, onRetry, children }: ProblemAlertProps) {
  const { t } = useTranslation();
  const text = describeProblem(error, t);
  return (
    <Alert
      color="red"
      variant="light"
      icon={<IconAlertTriangle aria-hidden />}
      title={text.headline}
      role="alert"
    >
      <Stack gap="xs">
        {text.detail && <Text size="sm">{text.detail}</Text>}
        {text.requestId && (
          <Text size="xs" c="dimmed">
            {t('errors.reference', { id: text.requestId })}
          </Text>
        )}
        {(onRetry || children) && (
          <Group gap="xs">
            {onRetry && (
              <Button
                size="xs"
                variant="default"
                leftSection={<IconRefresh size={14} aria-hidden />}
                onClick={onRetry}
              >
                {t('actions.retry')}
              </Button>
            )}
            {children}
          </Group>
        )}
      </Stack>
    </Alert>
  );
}
