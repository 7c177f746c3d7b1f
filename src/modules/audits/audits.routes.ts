import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AuditProgrammeService } from './audits.service.js';

export const auditProgrammeRoutes: FastifyPluginAsyncTypebox<{
  auditProgramme: AuditProgrammeService;
}> = async (_app, { auditProgramme }) => {
  void auditProgramme;
};
