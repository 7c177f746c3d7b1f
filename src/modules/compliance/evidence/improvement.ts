// Live evidence of the management review (9.3) and of continual improvement (10.2): being built
// in issue 7.
import type { EvidenceContext, Finding } from './evidence.js';

export async function managementReviews(ctx: EvidenceContext): Promise<Finding> {
  void ctx;
  return {
    figure: 'No management review in the period',
    value: null,
    count: 0,
    latestRecordAt: null,
  };
}

export async function improvements(ctx: EvidenceContext): Promise<Finding> {
  void ctx;
  return { figure: 'No improvements in the period', value: null, count: 0, latestRecordAt: null };
}
