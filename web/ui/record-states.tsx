import { Button, EmptyState, Skeleton, Stack } from '@mantine/core';
import { IconFileUnknown } from '@tabler/icons-react';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/client';
import { ProblemAlert } from './problem';

export function RecordSkeleton() {
  return (
    <Stack gap="md" aria-busy>
      <Skeleton height={28} width="40%" />
      <Skeleton height={16} width="25%" />
      <Skeleton height={220} />
    </Stack>
  );
}

interface RecordErrorProps {
  error: unknown;
  onRetry: () => void;
  backTo: string;
  backLabel: string;
}

/** A record that could not be loaded: "not found" is a designed state, anything else a problem. */
export function RecordError({ error, onRetry, backTo, backLabel }: RecordErrorProps) {
  const { t } = useTranslation();
  if (isApiError(error) && error.status === 404) {
    return (
      <EmptyState
        py="xl"
        icon={<IconFileUnknown size={28} aria-hidden />}
        title={t('record.notFound.title')}
        description={t('record.notFound.description')}
        withIndicatorBackground
      >
        <EmptyState.Actions>
          <Button component={Link} to={backTo}>
            {backLabel}
          </Button>
        </EmptyState.Actions>
      </EmptyState>
    );
  }
  return <ProblemAlert error={error} onRetry={onRetry} />;
}
