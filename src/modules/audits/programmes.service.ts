// Audit programmes over a certification cycle and the grade schemes of certification bodies:
// the programme shows every audit of the cycle and which requirements no audit samples.
// Read with audits.read, managed with audits.manage; audited as 'audit-programme' and
// 'audit-grade-scheme'.
import type { Executor } from '../../db/executor.js';
import { type Actor, can, requirePermission } from '../../shared/actor.js';
import type { Clock } from '../../shared/clock.js';
import { DomainError, invalid } from '../../shared/errors.js';
import { uuidv7 } from '../../shared/ids.js';
import { diff } from '../audit/audit.js';
import type { AuditService } from '../audit/audit.service.js';
import { auditedWrites } from '../audit/audited-writes.js';
import {
  type Audit,
  checkDate,
  checkGrades,
  checkRange,
  DEFAULT_GRADES,
  type Grade,
  type GradeScheme,
  type Programme,
  requiredText,
  TEXT_LIMITS,
} from './audits.js';
import { auditsRepository as repo } from './audits.repository.js';
import { LEAF_REQUIREMENTS } from './requirements.js';

export type AuditListItem = Audit & {
  sample: string[];
  findingCount: number;
  recordedCount: number;
};

export type ProgrammeView = Programme & {
  gradeScheme: GradeScheme;
  audits: AuditListItem[];
  coverage: { requirement: string; title: string; auditIds: string[] }[];
  unaudited: { requirement: string; title: string }[];
};

export interface ProgrammeInput {
  name: string;
  certificationBody: string;
  gradeSchemeId?: string | null;
  cycleStart: string;
  cycleEnd: string;
}

/** Audits with their sample and counts, as lists and the programme show them. */
export async function listItems(trx: Executor, list: Audit[]): Promise<AuditListItem[]> {
  const ids = list.map((a) => a.id);
  const samples = await repo.samples(trx, ids);
  const found = await repo.findings(trx, { auditIds: ids });
  return list.map((a) => {
    const own = samples.filter((s) => s.auditId === a.id);
    return {
      ...a,
      sample: own.map((s) => s.requirement),
      recordedCount: own.filter((s) => s.result !== 'not-audited').length,
      findingCount: found.filter((f) => f.auditId === a.id).length,
    };
  });
}

export function createProgrammeService(deps: {
  db: Executor;
  audit: AuditService;
  clock: Clock;
  inTransaction: <R>(work: (trx: Executor) => Promise<R>) => Promise<R>;
}) {
  const { db, audit, clock, inTransaction } = deps;
  const reader = async (actor: Actor) => can(actor, 'audits.read');
  audit.registerReader('audit-grade-scheme', reader);
  audit.registerReader('audit-programme', reader);

  const schemes = auditedWrites<GradeScheme>(
    { db, audit, clock },
    {
      what: 'The grade scheme',
      entityType: 'audit-grade-scheme',
      load: repo.schemeById,
      insert: repo.insertScheme,
      update: repo.updateScheme,
    },
  );
  const programmes = auditedWrites<Programme>(
    { db, audit, clock },
    {
      what: 'The audit programme',
      entityType: 'audit-programme',
      load: repo.programmeById,
      insert: repo.insertProgramme,
      update: repo.updateProgramme,
    },
  );

  /** The default scheme (one grade of each kind), made the first time it is needed. */
  async function defaultScheme(trx: Executor): Promise<GradeScheme> {
    const found = (await repo.schemes(trx)).find((s) => s.name === 'Default');
    if (found) return found;
    const now = clock.now().toISOString();
    const scheme: GradeScheme = {
      id: uuidv7(clock.now().getTime()),
      name: 'Default',
      grades: DEFAULT_GRADES.map((g) => ({ ...g })),
      createdAt: now,
      updatedAt: now,
      version: 1,
    };
    await repo.insertScheme(trx, scheme);
    return scheme;
  }

  const schemeOf = async (trx: Executor, p: Programme) =>
    (await repo.schemeById(trx, p.gradeSchemeId)) ?? (await defaultScheme(trx));

  async function programmeView(trx: Executor, p: Programme): Promise<ProgrammeView> {
    const items = await listItems(trx, await repo.audits(trx, { programmeId: p.id }));
    const counted = items.filter((a) => a.status !== 'cancelled');
    const coverage = LEAF_REQUIREMENTS.map((r) => ({
      requirement: r.number,
      title: r.title,
      auditIds: counted.filter((a) => a.sample.includes(r.number)).map((a) => a.id),
    }));
    return {
      ...p,
      gradeScheme: await schemeOf(trx, p),
      audits: items,
      coverage,
      unaudited: coverage
        .filter((c) => c.auditIds.length === 0)
        .map((c) => ({ requirement: c.requirement, title: c.title })),
    };
  }

  return {
    loadProgramme: programmes.load,
    schemeOf,

    api: {
      async gradeSchemes(actor: Actor): Promise<GradeScheme[]> {
        requirePermission(actor, 'audits.read', 'see audit grade schemes');
        return inTransaction(async (trx) => {
          await defaultScheme(trx);
          return repo.schemes(trx);
        });
      },

      async createGradeScheme(actor: Actor, input: { name: string; grades: Grade[] }) {
        requirePermission(actor, 'audits.manage', 'define audit grade schemes');
        const now = clock.now().toISOString();
        const scheme: GradeScheme = {
          id: uuidv7(clock.now().getTime()),
          name: requiredText(input.name, '/name', TEXT_LIMITS.name),
          grades: checkGrades(input.grades),
          createdAt: now,
          updatedAt: now,
          version: 1,
        };
        const taken = (await repo.schemes(db)).some(
          (s) => s.name.toLowerCase() === scheme.name.toLowerCase(),
        );
        if (taken)
          throw new DomainError('ALREADY_EXISTS', `A grade scheme named ${scheme.name} exists.`, {
            errors: [{ field: '/name', message: 'is already used' }],
          });
        return schemes.create(actor, scheme);
      },

      async updateGradeScheme(
        actor: Actor,
        id: string,
        expectedVersion: number,
        patch: { name?: string; grades?: Grade[] },
      ) {
        requirePermission(actor, 'audits.manage', 'change audit grade schemes');
        return schemes.update(actor, id, expectedVersion, (before) => ({
          ...before,
          name: patch.name !== undefined ? requiredText(patch.name, '/name') : before.name,
          grades: patch.grades !== undefined ? checkGrades(patch.grades) : before.grades,
        }));
      },

      async programmes(actor: Actor): Promise<Programme[]> {
        requirePermission(actor, 'audits.read', 'see audit programmes');
        return repo.programmes(db);
      },

      async programme(actor: Actor, id: string): Promise<ProgrammeView> {
        requirePermission(actor, 'audits.read', 'see audit programmes');
        return inTransaction(async (trx) => programmeView(trx, await programmes.load(trx, id)));
      },

      async createProgramme(actor: Actor, input: ProgrammeInput): Promise<ProgrammeView> {
        requirePermission(actor, 'audits.manage', 'create audit programmes');
        const now = clock.now().toISOString();
        const p: Programme = {
          id: uuidv7(clock.now().getTime()),
          name: requiredText(input.name, '/name', TEXT_LIMITS.name),
          certificationBody: requiredText(input.certificationBody, '/certificationBody'),
          gradeSchemeId: '',
          cycleStart: checkDate(input.cycleStart, '/cycleStart'),
          cycleEnd: checkDate(input.cycleEnd, '/cycleEnd'),
          createdBy: actor.id,
          createdAt: now,
          updatedAt: now,
          version: 1,
        };
        checkRange(p.cycleStart, p.cycleEnd, '/cycleEnd');
        return inTransaction(async (trx) => {
          if (input.gradeSchemeId) {
            if (!(await repo.schemeById(trx, input.gradeSchemeId)))
              throw invalid('/gradeSchemeId', 'no such grade scheme');
            p.gradeSchemeId = input.gradeSchemeId;
          } else p.gradeSchemeId = (await defaultScheme(trx)).id;
          await repo.insertProgramme(trx, p);
          await audit.record(trx, actor, {
            action: 'create',
            entityType: 'audit-programme',
            entityId: p.id,
            changes: diff(null, p, { ignore: ['id', 'createdAt'] }),
          });
          return programmeView(trx, p);
        });
      },

      async updateProgramme(
        actor: Actor,
        id: string,
        expectedVersion: number,
        patch: Partial<Omit<ProgrammeInput, 'gradeSchemeId'> & { gradeSchemeId: string }>,
      ): Promise<ProgrammeView> {
        requirePermission(actor, 'audits.manage', 'change audit programmes');
        const saved = await programmes.update(actor, id, expectedVersion, async (before, trx) => {
          const after: Programme = {
            ...before,
            name: patch.name !== undefined ? requiredText(patch.name, '/name') : before.name,
            certificationBody:
              patch.certificationBody !== undefined
                ? requiredText(patch.certificationBody, '/certificationBody')
                : before.certificationBody,
            gradeSchemeId: patch.gradeSchemeId ?? before.gradeSchemeId,
            cycleStart:
              patch.cycleStart !== undefined
                ? checkDate(patch.cycleStart, '/cycleStart')
                : before.cycleStart,
            cycleEnd:
              patch.cycleEnd !== undefined
                ? checkDate(patch.cycleEnd, '/cycleEnd')
                : before.cycleEnd,
          };
          checkRange(after.cycleStart, after.cycleEnd, '/cycleEnd');
          if (!(await repo.schemeById(trx, after.gradeSchemeId)))
            throw invalid('/gradeSchemeId', 'no such grade scheme');
          return after;
        });
        return inTransaction((trx) => programmeView(trx, saved));
      },
    },
  };
}
