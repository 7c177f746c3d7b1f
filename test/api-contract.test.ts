import fs from 'node:fs';
import { expect, it } from 'vitest';
import { generateApiTypes, SCHEMA_FILE } from '../scripts/generate-api-client.js';

it('web/api/schema.d.ts matches the server routes (run `npm run gen:api` after changing one)', async () => {
  const current = await generateApiTypes();
  expect(
    fs.readFileSync(SCHEMA_FILE, 'utf8') === current,
    'web/api/schema.d.ts is stale: run npm run gen:api',
  ).toBe(true);
});
