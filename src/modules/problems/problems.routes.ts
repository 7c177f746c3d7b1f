import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { ProblemService } from './problems.service.js';

export const problemsRoutes: FastifyPluginAsyncTypebox<{ problems: ProblemService }> = async (
  _app,
  { problems },
) => {
  void problems;
};
