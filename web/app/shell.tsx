import {
  ActionIcon,
  AppShell,
  Box,
  Burger,
  Group,
  NavLink,
  ScrollArea,
  Stack,
  Text,
  Tooltip,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconKeyboard } from '@tabler/icons-react';
import { Link, Outlet, useRouterState } from '@tanstack/react-router';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { usePermissions, useSession } from '../features/auth/session';
import { NotificationBell } from '../features/notifications/notification-bell';
import { ApprovalsCount } from '../features/portal/approvals-count';
import { LocaleSettingsProvider } from '../ui/dates';
import { focusListSearch, useShortcuts } from '../ui/keyboard';
import { AnchorLink } from '../ui/links';
import { ShortcutOverlay } from '../ui/shortcut-overlay';
import { ForbiddenPage } from './fallback-pages';
import { moduleForPath, navSections, visibleModules } from './modules';
import { UserMenu } from './user-menu';

export function ShellLayout() {
  const { t } = useTranslation();
  const { user } = useSession();
  const can = usePermissions();
  const [navOpened, nav] = useDisclosure(false);
  const [helpOpened, help] = useDisclosure(false);
  const pathname = useRouterState({ select: (state) => state.location.pathname });
  const current = moduleForPath(pathname);
  const allowed = !current || can(current.permission);
  const available = visibleModules(can);

  // On a phone-sized screen the navigation is a drawer: close it once a page is chosen.
  // biome-ignore lint/correctness/useExhaustiveDependencies: close on every navigation
  useEffect(() => nav.close(), [pathname]);

  useShortcuts([
    [
      '?',
      (event) => {
        event.preventDefault();
        help.open();
      },
    ],
    [
      '/',
      (event) => {
        if (focusListSearch()) event.preventDefault();
      },
    ],
  ]);

  return (
    <LocaleSettingsProvider value={{ timeZone: user.timeZone }}>
      <a href="#main" className="skip-link">
        {t('nav.skipToContent')}
      </a>
      <AppShell
        header={{ height: 56 }}
        navbar={{
          width: { base: 200, lg: 232 },
          breakpoint: 'sm',
          collapsed: { mobile: !navOpened },
        }}
        padding="md"
      >
        <AppShell.Header>
          <Group h="100%" px="md" justify="space-between" wrap="nowrap">
            <Group gap="sm" wrap="nowrap">
              <Burger
                opened={navOpened}
                onClick={nav.toggle}
                hiddenFrom="sm"
                size="sm"
                aria-label={t('nav.toggle')}
              />
              <AnchorLink to="/" underline="never" c="inherit">
                <Group gap={8} wrap="nowrap">
                  <img src="/favicon.svg" alt="" width={24} height={24} />
                  <Text fw={700} size="lg">
                    {t('app.name')}
                  </Text>
                </Group>
              </AnchorLink>
            </Group>
            <Group gap="xs" wrap="nowrap">
              <Tooltip label={t('shortcuts.title')}>
                <ActionIcon
                  variant="subtle"
                  color="gray"
                  size="lg"
                  onClick={help.open}
                  aria-label={t('shortcuts.title')}
                >
                  <IconKeyboard size={20} aria-hidden />
                </ActionIcon>
              </Tooltip>
              <NotificationBell />
              <UserMenu />
            </Group>
          </Group>
        </AppShell.Header>

        <AppShell.Navbar aria-label={t('nav.label')} p="xs">
          <ScrollArea type="auto" offsetScrollbars>
            <Stack gap="md">
              {navSections.map((section) => {
                const items = available.filter((module) => module.section === section.id);
                if (items.length === 0) return null;
                const headingId = `nav-section-${section.id}`;
                return (
                  <Box key={section.id} role="group" aria-labelledby={headingId}>
                    <Text
                      id={headingId}
                      size="xs"
                      fw={700}
                      c="dimmed"
                      tt="uppercase"
                      px="sm"
                      mb={4}
                    >
                      {t(section.labelKey)}
                    </Text>
                    {items.map((module) => {
                      const Icon = module.icon;
                      const active = current?.id === module.id;
                      return (
                        <NavLink
                          key={module.id}
                          component={Link}
                          to={module.path}
                          // One entry is current (the longest matching path, above): the router's
                          // own prefix matching would also mark /changes on /changes/calendar.
                          activeOptions={{ exact: true }}
                          label={t(module.labelKey)}
                          leftSection={<Icon size={18} stroke={1.6} aria-hidden />}
                          rightSection={
                            module.id === 'portal-approvals' ? <ApprovalsCount /> : undefined
                          }
                          active={active}
                          aria-current={active ? 'page' : undefined}
                          variant="light"
                        />
                      );
                    })}
                  </Box>
                );
              })}
            </Stack>
          </ScrollArea>
        </AppShell.Navbar>

        <AppShell.Main id="main" tabIndex={-1}>
          <Box maw={1400} mx="auto">
            {allowed ? <Outlet /> : <ForbiddenPage />}
          </Box>
        </AppShell.Main>
      </AppShell>
      <ShortcutOverlay opened={helpOpened} onClose={help.close} />
    </LocaleSettingsProvider>
  );
}
