import {
  Avatar,
  Button,
  Divider,
  Group,
  Popover,
  Select,
  Stack,
  Text,
  UnstyledButton,
} from '@mantine/core';
import { IconChevronDown, IconLogout, IconUserCircle } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, isApiError, setCsrfToken } from '../api/client';
import type { Locale } from '../api/types';
import { savePreference } from '../features/account/api';
import { sessionQueryKey, useSession, useUpdateSessionUser } from '../features/auth/session';
import { changeLanguage, languages } from '../i18n';
import { notify } from '../ui/notify';
import { describeProblem } from '../ui/problem';
import { timeZoneOptions } from '../ui/time-zones';

function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  return (
    (parts[0]?.[0] ?? '') + (parts.length > 1 ? (parts.at(-1)?.[0] ?? '') : '')
  ).toUpperCase();
}

export function UserMenu() {
  const { t, i18n } = useTranslation();
  const { user } = useSession();
  const updateSessionUser = useUpdateSessionUser();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [opened, setOpened] = useState(false);
  const [signingOut, setSigningOut] = useState(false);
  const zones = useMemo(() => timeZoneOptions(user.timeZone), [user.timeZone]);

  const fail = (error: unknown) => {
    const text = describeProblem(error, t);
    notify({ color: 'red', title: text.headline, message: text.detail ?? '' });
  };

  const setLanguage = async (locale: string | null) => {
    if (!locale || locale === user.locale) return;
    const previous = i18n.language;
    await changeLanguage(locale); // immediately; the server keeps it for next time
    try {
      updateSessionUser(await savePreference({ locale: locale as Locale }, user.version));
    } catch (error) {
      await changeLanguage(previous);
      fail(error);
    }
  };

  const setTimeZone = async (timeZone: string | null) => {
    if (!timeZone || timeZone === user.timeZone) return;
    try {
      updateSessionUser(await savePreference({ timeZone }, user.version));
    } catch (error) {
      fail(error);
    }
  };

  const signOut = async () => {
    setSigningOut(true);
    try {
      await api.post('/api/v1/auth/logout');
    } catch (error) {
      // Already signed out on the server is fine; anything else is worth saying.
      if (!(isApiError(error) && error.status === 401)) {
        setSigningOut(false);
        fail(error);
        return;
      }
    }
    setCsrfToken(null);
    setOpened(false);
    queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== sessionQueryKey[0] });
    queryClient.setQueryData(sessionQueryKey, null);
    await navigate({ to: '/login', search: {} });
  };

  return (
    <Popover
      opened={opened}
      onChange={setOpened}
      position="bottom-end"
      width={300}
      shadow="md"
      withArrow
      trapFocus
    >
      <Popover.Target>
        <UnstyledButton
          onClick={() => setOpened((value) => !value)}
          aria-label={t('userMenu.open', { name: user.name })}
          aria-haspopup="dialog"
          aria-expanded={opened}
          style={{ borderRadius: 'var(--mantine-radius-sm)', padding: '4px 6px' }}
        >
          <Group gap={8} wrap="nowrap">
            <Avatar size={30} radius="xl" color="indigo" alt="">
              {initials(user.name)}
            </Avatar>
            <Text size="sm" fw={500} visibleFrom="sm" truncate maw={180}>
              {user.name}
            </Text>
            <IconChevronDown size={14} aria-hidden />
          </Group>
        </UnstyledButton>
      </Popover.Target>
      <Popover.Dropdown aria-label={t('userMenu.title')}>
        <Stack gap="sm">
          <div>
            <Text fw={600} size="sm">
              {user.name}
            </Text>
            <Text size="xs" c="dimmed">
              {user.email}
            </Text>
            <Text size="xs" c="dimmed">
              {t(`roles.${user.role}`)}
            </Text>
          </div>
          <Divider />
          <Select
            label={t('userMenu.language')}
            data={languages.map((language) => ({ value: language.code, label: language.name }))}
            value={i18n.language}
            onChange={(value) => void setLanguage(value)}
            allowDeselect={false}
            comboboxProps={{ withinPortal: false }}
          />
          <Select
            label={t('userMenu.timeZone')}
            data={zones}
            value={user.timeZone}
            onChange={(value) => void setTimeZone(value)}
            searchable
            allowDeselect={false}
            nothingFoundMessage={t('common.nothingFound')}
            comboboxProps={{ withinPortal: false }}
            maxDropdownHeight={240}
          />
          <Divider />
          <Button
            component={Link}
            to="/account"
            variant="subtle"
            justify="flex-start"
            leftSection={<IconUserCircle size={16} aria-hidden />}
            onClick={() => setOpened(false)}
          >
            {t('userMenu.account')}
          </Button>
          <Button
            variant="subtle"
            color="red"
            justify="flex-start"
            leftSection={<IconLogout size={16} aria-hidden />}
            onClick={() => void signOut()}
            loading={signingOut}
          >
            {t('userMenu.signOut')}
          </Button>
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}
