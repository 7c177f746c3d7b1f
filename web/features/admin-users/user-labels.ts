import type { TFunction } from 'i18next';
import type { User } from '../../api/types';
import { languages } from '../../i18n';
import type { StatusTone } from '../../ui/status-badge';

export function userStatus(
  user: Pick<User, 'active'>,
  t: TFunction,
): { tone: StatusTone; label: string } {
  return user.active
    ? { tone: 'done', label: t('users.status.active') }
    : { tone: 'inactive', label: t('users.status.inactive') };
}

export function languageName(code: unknown): string {
  return languages.find((language) => language.code === code)?.name ?? String(code);
}

export const USER_FIELDS = [
  'name',
  'email',
  'role',
  'locale',
  'timeZone',
  'active',
  'organisationId',
] as const;

export function userFieldLabel(field: string, t: TFunction): string {
  return (USER_FIELDS as readonly string[]).includes(field)
    ? t(`users.fields.${field as (typeof USER_FIELDS)[number]}`)
    : field;
}
