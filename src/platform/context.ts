import type { AuditActor } from './audit/audit.js';
import type { Actor, Policy, Rule } from './policy.js';

/** Who is asking, carried into every service call. `system` is the server operator (the CLI). */
export interface Ctx {
  actor: Actor | 'system';
  audit: AuditActor;
}

export function systemCtx(name = 'cli'): Ctx {
  return { actor: 'system', audit: { userId: null, name, organId: null, requestId: null, ip: null } };
}

export function actorCtx(actor: Actor, requestId: string | null, ip: string | null): Ctx {
  return {
    actor,
    audit: { userId: actor.userId, name: actor.username, organId: actor.organId, requestId, ip },
  };
}

/** Checks the policy unless the caller is the system operator. */
export function authorize<R extends Record<string, Rule<never>>, A extends keyof R & string>(
  policy: Policy<R>,
  ctx: Ctx,
  action: A,
  subject: Parameters<R[A]>[1],
): void {
  if (ctx.actor === 'system') return;
  policy.authorize(ctx.actor, action, subject);
}
