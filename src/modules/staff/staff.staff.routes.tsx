import type { FastifyInstance } from 'fastify';
import type { RouteDeps } from '../../app.js';

export function staffRoutes(_app: FastifyInstance, _d: RouteDeps): void {}
