#!/usr/bin/env node
// npm test: lint, type-check, unit, integration on every available database, and the browser
// suite in Chromium when /usr/bin/chromium exists. Ends with one "N passed, N failed" line.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const ci = process.env.CI === 'true' || process.env.CI === '1';
const chromium = process.env.MERIDIAN_CHROMIUM ?? '/usr/bin/chromium';
const reports = path.resolve('.tmp/test-reports');
fs.mkdirSync(reports, { recursive: true });

let passed = 0;
let failed = 0;
let skipped = 0;
const failures = [];

function run(label, command, args, env = {}) {
  console.log(`\n▶ ${label}: ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  return result.status === 0;
}

function step(label, command, args) {
  if (run(label, command, args)) passed += 1;
  else {
    failed += 1;
    failures.push(label);
  }
}

function vitest(project, env = {}, label = project) {
  const file = path.join(reports, `${label.replace(/\W+/g, '-')}.json`);
  fs.rmSync(file, { force: true });
  const ok = run(
    `${project} tests`,
    'npx',
    [
      'vitest',
      'run',
      '--project',
      project,
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${file}`,
    ],
    env,
  );
  if (fs.existsSync(file)) {
    const report = JSON.parse(fs.readFileSync(file, 'utf8'));
    passed += report.numPassedTests;
    failed += report.numFailedTests;
    skipped += report.numPendingTests + (report.numTodoTests ?? 0);
    if (report.numTotalTests === 0) {
      failed += 1;
      failures.push(`${label}: no test ran`);
    }
  }
  if (!ok) failures.push(`${label} tests`);
  if (!ok && !fs.existsSync(file)) failed += 1;
}

step('lint (biome)', 'npx', ['biome', 'check', '.']);
step('type-check (server)', 'npx', ['tsc', '-p', 'tsconfig.json']);
step('type-check (web)', 'npx', ['tsc', '-p', 'web/tsconfig.json']);
// Nothing may depend on the machine's time zone: the suite runs under UTC and under a zone
// with a large offset and its own DST (Pacific/Auckland).
for (const zone of ['UTC', 'Pacific/Auckland']) {
  vitest('unit', { TZ: zone }, `unit (TZ=${zone})`);
  vitest('integration', { TZ: zone }, `integration (TZ=${zone})`);
}
if (fs.existsSync(chromium)) {
  vitest('e2e', { MERIDIAN_CHROMIUM: chromium });
} else if (ci) {
  failed += 1;
  failures.push(`e2e: ${chromium} is missing (CI requires the browser suite)`);
} else {
  console.warn(
    `\n*** ${chromium} not found: end-to-end browser tests SKIPPED (apt-get install -y chromium). ***`,
  );
}

console.log('');
if (failures.length) console.log(`Failed: ${[...new Set(failures)].join('; ')}`);
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 || failures.length > 0 ? 1 : 0);
