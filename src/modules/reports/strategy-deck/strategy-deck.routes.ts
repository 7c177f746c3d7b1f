import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { actorOf } from '../../../server/http/authentication.js';
import type { StrategyDeckService } from './strategy-deck.service.js';

const Day = Type.String({ maxLength: 10, description: 'A day, YYYY-MM-DD (UTC).' });

export const StrategyDeckQuery = Type.Object(
  {
    from: Type.Optional(Day),
    to: Type.Optional(Day),
    lang: Type.Optional(
      Type.Union([Type.Literal('en'), Type.Literal('fr')], {
        description:
          'The language of the slides. Default: Accept-Language when it names en or fr, else the user’s locale.',
      }),
    ),
  },
  { additionalProperties: false },
);

const PPTX = 'application/vnd.openxmlformats-officedocument.presentationml.presentation';

export const strategyDeckRoutes: FastifyPluginAsyncTypebox<{
  strategyDeck: StrategyDeckService;
}> = async (app, { strategyDeck }) => {
  app.get(
    '/reports/strategy-framework.pptx',
    {
      schema: {
        tags: ['Reports'],
        summary:
          'The Service Management Strategy Framework deck (PPTX): services, objectives, processes, roles, KPIs over the period (default: the last full quarter) and roadmap milestones',
        querystring: StrategyDeckQuery,
      },
    },
    async (req, reply) => {
      const { filename, language, pptx } = await strategyDeck.deck(
        actorOf(req),
        req.query,
        req.headers['accept-language'],
      );
      return reply
        .header('content-disposition', `attachment; filename="${filename}"`)
        .header('content-language', language)
        .header('vary', 'accept-language')
        .type(PPTX)
        .send(pptx);
    },
  );
};
