// What the compliance module reads from the documents module (contract 1 of the issue-6 brief).
// Declared here with optional members so the workspace keeps working while that module grows.
import type { Executor } from '../../db/executor.js';

export interface DocumentSummary {
  id: string;
  title: string;
  kind: string;
  status: string;
  version: number;
  approvedAt: string | null;
  nextReviewAt: string | null;
}

export interface ChecklistEntry {
  key: string;
  name: string;
  requirement: string;
  exists: boolean;
  approved: boolean;
  status: string;
  documents: DocumentSummary[];
}

export interface DocumentsPort {
  summaries?(trx: Executor, ids: string[]): Promise<Map<string, DocumentSummary>>;
  forRequirements?(trx: Executor, numbers: string[]): Promise<Map<string, DocumentSummary[]>>;
  mandatoryChecklist?(trx: Executor): Promise<ChecklistEntry[]>;
}
