// The contract between `bench/run.ts` and each `bench/<name>.bench.ts`.
import type { MachineInfo } from './machine.js';

export interface BenchContext {
  /** The repository root. */
  root: string;
  machine: MachineInfo;
  /** Progress output for the operator (stderr); never written to the report. */
  log: (line: string) => void;
}

export interface BenchResult {
  /** Markdown of this benchmark's section in docs/performance.md, starting with a `##` heading. */
  markdown: string;
  /** The headline numbers, kept as JSON in the report so tools can read them without parsing tables. */
  figures: Record<string, number | string | boolean | null>;
}

/** Each `bench/<name>.bench.ts` exports `run` with this signature. It throws when the run is invalid. */
export type Bench = (context: BenchContext) => Promise<BenchResult>;
