import {
  ActionIcon,
  Box,
  Button,
  Divider,
  Group,
  Indicator,
  Loader,
  Popover,
  ScrollArea,
  Stack,
  Text,
  Tooltip,
  UnstyledButton,
  VisuallyHidden,
} from '@mantine/core';
import { IconBell, IconChecks } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DateTime } from '../../ui/dates';
import { ProblemAlert } from '../../ui/problem';
import {
  type AppNotification,
  markAllRead,
  markRead,
  notificationsKeys,
  recentNotificationsQuery,
  unreadCountQuery,
} from './api';
import classes from './notification-bell.module.css';

/** The bell in the header: unread count (polled every 30 s) and the latest notifications. */
export function NotificationBell() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [opened, setOpened] = useState(false);
  const unread = useQuery(unreadCountQuery);
  const recent = useQuery({ ...recentNotificationsQuery, enabled: opened });
  const count = unread.data?.count ?? 0;

  const refresh = () => queryClient.invalidateQueries({ queryKey: notificationsKeys.all });
  const readAll = useMutation({ mutationFn: markAllRead, onSettled: refresh });

  const open = async (notification: AppNotification) => {
    setOpened(false);
    if (!notification.readAt) void markRead(notification.id).finally(refresh);
    await navigate({ href: notification.link });
  };

  const label = count > 0 ? t('notifications.openWithUnread', { count }) : t('notifications.open');
  return (
    <Popover
      opened={opened}
      onChange={setOpened}
      position="bottom-end"
      width={360}
      shadow="md"
      withArrow
      trapFocus
    >
      <Popover.Target>
        <Tooltip label={label} disabled={opened}>
          <Indicator
            label={count > 99 ? '99+' : count}
            size={16}
            color="red"
            offset={6}
            disabled={count === 0}
          >
            <ActionIcon
              variant="subtle"
              color="gray"
              size="lg"
              onClick={() => setOpened((value) => !value)}
              aria-label={label}
              aria-haspopup="dialog"
              aria-expanded={opened}
            >
              <IconBell size={20} aria-hidden />
            </ActionIcon>
          </Indicator>
        </Tooltip>
      </Popover.Target>
      <Popover.Dropdown aria-label={t('notifications.title')} p={0}>
        <Group justify="space-between" px="sm" py="xs" wrap="nowrap">
          <Text fw={600} size="sm">
            {t('notifications.title')}
          </Text>
          <Button
            variant="subtle"
            size="compact-sm"
            leftSection={<IconChecks size={14} aria-hidden />}
            onClick={() => readAll.mutate()}
            loading={readAll.isPending}
            disabled={count === 0}
          >
            {t('notifications.markAllRead')}
          </Button>
        </Group>
        <Divider />
        <ScrollArea.Autosize mah={420} type="auto">
          {recent.isPending ? (
            <Group justify="center" p="md">
              <Loader size="sm" aria-label={t('common.loading')} />
            </Group>
          ) : recent.isError ? (
            <Box p="sm">
              <ProblemAlert error={recent.error} onRetry={() => void recent.refetch()} />
            </Box>
          ) : recent.data.items.length === 0 ? (
            <Stack gap={4} p="md" align="center">
              <IconBell size={24} aria-hidden color="var(--mantine-color-dimmed)" />
              <Text size="sm" c="dimmed" ta="center">
                {t('notifications.empty')}
              </Text>
            </Stack>
          ) : (
            <Stack gap={0} component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
              {recent.data.items.map((notification) => (
                <li key={notification.id}>
                  <UnstyledButton
                    onClick={() => void open(notification)}
                    w="100%"
                    px="sm"
                    py={8}
                    className={classes.item}
                    data-unread={notification.readAt ? undefined : true}
                  >
                    <Group gap={8} wrap="nowrap" align="flex-start">
                      <Box
                        mt={6}
                        w={8}
                        h={8}
                        style={{
                          borderRadius: '50%',
                          flex: 'none',
                          background: notification.readAt
                            ? 'transparent'
                            : 'var(--mantine-color-blue-6)',
                        }}
                        aria-hidden
                      />
                      <Box style={{ minWidth: 0 }}>
                        <Text size="sm" fw={notification.readAt ? 400 : 600} lineClamp={2}>
                          {!notification.readAt && (
                            <VisuallyHidden>{t('notifications.unread')} </VisuallyHidden>
                          )}
                          {notification.title}
                        </Text>
                        <Text size="xs" c="dimmed" lineClamp={2}>
                          {notification.body}
                        </Text>
                        <Text size="xs" c="dimmed">
                          <DateTime value={notification.createdAt} format="relative" />
                        </Text>
                      </Box>
                    </Group>
                  </UnstyledButton>
                </li>
              ))}
            </Stack>
          )}
        </ScrollArea.Autosize>
      </Popover.Dropdown>
    </Popover>
  );
}
