// Live evidence of the audit programme (9.2) and of findings and corrective actions (10.1):
// being built in issue 7.
import type { EvidenceContext, Finding } from './evidence.js';

export async function programme(ctx: EvidenceContext): Promise<Finding> {
  void ctx;
  return { figure: 'No audits in the period', value: null, count: 0, latestRecordAt: null };
}

export async function findings(ctx: EvidenceContext): Promise<Finding> {
  void ctx;
  return { figure: 'No findings in the period', value: null, count: 0, latestRecordAt: null };
}
