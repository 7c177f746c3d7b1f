import { randomBytes } from 'node:crypto';
import { systemActor } from '../shared/actor.js';
import type { Config } from './config.js';
import type { Services } from './services.js';

/**
 * On an empty directory, creates the first administrator from the configuration, or with a
 * generated password that is shown once (and never stored in clear).
 */
export async function ensureFirstAdmin(
  services: Services,
  config: Config,
  print: (line: string) => void,
) {
  const email = config.admin?.email ?? 'admin@meridian.local';
  const password = config.admin?.password ?? randomBytes(18).toString('base64url');
  const created = await services.users.bootstrapAdmin(systemActor('bootstrap'), email, password);
  if (!created) return null;
  if (config.admin) {
    print(`Created the first administrator ${email} (password from MERIDIAN_ADMIN_PASSWORD).`);
  } else {
    print(
      'Created the first administrator. This password is shown only once; change it after signing in:',
    );
    print(`  email:    ${email}`);
    print(`  password: ${password}`);
  }
  return created;
}
