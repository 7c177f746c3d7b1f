import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { ImprovementService } from './improvements.service.js';

export const improvementsRoutes: FastifyPluginAsyncTypebox<{
  improvements: ImprovementService;
}> = async (_app, { improvements }) => {
  void improvements;
};
