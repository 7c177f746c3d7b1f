import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { ReleaseService } from './releases.service.js';

export const releasesRoutes: FastifyPluginAsyncTypebox<{ releases: ReleaseService }> = async (
  _app,
  { releases },
) => {
  void releases;
};
