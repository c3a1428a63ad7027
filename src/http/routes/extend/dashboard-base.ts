import type { FastifyRequest } from 'fastify';

/** Where a run's `dashboardUrl` points: the native view of the same extraction on this server. */
export function dashboardBase(request: FastifyRequest): string {
  return `${request.protocol}://${request.host}`;
}
