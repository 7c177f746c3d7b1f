// "Add to the improvement register" from another record (an audit finding, a complaint, a
// problem, a management review): being built in issue 7.

export type ImprovementSource =
  | 'audit-finding'
  | 'complaint'
  | 'survey'
  | 'problem'
  | 'kpi'
  | 'management-review'
  | 'suggestion';

export interface RaiseImprovementButtonProps {
  source: ImprovementSource;
  /** The id of the record it comes from. */
  sourceId: string;
  /** Shown on the improvement as where it came from, e.g. "AUD-2026-01 F2". */
  sourceLabel: string;
  /** Pre-fills the improvement's title. */
  defaultTitle: string;
  defaultDescription?: string;
}

export function RaiseImprovementButton(props: RaiseImprovementButtonProps) {
  void props;
  return null;
}
