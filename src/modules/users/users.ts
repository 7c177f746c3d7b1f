// Users: domain shape and the rules for their fields.
import { invalid } from '../../shared/errors.js';
import { isRole, ROLES, type Role } from '../../shared/permissions.js';

export const LOCALES = ['en', 'fr'] as const;
export type Locale = (typeof LOCALES)[number];

export interface User {
  id: string;
  email: string;
  name: string;
  role: Role;
  locale: Locale;
  timeZone: string;
  active: boolean;
  organisationId: string | null;
  /** Approves this user's service requests when a request type asks for the line manager. */
  managerId: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export const MIN_PASSWORD_LENGTH = 12;

export function normaliseEmail(email: string): string {
  const value = email.trim().toLowerCase();
  if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(value)) throw invalid('/email', 'is not an email address');
  return value;
}

export function checkName(name: string, field = '/name'): string {
  const value = name.trim();
  if (!value) throw invalid(field, 'must not be empty');
  return value;
}

export function checkRole(role: string): Role {
  if (!isRole(role)) throw invalid('/role', `must be one of ${ROLES.join(', ')}`);
  return role;
}

export function checkLocale(locale: string): Locale {
  if (!(LOCALES as readonly string[]).includes(locale)) {
    throw invalid('/locale', `must be one of ${LOCALES.join(', ')}`);
  }
  return locale as Locale;
}

export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return zone.length > 0;
  } catch {
    return false;
  }
}

export function checkTimeZone(zone: string): string {
  if (!isTimeZone(zone)) throw invalid('/timeZone', `"${zone}" is not an IANA time zone`);
  return zone;
}

export function checkPassword(password: string): string {
  if (password.length < MIN_PASSWORD_LENGTH) {
    throw invalid('/password', `must be at least ${MIN_PASSWORD_LENGTH} characters long`);
  }
  if (password.length > 1024) throw invalid('/password', 'must be at most 1024 characters long');
  return password;
}
