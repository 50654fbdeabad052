import type { FastifyInstance } from 'fastify';
import type { RouteDeps } from '../../app.js';

export function calendarRoutes(_app: FastifyInstance, _d: RouteDeps): void {}
