// What the back-office route files share: reading a posted form, telling refusals apart, who is
// acting, and the navigation of a page.
import type { FastifyRequest } from 'fastify';
import { AppError } from '../../platform/http/errors.js';
import type { Actor } from '../../platform/policy.js';
import type { StaffNavItem } from '../../ui/layout.js';
import { m } from '../../ui/messages.js';
import { staffNav } from './backoffice.nav.js';

/** A posted form as parsed (fields are strings or arrays of strings, but nothing is trusted). */
export type Body = Record<string, unknown>;
export const bodyOf = (req: FastifyRequest): Body => (req.body ?? {}) as Body;
/** A field as typed: its text, or '' when it is missing or not text. */
export const text = (v: unknown): string => (typeof v === 'string' ? v : '');
/** A repeated field (checkboxes): its texts, whether one or many were sent. */
export const list = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : typeof v === 'string' ? [v] : [];

export const isAppError = (err: unknown, code: AppError['code']): err is AppError => err instanceof AppError && err.code === code;

/** The signed-in member of staff (the routes run behind requireStaff). */
export function actorOf(req: FastifyRequest): Actor {
  if (!req.staff) throw new AppError('unauthenticated', m.staff.sessionEnded);
  return req.staff.actor;
}

/** The back-office navigation for these roles: home first, then what the roles may open. */
export const staffNavFor = (roles: readonly string[]): StaffNavItem[] => [
  { href: '/staff', label: m.staff.home },
  ...staffNav(roles).map(({ href, label }) => ({ href, label })),
];
