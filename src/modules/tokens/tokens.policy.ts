// Who may hold and revoke API tokens (PURE). A token acts as its holder, so any member of staff may
// create tokens for themselves (the token never carries more than their own roles); a holder
// revokes their own; an administrator may revoke any token of their organ.
import { type Actor, definePolicy, hasRole, ownOrgan } from '../../platform/policy.js';

interface TokenSubject {
  organId: number;
  userId: number;
}

export const tokensPolicy = definePolicy({
  'token.create': (a: Actor, s: { userId: number }) => s.userId === a.userId && a.roles.length > 0,
  'token.list_organ': (a: Actor, s: { organId: number }) => hasRole(a, 'admin') && ownOrgan(a, s.organId),
  'token.revoke': (a: Actor, s: TokenSubject) =>
    (s.userId === a.userId && ownOrgan(a, s.organId)) || (hasRole(a, 'admin') && ownOrgan(a, s.organId)),
});
