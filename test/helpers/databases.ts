// The databases the integration suite runs on, and a fresh database for each test file.
// MERIDIAN_TEST_DATABASES=sqlite,postgres picks them; MERIDIAN_TEST_PG_URL points at PostgreSQL.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { DatabaseConfig } from '../../src/server/config.js';

export type Engine = 'sqlite' | 'postgres';

export const PG_URL =
  process.env.MERIDIAN_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TestDatabase {
  engine: Engine;
  config: DatabaseConfig;
  url: string;
  drop(): Promise<void>;
}

export async function createTestDatabase(engine: Engine): Promise<TestDatabase> {
  const name = `meridian_t_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  if (engine === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'meridian-test-'));
    const file = path.join(dir, 'meridian.db');
    return {
      engine,
      config: { kind: 'sqlite', file },
      url: `sqlite:${file}`,
      async drop() {
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(PG_URL);
  url.pathname = `/${name}`;
  return {
    engine,
    config: { kind: 'postgres', url: url.toString(), poolSize: 5 },
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: PG_URL });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

export async function postgresReachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}
