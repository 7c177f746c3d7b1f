// Optimistic concurrency over HTTP: reads send an ETag with the record's version, writes must send
// it back in If-Match. A missing one is 428, a stale one 412: never a silent overwrite.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../../shared/errors.js';

export const etagOf = (version: number) => `"${version}"`;

export function withEtag<T extends { version: number }>(reply: FastifyReply, record: T): T {
  reply.header('etag', etagOf(record.version));
  return record;
}

export function expectedVersion(request: FastifyRequest): number {
  const header = request.headers['if-match'];
  if (!header) {
    throw new DomainError(
      'PRECONDITION_REQUIRED',
      'Send the If-Match header with the ETag of the version you are changing (read the record first).',
    );
  }
  const match = /^(?:W\/)?"?(\d+)"?$/.exec(String(header).trim());
  if (!match) {
    throw new DomainError(
      'VALIDATION_FAILED',
      `If-Match "${header}" is not an ETag this server handed out.`,
      {
        errors: [{ field: 'headers/if-match', message: 'must be an ETag such as "3"' }],
      },
    );
  }
  return Number(match[1]);
}
