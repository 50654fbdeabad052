// API tokens: created by a member of staff for themselves (shown once), listed, revoked, and
// turned back into the acting member of staff on every API request (`authenticate`).
// A token is `gk_` + 43 base64url characters (256 random bits); only its SHA-256 is stored.
import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';
import { recordAudit } from '../../platform/audit/audit.js';
import { authorize, type Ctx } from '../../platform/context.js';
import type { Executor } from '../../platform/db/connect.js';
import { inTransaction } from '../../platform/db/transaction.js';
import type { Deps } from '../../platform/deps.js';
import { AppError, notFound } from '../../platform/http/errors.js';
import type { Actor } from '../../platform/policy.js';
import { parse, requiredText } from '../../platform/validation.js';
import type { AuthService } from '../auth/auth.service.js';
import { tokensPolicy } from './tokens.policy.js';

export const TOKEN_PREFIX = 'gk_';
/** Lifetimes offered (days); a token always expires. */
export const TOKEN_DAYS = [30, 90, 180, 365] as const;
const TOKEN_RE = /^gk_[A-Za-z0-9_-]{43}$/;

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

export const CreateTokenInput = z.object({
  name: requiredText(100),
  days: z.coerce
    .number({ invalid_type_error: '请选择有效期。' })
    .int()
    .refine((v) => (TOKEN_DAYS as readonly number[]).includes(v), '请选择有效期。'),
});

export interface TokenRow {
  id: number;
  organ_id: number;
  user_id: number;
  name: string;
  token_hint: string;
  created_at: string;
  last_used_at: string | null;
  expires_at: string;
  revoked_at: string | null;
  revoked_by: number | null;
  /** The holder's user name and display name. */
  username: string;
  display_name: string;
}

export interface TokenAuth {
  tokenId: number;
  actor: Actor;
}

async function rows(db: Executor, where: { userId?: number; organId?: number; id?: number }): Promise<TokenRow[]> {
  let q = db
    .selectFrom('api_tokens as t')
    .innerJoin('users as u', 'u.id', 't.user_id')
    .select([
      't.id',
      't.organ_id',
      't.user_id',
      't.name',
      't.token_hint',
      't.created_at',
      't.last_used_at',
      't.expires_at',
      't.revoked_at',
      't.revoked_by',
      'u.username',
      'u.display_name',
    ]);
  if (where.userId !== undefined) q = q.where('t.user_id', '=', where.userId);
  if (where.organId !== undefined) q = q.where('t.organ_id', '=', where.organId);
  if (where.id !== undefined) q = q.where('t.id', '=', where.id);
  const out = await q.orderBy('t.id', 'desc').limit(500).execute();
  return out.map((r) => ({
    ...r,
    id: Number(r.id),
    organ_id: Number(r.organ_id),
    user_id: Number(r.user_id),
    revoked_by: r.revoked_by === null ? null : Number(r.revoked_by),
  }));
}

export function createTokenService(deps: Deps, ext: { auth: AuthService }) {
  const { db, clock } = deps;

  const me = (ctx: Ctx): Actor => {
    if (ctx.actor === 'system') throw new AppError('forbidden', '令牌只能由工作人员为自己创建。');
    return ctx.actor;
  };

  return {
    /** Creates a token for the member of staff; the token is returned once and never again. */
    async create(ctx: Ctx, input: unknown): Promise<{ row: TokenRow; token: string }> {
      const actor = me(ctx);
      authorize(tokensPolicy, ctx, 'token.create', { userId: actor.userId });
      const v = parse(CreateTokenInput, input);
      const now = clock.now();
      const token = `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
      const expires = new Date(now.getTime() + v.days * 86_400_000).toISOString();
      const id = await inTransaction(db, async (tx) => {
        const r = await tx
          .insertInto('api_tokens')
          .values({
            organ_id: actor.organId,
            user_id: actor.userId,
            name: v.name,
            token_hash: sha256(token),
            token_hint: token.slice(0, 7),
            created_at: now.toISOString(),
            last_used_at: null,
            expires_at: expires,
            revoked_at: null,
            revoked_by: null,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        const tokenId = Number(r.id);
        await recordAudit(tx, deps, ctx.audit, now, {
          action: 'token.create',
          subjectType: 'api_token',
          subjectId: tokenId,
          organId: actor.organId,
          after: { name: v.name, hint: token.slice(0, 7), expires_at: expires },
        });
        return tokenId;
      });
      const [row] = await rows(db, { id });
      return { row: row as TokenRow, token };
    },

    /** The member of staff's own tokens, newest first. */
    async mine(ctx: Ctx): Promise<TokenRow[]> {
      return rows(db, { userId: me(ctx).userId });
    },

    /** Every token of the administrator's organ (to revoke one that should not exist). */
    async ofOrgan(ctx: Ctx): Promise<TokenRow[]> {
      const actor = me(ctx);
      authorize(tokensPolicy, ctx, 'token.list_organ', { organId: actor.organId });
      return rows(db, { organId: actor.organId });
    },

    canListOrgan: (actor: Actor) => tokensPolicy.can(actor, 'token.list_organ', { organId: actor.organId }),

    async revoke(ctx: Ctx, id: number): Promise<void> {
      const [t] = Number.isSafeInteger(id) ? await rows(db, { id }) : [];
      if (!t) throw notFound('令牌不存在。');
      authorize(tokensPolicy, ctx, 'token.revoke', { organId: t.organ_id, userId: t.user_id });
      if (t.revoked_at) return;
      const now = clock.now();
      await inTransaction(db, async (tx) => {
        await tx
          .updateTable('api_tokens')
          .set({ revoked_at: now.toISOString(), revoked_by: ctx.audit.userId })
          .where('id', '=', t.id)
          .where('revoked_at', 'is', null)
          .execute();
        await recordAudit(tx, deps, ctx.audit, now, {
          action: 'token.revoke',
          subjectType: 'api_token',
          subjectId: t.id,
          organId: t.organ_id,
          before: { name: t.name, holder: t.username },
          after: { revoked_at: now.toISOString() },
        });
      });
    },

    /**
     * The member of staff an `Authorization: Bearer gk_…` header acts for, or undefined when the
     * token is malformed, unknown, revoked, expired, or its holder is disabled.
     */
    async authenticate(header: string | undefined): Promise<TokenAuth | undefined> {
      const m = /^Bearer ([^\s]+)$/i.exec(header?.trim() ?? '');
      const token = m?.[1];
      if (!token || !TOKEN_RE.test(token)) return undefined;
      const t = await db
        .selectFrom('api_tokens')
        .select(['id', 'user_id', 'organ_id', 'expires_at', 'revoked_at', 'last_used_at'])
        .where('token_hash', '=', sha256(token))
        .executeTakeFirst();
      if (!t || t.revoked_at !== null) return undefined;
      const now = clock.now();
      if (t.expires_at <= now.toISOString()) return undefined;
      const actor = await ext.auth.actorFor(Number(t.user_id));
      // the holder moved to another organ: the token does not follow them
      if (!actor || actor.organId !== Number(t.organ_id)) return undefined;
      // written at most once a minute
      if (!t.last_used_at || now.getTime() - Date.parse(t.last_used_at) > 60_000) {
        await db.updateTable('api_tokens').set({ last_used_at: now.toISOString() }).where('id', '=', t.id).execute();
      }
      return { tokenId: Number(t.id), actor };
    },

    /** The key the rate limiter counts a request under: the token's hash, else the address. */
    rateKey(header: string | undefined, ip: string): string {
      const m = /^Bearer ([^\s]+)$/i.exec(header?.trim() ?? '');
      return m?.[1] ? `tok:${sha256(m[1])}` : `ip:${ip}`;
    },
  };
}

export type TokenService = ReturnType<typeof createTokenService>;
