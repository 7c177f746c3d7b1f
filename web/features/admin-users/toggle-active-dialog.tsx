import { useTranslation } from 'react-i18next';
import { isVersionConflict } from '../../api/client';
import type { User } from '../../api/types';
import { ConfirmDialog } from '../../ui/confirm-dialog';
import { notify } from '../../ui/notify';
import { updateUser } from './api';

interface ToggleActiveDialogProps {
  user: User;
  opened: boolean;
  onClose: () => void;
  onDone: (user: User) => void;
  reload: () => Promise<User | undefined>;
}

export function ToggleActiveDialog({
  user,
  opened,
  onClose,
  onDone,
  reload,
}: ToggleActiveDialogProps) {
  const { t } = useTranslation();
  const deactivate = user.active;
  return (
    <ConfirmDialog
      opened={opened}
      onClose={onClose}
      title={
        deactivate
          ? t('users.active.deactivateTitle', { name: user.name })
          : t('users.active.activateTitle', { name: user.name })
      }
      description={
        deactivate ? t('users.active.deactivateDescription') : t('users.active.activateDescription')
      }
      confirmLabel={deactivate ? t('users.active.deactivate') : t('users.active.activate')}
      danger={deactivate}
      onConfirm={async () => {
        try {
          const saved = await updateUser(user.id, { active: !deactivate }, user.version);
          onDone(saved);
          notify({
            color: 'green',
            message: deactivate
              ? t('users.active.deactivated', { name: saved.name })
              : t('users.active.activated', { name: saved.name }),
          });
        } catch (error) {
          // Load the current version so that confirming again acts on what is really there.
          if (isVersionConflict(error)) await reload();
          throw error;
        }
      }}
    />
  );
}
