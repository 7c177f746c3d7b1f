// Live evidence of training and competence (7.2, 7.3): being built in issue 7.
import type { EvidenceContext, Finding } from './evidence.js';

export async function records(ctx: EvidenceContext): Promise<Finding> {
  void ctx;
  return { figure: 'No training due in the period', value: null, count: 0, latestRecordAt: null };
}
