// Sign-in, sessions (stored in the database, rotated at sign-in, idle timeout) and lockout.
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { type AuditActor, recordAudit } from '../../platform/audit/audit.js';
import { inTransaction } from '../../platform/db/transaction.js';
import type { Deps } from '../../platform/deps.js';
import type { Actor } from '../../platform/policy.js';
import type { OrganService } from '../organs/organs.service.js';
import { usersRepo } from '../staff/staff.repository.js';
import { dummyHash, verifyPassword } from './auth.password.js';

export const MAX_FAILED_LOGINS = 5;
export const LOCKOUT_MINUTES = 15;

export type LoginResult =
  | { ok: true; token: string; actor: Actor }
  | { ok: false; reason: 'invalid' | 'locked' | 'disabled'; lockedUntil?: string };

export interface SessionInfo {
  sessionId: string;
  actor: Actor;
  csrfSecret: string;
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

// Sign-in is part of a staff record's life (failed-login count, lock, last sign-in) and is written in
// one transaction with the session, so this module reads and writes users through the staff repository.
export function createAuthService(deps: Deps, ext: { organs: OrganService }) {
  const { organs } = ext;
  const { db, dialect, clock, config } = deps;

  async function actorFor(userId: number): Promise<Actor | undefined> {
    const u = await usersRepo.byId(db, userId);
    if (u?.active !== 1) return undefined;
    const [organ, descendants] = await Promise.all([organs.byId(u.organ_id), organs.descendants(u.organ_id)]);
    return {
      userId: u.id,
      username: u.username,
      displayName: u.display_name,
      organId: u.organ_id,
      roles: u.roles,
      descendantOrganIds: descendants,
      rootOrgan: organ?.parent_id === null,
    };
  }

  return {
    actorFor,

    /** Verifies the password; on success ends `previousSessionId` and opens a new session. */
    async login(
      username: string,
      password: string,
      audit: Omit<AuditActor, 'userId' | 'name' | 'organId'>,
      userAgent: string | null,
      previousSessionToken?: string,
    ): Promise<LoginResult> {
      const now = clock.now();
      const u = await usersRepo.byUsername(db, username);
      if (!u) {
        await verifyPassword(await dummyHash(), password); // same time as a real check
        return { ok: false, reason: 'invalid' };
      }
      const who: AuditActor = { ...audit, userId: u.id, name: u.username, organId: u.organ_id };
      if (u.locked_until && u.locked_until > now.toISOString()) {
        return { ok: false, reason: 'locked', lockedUntil: u.locked_until };
      }
      const good = await verifyPassword(u.password_hash, password);
      if (!good) {
        const lockedUntil = await inTransaction(db, async (tx) => {
          const failures = await usersRepo.countFailedLogin(tx, u.id);
          const until = failures >= MAX_FAILED_LOGINS ? new Date(now.getTime() + LOCKOUT_MINUTES * 60_000).toISOString() : null;
          if (until) await usersRepo.lock(tx, u.id, until);
          await recordAudit(tx, deps, who, now, {
            action: until ? 'auth.locked' : 'auth.login_failed',
            subjectType: 'user',
            subjectId: u.id,
            after: { failed_logins: failures, locked_until: until },
          });
          return until;
        });
        return lockedUntil ? { ok: false, reason: 'locked', lockedUntil } : { ok: false, reason: 'invalid' };
      }
      if (u.active !== 1) return { ok: false, reason: 'disabled' };
      const token = randomBytes(32).toString('base64url');
      await inTransaction(db, async (tx) => {
        if (previousSessionToken) await tx.deleteFrom('sessions').where('id', '=', sha256(previousSessionToken)).execute();
        await tx
          .insertInto('sessions')
          .values({
            id: sha256(token),
            user_id: u.id,
            csrf_secret: randomBytes(24).toString('base64url'),
            created_at: now.toISOString(),
            last_seen_at: now.toISOString(),
            ip: audit.ip,
            user_agent: userAgent?.slice(0, 300) ?? null,
          })
          .execute();
        await usersRepo.loginSucceeded(tx, u.id, now.toISOString());
        await recordAudit(tx, deps, who, now, { action: 'auth.login', subjectType: 'user', subjectId: u.id });
      });
      const actor = await actorFor(u.id);
      if (!actor) return { ok: false, reason: 'disabled' };
      return { ok: true, token, actor };
    },

    /** The session behind a cookie token, or undefined when absent, expired or idle too long. */
    async session(token: string | undefined): Promise<SessionInfo | undefined> {
      if (!token || token.length > 100) return undefined;
      const id = sha256(token);
      const s = await db.selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirst();
      if (!s) return undefined;
      const now = clock.now();
      const idleMs = config.sessionIdleMinutes * 60_000;
      const maxMs = config.sessionMaxHours * 3600_000;
      if (now.getTime() - Date.parse(s.last_seen_at) > idleMs || now.getTime() - Date.parse(s.created_at) > maxMs) {
        await db.deleteFrom('sessions').where('id', '=', id).execute();
        return undefined;
      }
      const actor = await actorFor(Number(s.user_id));
      if (!actor) return undefined;
      // write at most once a minute
      if (now.getTime() - Date.parse(s.last_seen_at) > 60_000) {
        await db.updateTable('sessions').set({ last_seen_at: now.toISOString() }).where('id', '=', id).execute();
      }
      return { sessionId: id, actor, csrfSecret: s.csrf_secret };
    },

    async logout(token: string, audit: AuditActor): Promise<void> {
      const id = sha256(token);
      await inTransaction(db, async (tx) => {
        const r = await tx.deleteFrom('sessions').where('id', '=', id).executeTakeFirst();
        if (Number(r.numDeletedRows) > 0) {
          await recordAudit(tx, deps, audit, clock.now(), {
            action: 'auth.logout',
            subjectType: 'user',
            subjectId: audit.userId,
          });
        }
      });
    },

    /** CSRF token bound to a secret (the session's, or an anonymous cookie's). */
    csrfToken(secret: string): string {
      return createHmac('sha256', config.secret).update(`csrf:${secret}`).digest('base64url');
    },
    csrfValid(secret: string, token: unknown): boolean {
      if (typeof token !== 'string' || token.length === 0) return false;
      const expected = Buffer.from(createHmac('sha256', config.secret).update(`csrf:${secret}`).digest('base64url'));
      const got = Buffer.from(token);
      return got.length === expected.length && timingSafeEqual(got, expected);
    },
  };
}

export type AuthService = ReturnType<typeof createAuthService>;
