import type { FastifyInstance } from 'fastify';
import type { RouteDeps } from '../../app.js';

export function auditRoutes(_app: FastifyInstance, _d: RouteDeps): void {}
