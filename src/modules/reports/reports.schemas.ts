// The HTTP contract of the monthly service reports.
import { Type } from 'typebox';
import { Nullable, Timestamp } from '../../server/http/schemas.js';

const Id = Type.String({ minLength: 1, maxLength: 64 });

export const ReportQuery = Type.Object(
  {
    month: Type.String({ maxLength: 7, description: 'The month reported, YYYY-MM.' }),
    serviceId: Type.Optional(Type.String({ maxLength: 64, description: 'A service id.' })),
    organisationId: Type.Optional(
      Type.String({ maxLength: 64, description: 'A customer organisation id.' }),
    ),
  },
  { additionalProperties: false },
);

export const SubscriptionSchema = Type.Object({
  id: Type.String(),
  userId: Type.String(),
  userName: Type.String(),
  serviceId: Nullable(Type.String()),
  organisationId: Nullable(Type.String()),
  scopeName: Type.String({ description: "The service's or the organisation's name." }),
  createdAt: Timestamp,
});

export const SubscriptionsQuery = Type.Object(
  {
    all: Type.Optional(
      Type.Boolean({ description: "Everyone's subscriptions (kpis.manage), not only one's own." }),
    ),
  },
  { additionalProperties: false },
);

export const SubscribeBody = Type.Object(
  {
    userId: Type.Optional(
      Type.String({ maxLength: 64, description: 'Default: oneself. Others need kpis.manage.' }),
    ),
    serviceId: Type.Optional(Id),
    organisationId: Type.Optional(Id),
  },
  { additionalProperties: false },
);
