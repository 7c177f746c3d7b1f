import { randomBytes } from 'node:crypto';
import type { Command } from 'commander';
import type { Services } from '../../server/services.js';
import { fail, operator, withServices } from '../context.js';
import { readSecret } from '../read-secret.js';

async function userByEmail(services: Services, email: string) {
  const found = await services.users.credentials(email);
  if (!found) fail(`No user with email ${email}.`);
  return found.user;
}

export function registerUserCommands(program: Command) {
  const user = program.command('user').description('manage user accounts');

  user
    .command('create')
    .description('create a user; prints the password when one is generated')
    .requiredOption('--email <email>')
    .requiredOption('--name <name>')
    .option('--role <role>', 'admin, manager, agent, auditor or requester', 'agent')
    .option('--locale <locale>', 'en or fr', 'en')
    .option('--time-zone <zone>', 'IANA time zone', 'Europe/Paris')
    .option('--password-stdin', 'read the password from standard input instead of generating one')
    .action(async (opts) => {
      const password = opts.passwordStdin
        ? await readSecret()
        : randomBytes(18).toString('base64url');
      await withServices(async (services) => {
        const created = await services.users.create(operator(), {
          email: opts.email,
          name: opts.name,
          role: opts.role,
          locale: opts.locale,
          timeZone: opts.timeZone,
          password,
        });
        process.stdout.write(`Created ${created.role} ${created.email} (${created.id}).\n`);
        if (!opts.passwordStdin) process.stdout.write(`Password (shown once): ${password}\n`);
      });
    });

  user
    .command('set-password <email>')
    .description('set a password; generates and prints one unless --password-stdin')
    .option('--password-stdin', 'read the password from standard input')
    .action(async (email: string, opts) => {
      const password = opts.passwordStdin
        ? await readSecret()
        : randomBytes(18).toString('base64url');
      await withServices(async (services) => {
        const found = await userByEmail(services, email);
        await services.users.setPassword(operator(), found.id, password);
        process.stdout.write(`Password of ${found.email} changed.\n`);
        if (!opts.passwordStdin) process.stdout.write(`New password (shown once): ${password}\n`);
      });
    });

  user
    .command('disable <email>')
    .description('deactivate an account: its sessions and API tokens stop working at once')
    .action(async (email: string) => {
      await withServices(async (services) => {
        const found = await userByEmail(services, email);
        await services.users.update(operator(), found.id, found.version, { active: false });
        process.stdout.write(`Disabled ${found.email}.\n`);
      });
    });

  program
    .command('token')
    .description('personal API tokens')
    .command('create')
    .description('create an API token for a user; prints the secret once')
    .requiredOption('--email <email>', 'the user who owns the token')
    .requiredOption('--name <name>', 'what the token is for')
    .option('--expires <iso-date>', 'expiry, e.g. 2027-06-30T00:00:00Z')
    .action(async (opts) => {
      await withServices(async (services) => {
        const found = await userByEmail(services, opts.email);
        const { token, secret } = await services.auth.createToken(operator(), {
          name: opts.name,
          expiresAt: opts.expires ?? null,
          userId: found.id,
        });
        process.stdout.write(
          `Token ${token.name} (${token.id}) for ${found.email}. Secret (shown once):\n${secret}\n`,
        );
      });
    });
}
