import { type NotificationData, notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconCheck } from '@tabler/icons-react';
import { i18n } from '../i18n';

/** A toast whose close button has a name screen readers can announce, in the current language. */
export function notify(data: NotificationData): void {
  const failed = data.color === 'red';
  notifications.show({
    icon: failed ? (
      <IconAlertTriangle size={18} aria-hidden />
    ) : (
      <IconCheck size={18} aria-hidden />
    ),
    ...data,
    closeButtonProps: { 'aria-label': i18n.t('actions.close'), ...data.closeButtonProps },
  });
}
