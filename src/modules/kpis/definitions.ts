// KPI definitions as records: mapping to and from rows, and the checks of an edit.
import type { KpiDefinitionsTable } from '../../db/tables/kpis.js';
import { fromJson, toJson } from '../../db/values.js';
import { invalid } from '../../shared/errors.js';
import {
  checkPeriod,
  DIRECTIONS,
  type Direction,
  type Period,
  STATISTICS,
  type Statistic,
  type Target,
  UNITS,
  type Unit,
} from './kpis.js';
import { isMeasureId, MEASURE_IDS, type MeasureId } from './measures.js';

export interface KpiDefinition {
  /** The key, e.g. "service-delivery-time". */
  id: string;
  key: string;
  name: string;
  description: string;
  measure: MeasureId;
  statistic: Statistic;
  unit: Unit;
  direction: Direction;
  target: Target;
  baseline: Period | null;
  atRiskMargin: number;
  ownerId: string | null;
  requirements: string[];
  objectives: string;
  sortOrder: number;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface DefinitionChanges {
  name?: string;
  description?: string;
  measure?: string;
  statistic?: string;
  unit?: string;
  direction?: string;
  target?: { kind: string; value?: number; change?: number };
  baseline?: { from: string; to: string } | null;
  atRiskMargin?: number;
  ownerId?: string | null;
  requirements?: string[];
  objectives?: string;
}

export const toDefinition = (row: KpiDefinitionsTable): KpiDefinition => ({
  id: row.id,
  key: row.id,
  name: row.name,
  description: row.description,
  measure: row.measure as MeasureId,
  statistic: row.statistic as Statistic,
  unit: row.unit as Unit,
  direction: row.direction as Direction,
  target: fromJson<Target>(row.target),
  baseline:
    row.baseline_from && row.baseline_to ? { from: row.baseline_from, to: row.baseline_to } : null,
  atRiskMargin: Number(row.at_risk_margin),
  ownerId: row.owner_id,
  requirements: fromJson<string[]>(row.requirements),
  objectives: row.objectives,
  sortOrder: row.sort_order,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
  version: row.version,
});

export const toRow = (d: KpiDefinition): KpiDefinitionsTable => ({
  id: d.id,
  name: d.name,
  description: d.description,
  measure: d.measure,
  statistic: d.statistic,
  unit: d.unit,
  direction: d.direction,
  target: toJson(d.target),
  baseline_from: d.baseline?.from ?? null,
  baseline_to: d.baseline?.to ?? null,
  at_risk_margin: d.atRiskMargin,
  owner_id: d.ownerId,
  requirements: toJson(d.requirements),
  objectives: d.objectives,
  sort_order: d.sortOrder,
  created_at: d.createdAt,
  updated_at: d.updatedAt,
  version: d.version,
});

const REQUIREMENT = /^(?:[4-9]|10)(?:\.\d{1,2}){0,3}$/;
const DURATION_STATISTICS: readonly Statistic[] = ['median', 'mean', 'p90'];

function text(field: string, value: string, max: number, required: boolean): string {
  const trimmed = value.trim();
  if (required && !trimmed) throw invalid(field, 'must not be empty');
  if (trimmed.length > max) throw invalid(field, `must be at most ${max} characters`);
  return trimmed;
}

/** The definition after an edit, or a 400 naming the first field that is wrong. */
export function applyChanges(before: KpiDefinition, input: DefinitionChanges): KpiDefinition {
  const next: KpiDefinition = { ...before };
  if (input.name !== undefined) next.name = text('/name', input.name, 200, true);
  if (input.description !== undefined)
    next.description = text('/description', input.description, 2000, false);
  if (input.objectives !== undefined)
    next.objectives = text('/objectives', input.objectives, 2000, false);
  if (input.measure !== undefined) {
    if (!isMeasureId(input.measure))
      throw invalid('/measure', `must be one of ${MEASURE_IDS.join(', ')}`);
    next.measure = input.measure;
  }
  if (input.statistic !== undefined) {
    if (!(STATISTICS as readonly string[]).includes(input.statistic))
      throw invalid('/statistic', `must be one of ${STATISTICS.join(', ')}`);
    next.statistic = input.statistic as Statistic;
  }
  const durationMeasure = next.measure === 'service-delivery-time';
  if (next.statistic === 'value' && durationMeasure) next.statistic = 'median';
  if (DURATION_STATISTICS.includes(next.statistic) && !durationMeasure)
    throw invalid('/statistic', 'median, mean and p90 apply to the service delivery time only');
  if (input.unit !== undefined) {
    if (!(UNITS as readonly string[]).includes(input.unit))
      throw invalid('/unit', `must be one of ${UNITS.join(', ')}`);
    next.unit = input.unit as Unit;
  }
  if (input.direction !== undefined) {
    if (!(DIRECTIONS as readonly string[]).includes(input.direction))
      throw invalid('/direction', `must be one of ${DIRECTIONS.join(', ')}`);
    next.direction = input.direction as Direction;
  }
  if (input.target !== undefined) {
    const t = input.target;
    if (t.kind === 'absolute') {
      if (typeof t.value !== 'number' || !Number.isFinite(t.value) || t.change !== undefined)
        throw invalid('/target/value', 'an absolute target needs a number value (and no change)');
      next.target = { kind: 'absolute', value: t.value };
    } else if (t.kind === 'relative') {
      if (
        typeof t.change !== 'number' ||
        !Number.isFinite(t.change) ||
        t.change <= -100 ||
        t.value !== undefined
      )
        throw invalid(
          '/target/change',
          'a relative target needs a change in percent above −100 (and no value)',
        );
      next.target = { kind: 'relative', change: t.change };
    } else throw invalid('/target/kind', 'must be absolute or relative');
  }
  if (input.baseline !== undefined)
    next.baseline = input.baseline === null ? null : checkPeriod(input.baseline, '/baseline');
  if (input.atRiskMargin !== undefined) {
    if (!Number.isFinite(input.atRiskMargin) || input.atRiskMargin < 0 || input.atRiskMargin > 100)
      throw invalid('/atRiskMargin', 'must be a number from 0 to 100');
    next.atRiskMargin = input.atRiskMargin;
  }
  if (input.requirements !== undefined) {
    input.requirements.forEach((r, i) => {
      if (!REQUIREMENT.test(r))
        throw invalid(`/requirements/${i}`, `"${r}" is not a requirement number such as 8.6.1`);
    });
    next.requirements = [...new Set(input.requirements)];
  }
  if (input.ownerId !== undefined) next.ownerId = input.ownerId;
  return next;
}
