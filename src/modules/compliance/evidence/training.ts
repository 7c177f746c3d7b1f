// Live evidence of training and competence (7.2, 7.3): the employee training completion figure of
// the period, computed by the training module's own rule (mandatory assignments due in the period,
// completed on or before their due date), and the newest completion recorded.
import { completionOver } from '../../training/completion.js';
import { type EvidenceContext, type Finding, latestOf, plural, readOnly } from './evidence.js';

export async function records(ctx: EvidenceContext): Promise<Finding> {
  const completion = await completionOver(ctx.db, ctx.period);
  const latest = await readOnly(ctx.db)
    .selectFrom('training_assignments')
    .select((eb) => eb.fn.max('completed_at').as('latest'))
    .where('status', '=', 'completed')
    .where('completed_on', '<=', ctx.period.to)
    .executeTakeFirst();
  return {
    figure:
      completion.rate === null
        ? 'No training due in the period'
        : `${completion.rate}% of ${plural(completion.due, 'mandatory assignment')} due completed on time (${completion.completedOnTime} of ${completion.due})`,
    // Wording in the web app: compliance.figures.trainingCompletion(_one/_other) and trainingNone;
    // until it exists there the English figure is shown.
    key: completion.rate === null ? 'trainingNone' : 'trainingCompletion',
    params:
      completion.rate === null
        ? {}
        : { count: completion.due, share: completion.rate, done: completion.completedOnTime },
    value: completion.rate,
    count: completion.due,
    latestRecordAt: latestOf(latest?.latest),
  };
}
