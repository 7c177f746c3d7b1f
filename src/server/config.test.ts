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
    [{ MERIDIAN_SMTP_URL: 'http://mail.example.com' }, 'MERIDIAN_SMTP_URL'],
    [{ MERIDIAN_SMTP_URL: 'not a url' }, 'MERIDIAN_SMTP_URL'],
    [{ MERIDIAN_MAIL_FROM: 'Meridian' }, 'MERIDIAN_MAIL_FROM'],
    [{ MERIDIAN_PUBLIC_URL: 'ftp://desk.example.com' }, 'MERIDIAN_PUBLIC_URL'],
    [{ MERIDIAN_PUBLIC_URL: 'desk.example.com' }, 'MERIDIAN_PUBLIC_URL'],
    [{ MERIDIAN_SURVEY_EXPIRY_DAYS: '0' }, 'MERIDIAN_SURVEY_EXPIRY_DAYS'],
  ])('fails fast on %o, naming %s', (env, variable) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(new RegExp(`^Invalid configuration: ${variable} `));
  });

  it('sends email through SMTP only when MERIDIAN_SMTP_URL is set, with links to the public URL', () => {
    const development = loadConfig({ PORT: '3000' });
    expect(development.mail).toEqual({ smtpUrl: null, from: 'Meridian <meridian@localhost>' });
    expect(development.publicUrl).toBe('http://127.0.0.1:3000');
    expect(development.surveyExpiryDays).toBe(14);
    const production = loadConfig({
      MERIDIAN_SMTP_URL: 'smtps://desk:secret@mail.example.com:465',
      MERIDIAN_MAIL_FROM: 'Service Desk <desk@example.com>',
      MERIDIAN_PUBLIC_URL: 'https://desk.example.com/',
      MERIDIAN_SURVEY_EXPIRY_DAYS: '7',
    });
    expect(production.mail).toEqual({
      smtpUrl: 'smtps://desk:secret@mail.example.com:465',
      from: 'Service Desk <desk@example.com>',
    });
    expect(production.publicUrl).toBe('https://desk.example.com');
    expect(production.surveyExpiryDays).toBe(7);
  });

  it('never repeats the SMTP password in a configuration error', () => {
    expect(() => loadConfig({ MERIDIAN_SMTP_URL: 'imap://desk:s3cret@mail.example.com' })).toThrow(
      /^(?!.*s3cret)/,
    );
  });
});
