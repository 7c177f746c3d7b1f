// The evidence of assessed requirements: their documents (documents module), the figures of their
// own live evidence links, and those of the sources the library suggests for them, with freshness.
import type { Executor } from '../../db/executor.js';
import type { Clock } from '../../shared/clock.js';
import { type Assessment, type AssessmentItem, isoDate } from './compliance.js';
import { assessmentsRepository } from './compliance.repository.js';
import { type EvidenceFigure, evidenceOf } from './evidence/index.js';
import type { LibraryService } from './library/library.service.js';
import type { DocumentSummary, DocumentsPort } from './ports.js';

/** The default period of a requirement's suggested live evidence: 90 days to the snapshot date. */
export const EVIDENCE_DAYS = 90;

/** A linked document as evidence; all but the id are null when the document no longer exists. */
export interface DocumentEvidence {
  id: string;
  title: string | null;
  kind: string | null;
  status: string | null;
  version: number | null;
  approvedAt: string | null;
  nextReviewAt: string | null;
}

/** A file as evidence: uploaded to the assessed requirement, or another record's file linked to it. */
export interface FileEvidence {
  id: string;
  fileName: string;
  mediaType: string;
  size: number;
  createdAt: string;
}

export interface ItemEvidence {
  itemId: string;
  number: string;
  documents: DocumentEvidence[];
  files: FileEvidence[];
  linked: EvidenceFigure[];
  suggested: EvidenceFigure[];
  live: { exists: boolean; latestRecordAt: string | null; ageDays: number | null };
}

export function itemEvidence(deps: {
  db: Executor;
  clock: Clock;
  library: LibraryService;
  documents: () => DocumentsPort | undefined;
}) {
  const { db, clock, library, documents } = deps;
  const unique = (values: string[]) => [...new Set(values)];

  /** The end of the evidence period: the snapshot date once closed, today while open. */
  const evidenceEnd = (a: Assessment) =>
    a.status === 'closed' ? a.assessedOn : isoDate(clock.now());

  function defaultPeriod(a: Assessment) {
    const to = evidenceEnd(a);
    const from = isoDate(
      new Date(Date.parse(`${to}T00:00:00Z`) - (EVIDENCE_DAYS - 1) * 86_400_000),
    );
    return { from, to };
  }

  async function evidenceFor(a: Assessment, list: AssessmentItem[]): Promise<ItemEvidence[]> {
    await library.ensureLoaded();
    const nodes = new Map((await library.nodes(a.frameworkId)).map((n) => [n.id, n]));
    const now = clock.now();
    const period = defaultPeriod(a);
    const cache = new Map<string, Promise<EvidenceFigure>>();
    const figure = (source: string, p: { from: string; to: string }) => {
      const key = `${source}|${p.from}|${p.to}`;
      let found = cache.get(key);
      if (!found) {
        found = evidenceOf(db, source, p, now);
        cache.set(key, found);
      }
      return found;
    };
    const port = documents();
    const docIds = unique(list.flatMap((i) => i.documentIds));
    const summaries =
      port?.summaries && docIds.length
        ? await port.summaries(db, docIds)
        : new Map<string, DocumentSummary>();
    const files = await assessmentsRepository.evidenceFiles(
      db,
      list.map((i) => i.id),
      unique(list.flatMap((i) => i.attachmentIds)),
    );
    const filesOf = (item: AssessmentItem): FileEvidence[] =>
      files
        .filter(
          (f) =>
            (f.owner_type === 'assessment-item' && f.owner_id === item.id) ||
            item.attachmentIds.includes(f.id),
        )
        .map((f) => ({
          id: f.id,
          fileName: f.file_name,
          mediaType: f.media_type,
          size: Number(f.size),
          createdAt: f.created_at,
        }));
    const result: ItemEvidence[] = [];
    for (const item of list) {
      const linked = await Promise.all(
        item.liveLinks.map((l) => figure(l.source, { from: l.from, to: l.to })),
      );
      const suggestedSources = unique(
        (nodes.get(item.requirementId)?.meridianEvidence ?? []).map((m) => m.source),
      );
      const suggested = await Promise.all(suggestedSources.map((s) => figure(s, period)));
      const live = [...linked, ...suggested].filter((f) => f.available && f.latestRecordAt);
      const latest =
        live
          .map((f) => f.latestRecordAt as string)
          .sort()
          .at(-1) ?? null;
      result.push({
        itemId: item.id,
        number: item.number,
        documents: item.documentIds.map(
          (id): DocumentEvidence =>
            summaries.get(id) ?? {
              id,
              title: null,
              kind: null,
              status: null,
              version: null,
              approvedAt: null,
              nextReviewAt: null,
            },
        ),
        files: filesOf(item),
        linked,
        suggested,
        live: {
          exists: live.length > 0,
          latestRecordAt: latest,
          ageDays:
            latest === null
              ? null
              : Math.max(0, Math.floor((now.getTime() - Date.parse(latest)) / 86_400_000)),
        },
      });
    }
    return result;
  }

  return evidenceFor;
}
