// One Meridian per database for a test file: real repositories, real migrations, inject() for HTTP.
import { afterAll, beforeAll, describe, inject } from 'vitest';
import { openDatabase } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrator.js';
import { argon2Hasher } from '../../src/modules/auth/passwords.js';
import type { Mailer } from '../../src/modules/notifications/mailer.js';
import type { User } from '../../src/modules/users/users.js';
import { type App, buildApp } from '../../src/server/app.js';
import { type Config, loadConfig } from '../../src/server/config.js';
import { createServices, type Services } from '../../src/server/services.js';
import { systemActor } from '../../src/shared/actor.js';
import { type Clock, fixedClock } from '../../src/shared/clock.js';
import type { Role } from '../../src/shared/permissions.js';
import { createTestDatabase, type Engine, type TestDatabase } from './databases.js';

export const PASSWORD = 'correct horse battery staple';

// Cheap argon2id parameters: the same algorithm and code path, a fraction of the cost.
export const testPasswords = argon2Hasher({ memoryCost: 1024, timeCost: 1 });

export interface TestContext {
  engine: Engine;
  database: TestDatabase;
  app: App;
  services: Services;
  config: Config;
  clock: ReturnType<typeof fixedClock>;
  /** Creates a user with PASSWORD directly through the service. */
  createUser(
    role: Role,
    overrides?: Partial<{ email: string; name: string; organisationId: string }>,
  ): Promise<User>;
  /** Signs in over HTTP; returns a client that sends the cookie and CSRF token. */
  login(email: string, password?: string): Promise<Client>;
  /** A user of that role, signed in. */
  as(role: Role): Promise<Client & { user: User }>;
  /** A client with a bearer token. */
  withToken(secret: string): Client;
  anonymous: Client;
}

export interface RequestOptions {
  headers?: Record<string, string>;
  body?: unknown;
  query?: Record<string, string>;
  /** Hand back the response body as bytes (downloads). */
  raw?: boolean;
}

export interface Client {
  request(method: string, url: string, options?: RequestOptions): Promise<Response>;
  get(url: string, options?: RequestOptions): Promise<Response>;
  post(url: string, body?: unknown, options?: RequestOptions): Promise<Response>;
  patch(url: string, body: unknown, options?: RequestOptions): Promise<Response>;
  delete(url: string, options?: RequestOptions): Promise<Response>;
}

export interface Response {
  status: number;
  headers: Record<string, string | string[] | number | undefined>;
  body: any;
  text: string;
}

let counter = 0;
export const uniqueEmail = (prefix = 'user') =>
  `${prefix}.${Date.now().toString(36)}${(counter++).toString(36)}@example.com`;

function client(app: App, base: { cookie?: string; csrf?: string; bearer?: string }): Client {
  const request = async (
    method: string,
    url: string,
    options: RequestOptions = {},
  ): Promise<Response> => {
    const headers: Record<string, string> = { ...options.headers };
    if (base.cookie) headers.cookie = base.cookie;
    if (base.csrf && method !== 'GET' && headers['x-csrf-token'] === undefined)
      headers['x-csrf-token'] = base.csrf;
    if (base.bearer) headers.authorization = `Bearer ${base.bearer}`;
    const response = await app.inject({
      method: method as 'GET',
      url,
      headers,
      query: options.query,
      ...(options.body !== undefined ? { payload: options.body as object } : {}),
    });
    if (options.raw)
      return {
        status: response.statusCode,
        headers: response.headers,
        body: response.rawPayload,
        text: '',
      };
    let body: unknown = null;
    try {
      body = response.body ? JSON.parse(response.body) : null;
    } catch {
      body = response.body;
    }
    return { status: response.statusCode, headers: response.headers, body, text: response.body };
  };
  return {
    request,
    get: (url, o) => request('GET', url, o),
    post: (url, body, o) => request('POST', url, { ...o, body }),
    patch: (url, body, o) => request('PATCH', url, { ...o, body }),
    delete: (url, o) => request('DELETE', url, o),
  };
}

export async function startTestApp(
  engine: Engine,
  options: {
    clock?: Clock;
    env?: Record<string, string>;
    webRoot?: string;
    /** A fake outgoing-mail port (the mail server is the one outside system tests replace). */
    mailer?: Mailer;
  } = {},
) {
  const database = await createTestDatabase(engine);
  const config: Config = {
    ...loadConfig({
      NODE_ENV: 'test',
      MERIDIAN_DATA_DIR: '/tmp/meridian-test-data',
      ...options.env,
    }),
    database: database.config,
    jobWorkers: false,
  };
  const handle = openDatabase(config.database);
  await migrateToLatest(handle);
  const clock =
    (options.clock as ReturnType<typeof fixedClock>) ?? fixedClock('2026-03-02T09:00:00.000Z');
  const services = createServices(config, handle, {
    clock,
    passwords: testPasswords,
    mailer: options.mailer,
  });
  const app = await buildApp(services, { webRoot: options.webRoot ?? '/nonexistent' });
  await app.ready();
  const anonymous = client(app, {});

  const ctx: TestContext = {
    engine,
    database,
    app,
    services,
    config,
    clock,
    anonymous,
    createUser: (role, overrides = {}) =>
      services.users.create(systemActor('test'), {
        email: overrides.email ?? uniqueEmail(role),
        name: overrides.name ?? `Test ${role}`,
        role,
        organisationId: overrides.organisationId,
        password: PASSWORD,
      }),
    async login(email, password = PASSWORD) {
      const response = await anonymous.post('/api/v1/auth/login', { email, password });
      if (response.status !== 200)
        throw new Error(`login failed: ${response.status} ${response.text}`);
      const setCookie = ([] as string[]).concat(
        response.headers['set-cookie'] as string | string[],
      );
      const cookie = setCookie.map((c) => c.split(';')[0]).join('; ');
      return client(app, { cookie, csrf: response.body.csrfToken });
    },
    async as(role) {
      const user = await ctx.createUser(role);
      return Object.assign(await ctx.login(user.email), { user });
    },
    withToken: (secret) => client(app, { bearer: secret }),
  };
  return {
    ctx,
    async stop() {
      await app.close();
      await handle.destroy();
      await database.drop();
    },
  };
}

/**
 * Runs the same test body once per database chosen by the global setup (SQLite and PostgreSQL in
 * CI). Each database gets its own fresh Meridian for the file.
 */
export function describeEachDatabase(
  name: string,
  body: (get: () => TestContext) => void,
  options: { clock?: () => Clock; env?: Record<string, string>; mailer?: () => Mailer } = {},
) {
  for (const engine of inject('engines')) {
    describe(`${name} [${engine}]`, () => {
      let started: Awaited<ReturnType<typeof startTestApp>> | undefined;
      beforeAll(async () => {
        started = await startTestApp(engine, {
          clock: options.clock?.(),
          env: options.env,
          mailer: options.mailer?.(),
        });
      });
      afterAll(async () => {
        await started?.stop();
      });
      body(() => {
        if (!started) throw new Error('test app not started');
        return started.ctx;
      });
    });
  }
}
