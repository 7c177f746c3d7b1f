import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { actorOf } from '../../server/http/authentication.js';
import { Nullable, Timestamp } from '../../server/http/schemas.js';
import { STATS_KEYS, SURVEY_STATES } from './surveys.js';
import type { SurveyService } from './surveys.service.js';

// The token is 32 bytes in base64url: 43 characters.
const TokenParams = Type.Object({
  token: Type.String({ minLength: 20, maxLength: 100, pattern: '^[A-Za-z0-9_-]+$' }),
});

const PublicSurveySchema = Type.Object({
  ticketNumber: Type.String(),
  ticketTitle: Type.String(),
  serviceName: Nullable(Type.String()),
  state: Type.Enum(SURVEY_STATES),
  expiresAt: Timestamp,
});

const AnswerBody = Type.Object(
  {
    rating: Type.Integer({
      minimum: 1,
      maximum: 5,
      description: '1 (very poor) to 5 (excellent).',
    }),
    comment: Type.Optional(Type.String({ maxLength: 4000 })),
  },
  { additionalProperties: false },
);

const Figures = {
  sent: Type.Integer(),
  answered: Type.Integer(),
  responseRate: Type.Number({ description: 'answered / sent, 0 to 1.' }),
  averageRating: Nullable(Type.Number()),
  satisfactionIndex: Nullable(
    Type.Number({ description: 'Average rating / 5 × 100 (0 to 100); null without answers.' }),
  ),
  ratings: Type.Object({
    1: Type.Integer(),
    2: Type.Integer(),
    3: Type.Integer(),
    4: Type.Integer(),
    5: Type.Integer(),
  }),
};

const StatsSchema = Type.Object({
  by: Type.Enum(STATS_KEYS),
  from: Timestamp,
  to: Timestamp,
  overall: Type.Object(Figures),
  rows: Type.Array(
    Type.Object({
      key: Nullable(Type.String({ description: 'Service, group or agent id; null for none.' })),
      label: Nullable(Type.String()),
      ...Figures,
    }),
  ),
});

export const surveysRoutes: FastifyPluginAsyncTypebox<{ surveys: SurveyService }> = async (
  app,
  { surveys },
) => {
  const tags = ['Surveys'];
  app.get(
    '/surveys/by-token/:token',
    {
      config: { public: true },
      schema: {
        tags,
        summary: 'Read a satisfaction survey through its link (no sign-in)',
        params: TokenParams,
        response: { 200: PublicSurveySchema },
      },
    },
    (req) => surveys.byToken(req.params.token),
  );
  app.post(
    '/surveys/by-token/:token',
    {
      config: { public: true },
      schema: {
        tags,
        summary: 'Answer a satisfaction survey through its link (no sign-in; once)',
        params: TokenParams,
        body: AnswerBody,
        response: { 200: Type.Object({ state: Type.Literal('answered') }) },
      },
    },
    async (req) => {
      await surveys.answer(req.params.token, req.body);
      return { state: 'answered' as const };
    },
  );
  app.get(
    '/surveys/stats',
    {
      schema: {
        tags,
        summary: 'Satisfaction per service, group or agent',
        description:
          'Over the surveys sent in [from, to) (default: the last 30 days). Satisfaction index = average rating / 5 × 100.',
        querystring: Type.Object({
          from: Type.Optional(Timestamp),
          to: Type.Optional(Timestamp),
          by: Type.Optional(Type.Enum(STATS_KEYS)),
        }),
        response: { 200: StatsSchema },
      },
    },
    (req) => surveys.stats(actorOf(req), req.query),
  );
};
