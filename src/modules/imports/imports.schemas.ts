// The HTTP contract of CSV/XLSX imports (issue 9).
import { Type } from 'typebox';
import { Nullable, Timestamp } from '../../server/http/schemas.js';

export const ImportTypeSchema = Type.Union([
  Type.Literal('incidents'),
  Type.Literal('requests'),
  Type.Literal('users'),
  Type.Literal('services'),
]);

export const ImportFieldsSchema = Type.Array(
  Type.Object({
    type: ImportTypeSchema,
    sourceKey: Type.Boolean({ description: 'Whether the mapping must name a source key column.' }),
    fields: Type.Array(
      Type.Object({
        name: Type.String(),
        kind: Type.Union([
          Type.Literal('text'),
          Type.Literal('date'),
          Type.Literal('number'),
          Type.Literal('boolean'),
        ]),
        required: Type.Boolean(),
      }),
    ),
  }),
);

export const UploadSchema = Type.Object({
  id: Type.String(),
  fileName: Type.String(),
  format: Type.Union([Type.Literal('csv'), Type.Literal('xlsx')]),
  size: Type.Integer(),
  uploadedAt: Timestamp,
  columns: Type.Array(Type.String()),
  rowCount: Type.Integer({ description: 'Data rows after the header.' }),
  preview: Type.Array(Type.Array(Type.String()), { description: 'The first rows, as text.' }),
});

const FieldMappingSchema = Type.Union([
  Type.String({ description: 'The source column.' }),
  Type.Object(
    {
      column: Type.Optional(Type.String()),
      constant: Type.Optional(Type.String()),
      values: Type.Optional(Type.Record(Type.String(), Type.String())),
      format: Type.Optional(Type.String()),
      timeZone: Type.Optional(Type.String()),
    },
    { additionalProperties: true },
  ),
]);

export const MappingSchema = Type.Object(
  {
    type: Type.Optional(Type.String()),
    source: Type.Optional(Type.String()),
    sourceKey: Type.Optional(Type.String()),
    dateFormat: Type.Optional(Type.String()),
    timeZone: Type.Optional(Type.String()),
    fields: Type.Record(Type.String(), FieldMappingSchema),
  },
  {
    // Unknown keys reach the service, which names them in its 400.
    additionalProperties: true,
    description: 'The column mapping: see docs/imports.md, "CSV and XLSX".',
  },
);

export const RunBody = Type.Object(
  {
    fileId: Type.String({ minLength: 1, maxLength: 64 }),
    type: ImportTypeSchema,
    mapping: MappingSchema,
    dryRun: Type.Boolean(),
  },
  { additionalProperties: false },
);

const Counts = Type.Record(Type.String(), Type.Integer());

export const RunSchema = Type.Object({
  id: Type.String(),
  type: Nullable(ImportTypeSchema),
  source: Type.String(),
  fileName: Nullable(Type.String()),
  dryRun: Type.Boolean(),
  actorName: Type.String(),
  status: Type.Union([Type.Literal('running'), Type.Literal('succeeded'), Type.Literal('failed')]),
  rows: Type.Integer(),
  totalRows: Nullable(Type.Integer()),
  created: Counts,
  updated: Counts,
  unchanged: Counts,
  errors: Type.Array(
    Type.Object({ row: Type.Integer(), column: Nullable(Type.String()), reason: Type.String() }),
  ),
  moreErrors: Type.Integer(),
  message: Nullable(Type.String()),
  startedAt: Timestamp,
  finishedAt: Nullable(Timestamp),
});

export const RunTicketSchema = Type.Object({
  id: Type.String(),
  number: Type.String(),
  title: Type.String(),
  status: Type.String(),
  type: Type.String(),
  sourceNumber: Type.String(),
});
