// TypeBox pieces shared by every module's HTTP contract.
import { type TSchema, Type } from 'typebox';

export const ProblemSchema = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.String(),
    code: Type.String(),
    errors: Type.Optional(
      Type.Array(Type.Object({ field: Type.String(), message: Type.String() })),
    ),
    requestId: Type.String(),
  },
  { additionalProperties: true },
);

export const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });

export const PageQuery = {
  limit: Type.Optional(
    Type.Integer({ minimum: 1, maximum: 200, description: 'Page size (default 50).' }),
  ),
  cursor: Type.Optional(
    Type.String({ maxLength: 500, description: 'nextCursor of the previous page.' }),
  ),
};

export const PageOf = <T extends TSchema>(item: T) =>
  Type.Object({ items: Type.Array(item), nextCursor: Type.Union([Type.String(), Type.Null()]) });

export const Timestamp = Type.String({ format: 'date-time' });
// Null first: with type coercion on (for query strings), a string branch tried first would turn
// null into "".
export const Nullable = <T extends TSchema>(schema: T) => Type.Union([Type.Null(), schema]);

export const IfMatchHeaders = Type.Object({
  'if-match': Type.Optional(
    Type.String({ description: 'The ETag of the version you edited, e.g. "3".' }),
  ),
});
