import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { StatusBadge, type StatusTone } from '../../ui/status-badge';

// The portal's words for requesters: statuses say what happens next ("Waiting for your reply"),
// not how the desk files it ("On hold / awaiting requester"). Same tones and icons as the desk.

const TONES: Record<string, StatusTone> = {
  new: 'new',
  assigned: 'new',
  in_progress: 'inProgress',
  on_hold: 'waiting',
  resolved: 'done',
  closed: 'inactive',
};

/** Server strings that may be new to this version of the app: their words, or as they came. */
export function dynamicLabel(t: TFunction, key: string, fallback: string): string {
  const translate = t as unknown as (key: string, options: { defaultValue: string }) => string;
  return translate(key, { defaultValue: fallback });
}

export function portalStatusLabel(t: TFunction, status: string, holdReason?: string | null) {
  if (status === 'on_hold' && holdReason)
    return dynamicLabel(t, `portal.status.hold.${holdReason}`, t('portal.status.on_hold'));
  return dynamicLabel(t, `portal.status.${status}`, status);
}

export const categoryLabel = (t: TFunction, category: string) =>
  dynamicLabel(t, `portal.categories.${category}`, category);

interface PortalStatusProps {
  status: string;
  holdReason?: string | null;
  size?: 'xs' | 'sm' | 'md' | 'lg';
}

export function PortalStatus({ status, holdReason, size = 'sm' }: PortalStatusProps) {
  const { t } = useTranslation();
  return (
    <StatusBadge
      tone={TONES[status] ?? 'inactive'}
      label={portalStatusLabel(t, status, holdReason)}
      size={size}
    />
  );
}

const APPROVAL_TONES: Record<string, StatusTone> = {
  pending: 'waiting',
  waiting: 'new',
  approved: 'done',
  rejected: 'failed',
  skipped: 'inactive',
};

export function ApprovalState({ state }: { state: string }) {
  const { t } = useTranslation();
  return (
    <StatusBadge
      tone={APPROVAL_TONES[state] ?? 'inactive'}
      label={dynamicLabel(t, `portal.approvalState.${state}`, state)}
      size="sm"
    />
  );
}
