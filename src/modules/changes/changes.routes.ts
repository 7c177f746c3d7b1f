import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { ChangeService } from './changes.service.js';

export const changesRoutes: FastifyPluginAsyncTypebox<{ changes: ChangeService }> = async (
  _app,
  { changes },
) => {
  void changes;
};
