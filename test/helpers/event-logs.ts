// Where the real ITSM event logs are (the workplace's shared data sets, beside the project, not in
// it): MERIDIAN_EVENT_LOGS_DIR when set, else ../shared next to this checkout, else the
// workplace's own copy — so a clone anywhere on the machine (CI clones into a temporary folder)
// finds them. Missing everywhere is an error naming the places looked at, never a skipped test.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export function eventLogsDir(): string {
  const candidates = [
    process.env.MERIDIAN_EVENT_LOGS_DIR,
    path.resolve(root, '..', 'shared', 'data', 'itsm-event-logs'),
    '/work/shared/data/itsm-event-logs',
  ].filter((c): c is string => Boolean(c));
  const found = candidates.find((dir) =>
    fs.existsSync(path.join(dir, 'servicenow-incident-event-log.csv.zip')),
  );
  if (!found)
    throw new Error(
      `The ITSM event logs are not there: looked in ${candidates.join(', ')}. Set MERIDIAN_EVENT_LOGS_DIR.`,
    );
  return found;
}
