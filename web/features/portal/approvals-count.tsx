import { Badge, VisuallyHidden } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { approvalsQuery } from './api';

/** The count beside "Approvals" in the navigation (nothing when none wait). */
export function ApprovalsCount() {
  const { t } = useTranslation();
  const query = useQuery(approvalsQuery);
  const count = query.data?.length ?? 0;
  if (count === 0) return null;
  return (
    <>
      <Badge size="sm" circle={count < 10} color="red" aria-hidden>
        {count > 99 ? '99+' : count}
      </Badge>
      <VisuallyHidden>{t('portal.approvals.waiting', { count })}</VisuallyHidden>
    </>
  );
}
