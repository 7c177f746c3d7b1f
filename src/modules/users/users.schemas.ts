import { Type } from 'typebox';
import { IdParams, Nullable, PageOf, PageQuery, Timestamp } from '../../server/http/schemas.js';
import { ROLES } from '../../shared/permissions.js';
import { LOCALES } from './users.js';

export const RoleSchema = Type.Enum(ROLES);
export const LocaleSchema = Type.Enum(LOCALES);

export const UserSchema = Type.Object({
  id: Type.String(),
  email: Type.String(),
  name: Type.String(),
  role: RoleSchema,
  locale: LocaleSchema,
  timeZone: Type.String(),
  active: Type.Boolean(),
  organisationId: Nullable(Type.String()),
  managerId: Nullable(Type.String()),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  version: Type.Integer(),
});

export const CreateUserBody = Type.Object(
  {
    email: Type.String({ format: 'email', maxLength: 320 }),
    name: Type.String({ minLength: 1, maxLength: 200 }),
    role: RoleSchema,
    locale: Type.Optional(LocaleSchema),
    timeZone: Type.Optional(Type.String({ maxLength: 64 })),
    organisationId: Type.Optional(Nullable(Type.String())),
    managerId: Type.Optional(Nullable(Type.String())),
    password: Type.Optional(Type.String({ minLength: 12, maxLength: 1024 })),
  },
  { additionalProperties: false },
);

export const UpdateUserBody = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    role: Type.Optional(RoleSchema),
    locale: Type.Optional(LocaleSchema),
    timeZone: Type.Optional(Type.String({ maxLength: 64 })),
    active: Type.Optional(Type.Boolean()),
    organisationId: Type.Optional(Nullable(Type.String())),
    managerId: Type.Optional(Nullable(Type.String())),
  },
  { additionalProperties: false, minProperties: 1 },
);

export const ListUsersQuery = Type.Object({
  ...PageQuery,
  q: Type.Optional(Type.String({ maxLength: 200 })),
  role: Type.Optional(RoleSchema),
  active: Type.Optional(Type.Boolean()),
  organisationId: Type.Optional(Type.String()),
});

export const SetPasswordBody = Type.Object(
  { password: Type.String({ minLength: 12, maxLength: 1024 }) },
  { additionalProperties: false },
);

export const UserPage = PageOf(UserSchema);
export { IdParams };
