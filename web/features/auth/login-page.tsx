import {
  Alert,
  Box,
  Button,
  Center,
  Group,
  Paper,
  PasswordInput,
  SegmentedControl,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDocumentTitle } from '@mantine/hooks';
import { IconAlertTriangle, IconClockPause, IconLock } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { getRouteApi, useRouter } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, isApiError } from '../../api/client';
import type { Session } from '../../api/types';
import { changeLanguage, languages } from '../../i18n';
import { describeProblem } from '../../ui/problem';
import { adoptSession, sessionQueryKey } from './session';

const route = getRouteApi('/login');

function retryIn(seconds: number, language: string): string {
  const format = new Intl.RelativeTimeFormat(language, { numeric: 'auto' });
  return seconds < 60
    ? format.format(Math.ceil(seconds), 'second')
    : format.format(Math.ceil(seconds / 60), 'minute');
}

export function LoginPage() {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const router = useRouter();
  const search = route.useSearch();
  const [error, setError] = useState<unknown>(null);
  const [submitting, setSubmitting] = useState(false);
  useDocumentTitle(`${t('login.title')} · ${t('app.name')}`);

  const form = useForm({
    mode: 'controlled',
    initialValues: { email: '', password: '' },
    validate: {
      email: (value) => (value.trim() ? null : t('login.emailRequired')),
      password: (value) => (value ? null : t('login.passwordRequired')),
    },
  });

  const submit = form.onSubmit(async (values) => {
    setSubmitting(true);
    setError(null);
    try {
      const session = await api.post<Session>(
        '/api/v1/auth/login',
        { email: values.email.trim(), password: values.password },
        { expectUnauthorized: true },
      );
      adoptSession(session);
      queryClient.setQueryData(sessionQueryKey, session);
      await router.navigate({ href: search.redirect ?? '/', replace: true });
    } catch (caught) {
      if (isApiError(caught)) form.setErrors(caught.fieldErrors());
      setError(caught);
      setSubmitting(false);
    }
  });

  const problem = error ? describeProblem(error, t) : null;
  const code = isApiError(error) ? error.code : undefined;
  const retryAfter = isApiError(error) ? error.problem.retryAfterSeconds : undefined;
  const when = retryAfter ? retryIn(retryAfter, i18n.language) : undefined;
  // Our own words where we know the situation, so the message follows the interface language.
  const hint =
    code === 'INVALID_CREDENTIALS'
      ? t('login.invalidHint')
      : code === 'ACCOUNT_LOCKED' && when
        ? t('login.lockedHint', { when })
        : code === 'LOGIN_RATE_LIMITED' && when
          ? t('login.rateLimitedHint', { when })
          : undefined;
  const ErrorIcon =
    code === 'ACCOUNT_LOCKED'
      ? IconLock
      : code === 'LOGIN_RATE_LIMITED'
        ? IconClockPause
        : IconAlertTriangle;

  return (
    <Box component="main" mih="100vh" bg="var(--mantine-color-default-hover)">
      <Center mih="100vh" p="md">
        <Stack w="100%" maw={400} gap="md">
          <Group gap={10} justify="center">
            <img src="/favicon.svg" alt="" width={32} height={32} />
            <Text fw={700} fz={26}>
              {t('app.name')}
            </Text>
          </Group>
          <Paper withBorder shadow="sm" p="xl" radius="md">
            <form onSubmit={submit} noValidate>
              <Stack gap="md">
                <div>
                  <Title order={1} fz="h3">
                    {t('login.title')}
                  </Title>
                  <Text size="sm" c="dimmed">
                    {t('login.subtitle')}
                  </Text>
                </div>
                {problem && (
                  <Alert
                    color="red"
                    variant="light"
                    icon={<ErrorIcon aria-hidden />}
                    title={problem.headline}
                    role="alert"
                  >
                    {hint ?? problem.detail}
                  </Alert>
                )}
                <TextInput
                  label={t('login.email')}
                  type="email"
                  autoComplete="username"
                  required
                  data-autofocus
                  autoFocus
                  {...form.getInputProps('email')}
                />
                <PasswordInput
                  label={t('login.password')}
                  autoComplete="current-password"
                  required
                  {...form.getInputProps('password')}
                />
                <Button type="submit" loading={submitting} fullWidth>
                  {t('login.submit')}
                </Button>
              </Stack>
            </form>
          </Paper>
          <Group justify="center">
            <SegmentedControl
              size="xs"
              aria-label={t('userMenu.language')}
              value={i18n.language}
              onChange={(code) => void changeLanguage(code)}
              data={languages.map((language) => ({ value: language.code, label: language.name }))}
            />
          </Group>
        </Stack>
      </Center>
    </Box>
  );
}
