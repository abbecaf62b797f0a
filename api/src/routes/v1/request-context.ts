import type { AuditContext } from '@finsync/shared/users';
import type { FastifyRequest } from 'fastify';

/** Who did it, for the audit log: the client address and agent, nothing else. */
export function auditContext(request: FastifyRequest): AuditContext {
  const agent = request.headers['user-agent'];
  return { ip: request.ip ?? null, userAgent: typeof agent === 'string' ? agent : null };
}
