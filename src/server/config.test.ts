import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('configuration', () => {
  it('defaults to SQLite in ./data on 127.0.0.1:8080', () => {
    const config = loadConfig({});
    expect(config.host).toBe('127.0.0.1');
    expect(config.port).toBe(8080);
    expect(config.database).toEqual({
      kind: 'sqlite',
      file: expect.stringMatching(/data[\\/]meridian\.db$/),
    });
    expect(config.attachmentsDir).toMatch(/data[\\/]attachments$/);
  });

  it('chooses PostgreSQL from DATABASE_URL', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://u@db:5432/meridian' }).database).toMatchObject({
      kind: 'postgres',
    });
  });

  it.each([
    [{ PORT: 'http' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'],
    [
      { MERIDIAN_ADMIN_EMAIL: 'not-an-email', MERIDIAN_ADMIN_PASSWORD: 'long enough pw' },
      'MERIDIAN_ADMIN_EMAIL',
    ],
    [
      { MERIDIAN_ADMIN_EMAIL: 'a@b.c', MERIDIAN_ADMIN_PASSWORD: 'short' },
      'MERIDIAN_ADMIN_PASSWORD',
    ],
    [{ MERIDIAN_ADMIN_EMAIL: 'a@b.c' }, 'MERIDIAN_ADMIN_PASSWORD'],
    [{ MERIDIAN_SECURE_COOKIES: 'maybe' }, 'MERIDIAN_SECURE_COOKIES'],
    [{ NODE_ENV: 'staging' }, 'NODE_ENV'],
  ])('fails fast on %o, naming %s', (env, variable) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(new RegExp(`^Invalid configuration: ${variable} `));
  });
});
