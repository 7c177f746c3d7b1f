// The HTTP contract of the KPI engine.
import { Type } from 'typebox';
import { Nullable, PageQuery, Timestamp } from '../../server/http/schemas.js';
import { DIMENSIONS, DIRECTIONS, GRAINS, STATISTICS, UNITS } from './kpis.js';
import { MEASURE_IDS } from './measures.js';

const Day = Type.String({ maxLength: 10, description: 'YYYY-MM-DD' });
const StatusSchema = Type.Enum(['on-track', 'at-risk', 'off-track', 'unknown'], {
  description: 'Against the target: met, short by no more than the at-risk margin, or further.',
});
const Figures = Type.Record(Type.String(), Nullable(Type.Number()));
const TargetSchema = Type.Union([
  Type.Object(
    { kind: Type.Literal('absolute'), value: Type.Number() },
    { additionalProperties: false },
  ),
  Type.Object(
    {
      kind: Type.Literal('relative'),
      change: Type.Number({ description: 'Percent against the baseline value, e.g. -20.' }),
    },
    { additionalProperties: false },
  ),
]);
const PeriodSchema = Type.Object({ from: Day, to: Day });

export const KpiValueSchema = Type.Object({
  period: PeriodSchema,
  value: Nullable(
    Type.Number({ description: 'One decimal; null when there is nothing to measure.' }),
  ),
  count: Type.Integer({ description: 'Records behind the value.' }),
  statistics: Figures,
  details: Figures,
  baseline: Nullable(
    Type.Object({
      from: Day,
      to: Day,
      label: Type.String({ description: 'e.g. "Q1 2026".' }),
      value: Nullable(Type.Number()),
      count: Type.Integer(),
    }),
  ),
  targetValue: Nullable(Type.Number()),
  change: Nullable(Type.Number({ description: 'Percent against the baseline value.' })),
  changeText: Nullable(Type.String({ description: 'e.g. "−21.4% vs baseline Q1 2026".' })),
  status: StatusSchema,
});

export const KpiSchema = Type.Object({
  id: Type.String(),
  key: Type.String(),
  name: Type.String(),
  description: Type.String(),
  measure: Type.Enum(MEASURE_IDS),
  statistic: Type.Enum(STATISTICS),
  unit: Type.Enum(UNITS),
  direction: Type.Enum(DIRECTIONS),
  target: TargetSchema,
  baseline: Nullable(PeriodSchema),
  atRiskMargin: Type.Number({
    description: 'Percent of the target a value may miss by and be at risk.',
  }),
  ownerId: Nullable(Type.String()),
  requirements: Type.Array(Type.String()),
  objectives: Type.String(),
  sortOrder: Type.Integer(),
  dimensions: Type.Array(Type.Enum(DIMENSIONS)),
  current: KpiValueSchema,
  filtered: Type.Boolean({
    description:
      'Whether `current` (and its baseline) is narrowed by the query’s service, priority, group or organisation; false for a KPI without that breakdown, which is then for everything',
  }),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  version: Type.Integer(),
});

export const KeyParams = Type.Object({ key: Type.String({ minLength: 1, maxLength: 64 }) });

const filters = {
  service: Type.Optional(Type.String({ maxLength: 64, description: 'A service id.' })),
  priority: Type.Optional(Type.String({ maxLength: 8, description: 'P1…P4.' })),
  group: Type.Optional(Type.String({ maxLength: 64, description: 'A group id.' })),
  organisation: Type.Optional(Type.String({ maxLength: 64, description: 'An organisation id.' })),
};

/** A KPI's value over a period, for one service, priority, group or organisation if given. */
export const ValueQuery = Type.Object(
  { from: Type.Optional(Day), to: Type.Optional(Day), ...filters },
  { additionalProperties: false },
);

export const SeriesQuery = Type.Object(
  {
    from: Type.Optional(Day),
    to: Type.Optional(Day),
    grain: Type.Optional(Type.Enum(GRAINS, { description: 'Default month; weeks are ISO.' })),
    by: Type.Optional(Type.Enum(DIMENSIONS)),
    ...filters,
  },
  { additionalProperties: false },
);

export const RecordsQuery = Type.Object(
  { from: Type.Optional(Day), to: Type.Optional(Day), ...filters, ...PageQuery },
  { additionalProperties: false },
);

const PointSchema = Type.Object({
  label: Type.String({ description: '2026-03-02, 2026-W10, 2026-03 or 2026-Q1.' }),
  from: Day,
  to: Day,
  value: Nullable(Type.Number()),
  count: Type.Integer(),
  status: StatusSchema,
});

export const SeriesSchema = Type.Object({
  key: Type.String(),
  unit: Type.String(),
  grain: Type.Enum(GRAINS),
  by: Nullable(Type.Enum(DIMENSIONS)),
  from: Day,
  to: Day,
  baselineValue: Nullable(Type.Number()),
  targetValue: Nullable(Type.Number()),
  series: Type.Array(
    Type.Object({
      id: Nullable(Type.String({ description: 'The breakdown value; null for "none".' })),
      name: Nullable(Type.String()),
      points: Type.Array(PointSchema),
    }),
  ),
});

export const KpiRecordSchema = Type.Object({
  type: Type.Enum(['ticket', 'survey', 'change']),
  id: Type.String(),
  number: Type.String(),
  title: Type.String(),
  at: Timestamp,
  value: Nullable(Type.Number()),
});

export const UpdateKpiBody = Type.Object(
  {
    name: Type.Optional(Type.String({ maxLength: 200 })),
    description: Type.Optional(Type.String({ maxLength: 2000 })),
    measure: Type.Optional(Type.String({ maxLength: 64 })),
    statistic: Type.Optional(Type.String({ maxLength: 16 })),
    unit: Type.Optional(Type.String({ maxLength: 16 })),
    direction: Type.Optional(Type.String({ maxLength: 32 })),
    target: Type.Optional(
      Type.Object(
        {
          kind: Type.String({ maxLength: 16 }),
          value: Type.Optional(Type.Number()),
          change: Type.Optional(Type.Number()),
        },
        { additionalProperties: false },
      ),
    ),
    baseline: Type.Optional(Nullable(PeriodSchema)),
    atRiskMargin: Type.Optional(Type.Number()),
    ownerId: Type.Optional(Nullable(Type.String({ maxLength: 64 }))),
    requirements: Type.Optional(Type.Array(Type.String({ maxLength: 16 }), { maxItems: 50 })),
    objectives: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  { additionalProperties: false },
);
