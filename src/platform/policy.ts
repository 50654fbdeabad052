// A fail-closed policy layer: each module declares its rules; unknown actions are refused.
import { forbidden } from './http/errors.js';

export interface Actor {
  userId: number;
  username: string;
  displayName: string;
  organId: number;
  roles: readonly string[];
  /** Organs strictly below the actor's organ (for supervisors and administrators). */
  descendantOrganIds: readonly number[];
  /** The actor's organ has no parent (a province-level or stand-alone body). */
  rootOrgan: boolean;
}

export type Rule<S> = (actor: Actor, subject: S) => boolean;

export interface Policy<R extends Record<string, Rule<never>>> {
  can<A extends keyof R & string>(actor: Actor | null | undefined, action: A, subject: Parameters<R[A]>[1]): boolean;
  authorize<A extends keyof R & string>(actor: Actor | null | undefined, action: A, subject: Parameters<R[A]>[1]): Actor;
}

export function definePolicy<R extends Record<string, Rule<never>>>(rules: R): Policy<R> {
  const can = (actor: Actor | null | undefined, action: string, subject: unknown): boolean => {
    if (!actor) return false;
    if (!Object.hasOwn(rules, action)) return false;
    const rule = rules[action] as Rule<unknown>;
    try {
      return rule(actor, subject) === true;
    } catch {
      return false;
    }
  };
  return {
    can: can as Policy<R>['can'],
    authorize: ((actor: Actor | null | undefined, action: string, subject: unknown) => {
      if (!can(actor, action, subject)) throw forbidden();
      return actor as Actor;
    }) as Policy<R>['authorize'],
  };
}

export const hasRole = (actor: Actor, ...roles: string[]) => roles.some((r) => actor.roles.includes(r));
export const ownOrgan = (actor: Actor, organId: number) => actor.organId === organId;
export const inSubtree = (actor: Actor, organId: number) =>
  actor.organId === organId || actor.descendantOrganIds.includes(organId);
