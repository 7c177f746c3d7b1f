// The desk's settings: priority matrix, reopen window, first-response rule, portal visibility.
import type { Executor } from '../../db/executor.js';
import { prepared } from '../../db/prepared.js';
import { fromJson, toJson } from '../../db/values.js';
import { updateVersionedRow } from '../../db/versioned-rows.js';
import { type Actor, requirePermission } from '../../shared/actor.js';
import type { Clock } from '../../shared/clock.js';
import { invalid, versionConflict } from '../../shared/errors.js';
import { diff } from '../audit/audit.js';
import type { AuditService } from '../audit/audit.service.js';
import { PRIORITIES, type Priority } from '../sla/policy.js';
import { DEFAULT_SETTINGS, type DeskSettings } from './tickets.js';

const ROW_ID = 'desk';

function check(input: DeskSettings): DeskSettings {
  for (let i = 1; i <= 3; i++)
    for (let u = 1; u <= 3; u++) {
      const p = input.priorityMatrix[`${i}-${u}`];
      if (!p || !(PRIORITIES as readonly string[]).includes(p))
        throw invalid(`/priorityMatrix/${i}-${u}`, `must be one of ${PRIORITIES.join(', ')}`);
    }
  if (
    !Number.isInteger(input.reopenWindowDays) ||
    input.reopenWindowDays < 0 ||
    input.reopenWindowDays > 365
  )
    throw invalid('/reopenWindowDays', 'must be a whole number of days from 0 to 365');
  const categories = [...new Set(input.categories.map((c) => c.trim()).filter(Boolean))];
  if (categories.length === 0) throw invalid('/categories', 'must name at least one category');
  return {
    priorityMatrix: Object.fromEntries(
      Object.entries(input.priorityMatrix).filter(([k]) => /^[1-3]-[1-3]$/.test(k)),
    ) as Record<string, Priority>,
    reopenWindowDays: input.reopenWindowDays,
    firstResponseBy: input.firstResponseBy,
    requestersSeeOrganisationTickets: input.requestersSeeOrganisationTickets,
    categories,
  };
}

// Read by every ticket created: compiled once (src/db/prepared.ts).
const settingsQuery = prepared((db: Executor, id: string) =>
  db.selectFrom('desk_settings').selectAll().where('id', '=', id),
);

export function createDeskSettingsService(deps: {
  db: Executor;
  audit: AuditService;
  clock: Clock;
}) {
  const { db, audit, clock } = deps;

  async function read(trx: Executor): Promise<{ value: DeskSettings; version: number }> {
    const [row] = await settingsQuery(trx, ROW_ID);
    if (!row) return { value: DEFAULT_SETTINGS, version: 0 };
    return {
      value: { ...DEFAULT_SETTINGS, ...fromJson<Partial<DeskSettings>>(row.value) },
      version: row.version,
    };
  }

  return {
    /** The settings as they are in `trx` (defaults until someone saves them). */
    current: async (trx: Executor = db) => (await read(trx)).value,

    async get(actor: Actor) {
      requirePermission(actor, 'tickets.submit', 'see the desk settings');
      const { value, version } = await read(db);
      return { ...value, version };
    },

    async update(actor: Actor, expectedVersion: number, patch: Partial<DeskSettings>) {
      requirePermission(actor, 'desk.configure', 'change the desk settings');
      return db.transaction().execute(async (trx) => {
        const before = await read(trx);
        if (before.version !== expectedVersion)
          throw versionConflict('The desk settings', before.version);
        const value = check({ ...before.value, ...patch });
        const now = clock.now().toISOString();
        const version = before.version + 1;
        if (before.version === 0)
          await trx
            .insertInto('desk_settings')
            .values({ id: ROW_ID, value: toJson(value), updated_at: now, version })
            .execute();
        else {
          const saved = await updateVersionedRow(trx, 'desk_settings', ROW_ID, expectedVersion, {
            value: toJson(value),
            updated_at: now,
          });
          if (!saved) throw versionConflict('The desk settings', before.version);
        }
        await audit.record(trx, actor, {
          action: 'update',
          entityType: 'desk-settings',
          entityId: ROW_ID,
          changes: diff(before.value, value),
        });
        return { ...value, version };
      });
    },
  };
}

export type DeskSettingsService = ReturnType<typeof createDeskSettingsService>;
