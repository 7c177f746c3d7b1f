import { Button, Center, EmptyState, Loader, Stack } from '@mantine/core';
import { IconError404, IconLock } from '@tabler/icons-react';
import { Link, useRouter } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../ui/page';
import { ProblemAlert } from '../ui/problem';

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <Center py="xl" component="main">
      <EmptyState
        icon={<IconError404 size={32} aria-hidden />}
        title={t('fallback.notFound.title')}
        description={t('fallback.notFound.description')}
        withIndicatorBackground
      >
        <EmptyState.Actions>
          <Button component={Link} to="/">
            {t('fallback.home')}
          </Button>
        </EmptyState.Actions>
      </EmptyState>
    </Center>
  );
}

export function ForbiddenPage() {
  const { t } = useTranslation();
  return (
    <Center py="xl">
      <EmptyState
        icon={<IconLock size={32} aria-hidden />}
        title={t('fallback.forbidden.title')}
        description={t('fallback.forbidden.description')}
        withIndicatorBackground
      >
        <EmptyState.Actions>
          <Button component={Link} to="/">
            {t('fallback.home')}
          </Button>
        </EmptyState.Actions>
      </EmptyState>
    </Center>
  );
}

export function RouteErrorPage({ error }: { error: unknown }) {
  const { t } = useTranslation();
  const router = useRouter();
  return (
    <Stack p="xl" maw={720} mx="auto" component="main">
      <PageHeader title={t('fallback.error.title')} />
      <ProblemAlert error={error} onRetry={() => void router.invalidate()} />
    </Stack>
  );
}

/** Shown only when a page takes more than a second to arrive. */
export function PendingPage() {
  const { t } = useTranslation();
  return (
    <Center py="xl" mih={200}>
      <Loader aria-label={t('common.loading')} />
    </Center>
  );
}
