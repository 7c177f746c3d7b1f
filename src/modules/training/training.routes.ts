import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { TrainingService } from './training.service.js';

export const trainingRoutes: FastifyPluginAsyncTypebox<{ training: TrainingService }> = async (
  _app,
  { training },
) => {
  void training;
};
