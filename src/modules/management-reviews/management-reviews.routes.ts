import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { ManagementReviewService } from './management-reviews.service.js';

export const managementReviewsRoutes: FastifyPluginAsyncTypebox<{
  managementReviews: ManagementReviewService;
}> = async (_app, { managementReviews }) => {
  void managementReviews;
};
