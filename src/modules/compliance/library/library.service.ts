// The requirement library: versioned data files (one per framework edition) loaded into the
// database idempotently, read as a tree with our guidance, and the licensed text a licensed user may
// paste per requirement. That text is only ever returned by its own endpoint to compliance.manage.
import { isUniqueViolation } from '../../../db/errors.js';
import type { Executor } from '../../../db/executor.js';
import { type Actor, requirePermission } from '../../../shared/actor.js';
import type { Clock } from '../../../shared/clock.js';
import { DomainError, notFound, versionConflict } from '../../../shared/errors.js';
import { uuidv7 } from '../../../shared/ids.js';
import { diff } from '../../audit/audit.js';
import type { AuditService } from '../../audit/audit.service.js';
import { type Framework, type RequirementNode, topClause } from '../compliance.js';
import { libraryRepository as repo, toRequirement } from '../compliance.repository.js';
import iso20000 from './iso20000-1-2018.json' with { type: 'json' };
import { negotiateLanguage } from './language.js';
import { guidanceLanguages, translateGuidance } from './translations.js';

interface LibraryFile {
  framework: string;
  edition: string;
  dataVersion: number;
  title: string;
  language: string;
  nodes: {
    number: string;
    title: string;
    parent: string | null;
    leaf: boolean;
    intent?: string;
    documentedInformation?: { key?: string; name: string; mandatory: boolean }[];
    auditEvidence?: string[];
    meridianEvidence?: { source: string; description: string }[];
    meridianGap?: string;
  }[];
}

/** Every library data file; another edition or framework is one more entry. */
export const LIBRARY_FILES: readonly LibraryFile[] = [iso20000 as LibraryFile];
export const DEFAULT_FRAMEWORK = 'iso20000-1';

export interface LicensedText {
  requirementId: string;
  number: string;
  text: string | null;
  updatedAt: string | null;
  updatedById: string | null;
  version: number;
}

function guidanceRow(file: LibraryFile, node: LibraryFile['nodes'][number], position: number) {
  return {
    title: node.title,
    parent_number: node.parent,
    clause: topClause(node.number),
    depth: node.number.split('.').length - 1,
    position,
    leaf: node.leaf,
    edition: file.edition,
    intent: node.intent ?? null,
    documented_information: JSON.stringify(
      (node.documentedInformation ?? []).map((d) => ({
        key: d.key ?? null,
        name: d.name,
        mandatory: d.mandatory,
      })),
    ),
    audit_evidence: JSON.stringify(node.auditEvidence ?? []),
    meridian_evidence: JSON.stringify(node.meridianEvidence ?? []),
    meridian_gap: node.meridianGap ?? null,
  };
}

/** Loads or refreshes one data file; a file whose dataVersion is already loaded changes nothing. */
async function loadFile(db: Executor, file: LibraryFile, now: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const existing = await repo.framework(trx, file.framework, file.edition);
    if (existing && existing.data_version >= file.dataVersion) return;
    const frameworkId = existing?.id ?? uuidv7();
    if (!existing) {
      await repo.insertFramework(trx, {
        id: frameworkId,
        framework: file.framework,
        edition: file.edition,
        data_version: file.dataVersion,
        title: file.title,
        language: file.language,
        loaded_at: now,
      });
    } else {
      await repo.updateFramework(trx, frameworkId, {
        data_version: file.dataVersion,
        title: file.title,
        language: file.language,
        loaded_at: now,
      });
    }
    const loaded = new Map((await repo.requirements(trx, frameworkId)).map((r) => [r.number, r]));
    for (const [position, node] of file.nodes.entries()) {
      const guidance = guidanceRow(file, node, position);
      const row = loaded.get(node.number);
      if (row) await repo.updateGuidance(trx, row.id, guidance);
      else
        await repo.insertRequirement(trx, {
          id: uuidv7(),
          framework_id: frameworkId,
          number: node.number,
          ...guidance,
          licensed_text: null,
          licensed_text_updated_at: null,
          licensed_text_updated_by: null,
          licensed_text_version: 1,
        });
    }
  });
}

export function createLibraryService(deps: { db: Executor; audit: AuditService; clock: Clock }) {
  const { db, audit, clock } = deps;
  let loading: Promise<void> | null = null;

  /** Loads the data files once per process; another node loading at the same time is fine. */
  function ensureLoaded(): Promise<void> {
    loading ??= (async () => {
      for (const file of LIBRARY_FILES) {
        try {
          await loadFile(db, file, clock.now().toISOString());
        } catch (error) {
          if (!isUniqueViolation(error)) throw error;
          // Another node inserted the same edition first: its rows are the ones to use.
        }
      }
    })().catch((error) => {
      loading = null;
      throw error;
    });
    return loading;
  }

  async function framework(frameworkId?: string, trx: Executor = db): Promise<Framework> {
    await ensureLoaded();
    const all = await repo.frameworks(trx);
    const found = frameworkId
      ? all.find((f) => f.id === frameworkId)
      : all.find((f) => f.framework === DEFAULT_FRAMEWORK);
    if (!found) {
      if (frameworkId)
        throw new DomainError('VALIDATION_FAILED', 'No requirement library has that id.', {
          errors: [{ field: '/frameworkId', message: 'is not a loaded library' }],
        });
      throw notFound('The requirement library');
    }
    return found;
  }

  async function nodes(frameworkId: string, trx: Executor = db): Promise<RequirementNode[]> {
    return (await repo.requirements(trx, frameworkId)).map(toRequirement);
  }

  const toLicensed = (r: NonNullable<Awaited<ReturnType<typeof repo.requirementById>>>) => ({
    requirementId: r.id,
    number: r.number,
    text: r.licensed_text,
    updatedAt: r.licensed_text_updated_at,
    updatedById: r.licensed_text_updated_by,
    version: r.licensed_text_version,
  });

  return {
    ensureLoaded,
    /** The framework to use (default: the newest edition of ISO/IEC 20000-1). No permission check. */
    framework,
    /** All nodes of a framework in document order. No permission check: callers check. */
    nodes,

    async frameworks(actor: Actor): Promise<Framework[]> {
      requirePermission(actor, 'compliance.read', 'read the requirement library');
      await ensureLoaded();
      return repo.frameworks(db);
    },

    /**
     * The requirement tree with its guidance in the language the `acceptLanguage` header prefers
     * among those the library offers (English when none); `language` says which one it is.
     */
    async tree(actor: Actor, frameworkId?: string, acceptLanguage?: string) {
      requirePermission(actor, 'compliance.read', 'read the requirement library');
      const f = await framework(frameworkId);
      const wanted = negotiateLanguage(acceptLanguage, guidanceLanguages(f), '');
      const translated = translateGuidance(f, await nodes(f.id), wanted || f.language);
      return {
        framework: { ...f, title: translated.title },
        language: translated.language,
        nodes: translated.nodes,
      };
    },

    async licensedText(actor: Actor, requirementId: string): Promise<LicensedText> {
      requirePermission(actor, 'compliance.manage', 'read the licensed text of the standard');
      await ensureLoaded();
      const row = await repo.requirementById(db, requirementId);
      if (!row) throw notFound('The requirement');
      return toLicensed(row);
    },

    async setLicensedText(
      actor: Actor,
      requirementId: string,
      expectedVersion: number,
      text: string | null,
    ): Promise<LicensedText> {
      requirePermission(actor, 'compliance.manage', 'paste the licensed text of the standard');
      await ensureLoaded();
      const value = text?.trim() ? text : null;
      return db.transaction().execute(async (trx) => {
        const row = await repo.requirementById(trx, requirementId);
        if (!row) throw notFound('The requirement');
        if (row.licensed_text_version !== expectedVersion)
          throw versionConflict('The licensed text', row.licensed_text_version);
        const at = clock.now().toISOString();
        if (
          !(await repo.setLicensedText(trx, row.id, expectedVersion, {
            text: value,
            at,
            by: actor.id,
          }))
        )
          throw versionConflict('The licensed text', expectedVersion + 1);
        // The trail says that it changed, never what it says: the text is the standard's own.
        await audit.record(trx, actor, {
          action: 'update',
          entityType: 'compliance-requirement',
          entityId: row.id,
          changes: diff(
            { licensedText: row.licensed_text },
            { licensedText: value },
            { hidden: ['licensedText'] },
          ),
        });
        const after = await repo.requirementById(trx, row.id);
        if (!after) throw notFound('The requirement');
        return toLicensed(after);
      });
    },
  };
}

export type LibraryService = ReturnType<typeof createLibraryService>;
