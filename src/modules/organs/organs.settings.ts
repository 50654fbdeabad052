// The disclosure office of an organ (政府信息公开工作机构): where and how the public asks, as the
// 公开指南 states it (条例 Art 19, 27–33). Read by anyone (the portal); changed by the organ's
// administrator (or one above it) or by the head of its disclosure office, with an audit record.
import { z } from 'zod';
import { recordAudit } from '../../platform/audit/audit.js';
import { authorize, type Ctx } from '../../platform/context.js';
import type { Executor } from '../../platform/db/connect.js';
import { inTransaction } from '../../platform/db/transaction.js';
import type { Deps } from '../../platform/deps.js';
import { conflict, notFound } from '../../platform/http/errors.js';
import { type Actor, definePolicy, hasRole, inSubtree } from '../../platform/policy.js';
import { optionalText, parse } from '../../platform/validation.js';
import { organsRepo } from './organs.repository.js';

export const organSettingsPolicy = definePolicy({
  'organ.settings': (a: Actor, s: { organId: number }) =>
    (hasRole(a, 'admin') && inSubtree(a, s.organId)) || (hasRole(a, 'office_head') && a.organId === s.organId),
});

/** What the 公开指南 says about the office, every field optional (the guide says “未公布” for a gap). */
export interface OrganSettings {
  officeName: string | null;
  address: string | null;
  postcode: string | null;
  hours: string | null;
  phone: string | null;
  fax: string | null;
  email: string | null;
  website: string | null;
  /** 0 before the first save. */
  version: number;
}

export const SETTINGS_FIELDS = ['officeName', 'address', 'postcode', 'hours', 'phone', 'fax', 'email', 'website'] as const;
export type SettingsField = (typeof SETTINGS_FIELDS)[number];

export const SETTINGS_LABELS: Record<SettingsField, string> = {
  officeName: '受理机构',
  address: '办公地址',
  postcode: '邮政编码',
  hours: '办公时间',
  phone: '联系电话',
  fax: '传真',
  email: '电子邮箱',
  website: '网址',
};

const phoneLike = (label: string) =>
  optionalText(100).refine(
    (v) => v === null || /^[0-9０-９+\-–—()（）\s、,，;；转/]+$/.test(v),
    `${label}只能包含数字、空格、连字符、括号和“转”，多个号码用顿号分隔。`,
  );

export const OrganSettingsInput = z.object({
  officeName: optionalText(200),
  address: optionalText(300),
  postcode: optionalText(10).refine((v) => v === null || /^\d{6}$/.test(v), '邮政编码为 6 位数字。'),
  hours: optionalText(200),
  phone: phoneLike('联系电话'),
  fax: phoneLike('传真'),
  email: optionalText(200).refine(
    (v) => v === null || z.string().email().safeParse(v).success,
    '电子邮箱格式不正确，如 gkb@example.gov.cn。',
  ),
  website: optionalText(300).refine((v) => {
    if (v === null) return true;
    try {
      const u = new URL(v);
      return (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname.includes('.');
    } catch {
      return false;
    }
  }, '网址须以 http:// 或 https:// 开头，如 https://zjt.gxzf.gov.cn。'),
  version: z.coerce.number().int().min(0),
});

const EMPTY: OrganSettings = {
  officeName: null,
  address: null,
  postcode: null,
  hours: null,
  phone: null,
  fax: null,
  email: null,
  website: null,
  version: 0,
};

const cols = ['office_name', 'address', 'postcode', 'hours', 'phone', 'fax', 'email', 'website', 'version'] as const;

async function read(db: Executor, organId: number): Promise<OrganSettings> {
  const r = await db.selectFrom('organ_settings').select(cols).where('organ_id', '=', organId).executeTakeFirst();
  if (!r) return { ...EMPTY };
  return {
    officeName: r.office_name,
    address: r.address,
    postcode: r.postcode,
    hours: r.hours,
    phone: r.phone,
    fax: r.fax,
    email: r.email,
    website: r.website,
    version: Number(r.version),
  };
}

export function createOrganSettings(deps: Deps) {
  const { db, clock } = deps;

  async function organOf(organId: number) {
    const o = await organsRepo.byId(db, organId);
    if (!o) throw notFound('机关不存在。');
    return o;
  }

  return {
    /** Public: what the 公开指南 shows (empty fields before the first save). */
    get: (organId: number) => read(db, organId),

    /** Whether the actor may change them (to offer the link). */
    canEdit: (ctx: Ctx, organId: number) =>
      ctx.actor === 'system' || organSettingsPolicy.can(ctx.actor, 'organ.settings', { organId }),

    /** The settings form: the organ and its settings, for those who may change them. */
    async form(ctx: Ctx, organId: number) {
      const organ = await organOf(organId);
      authorize(organSettingsPolicy, ctx, 'organ.settings', { organId });
      return { organ, settings: await read(db, organId) };
    },

    async update(ctx: Ctx, organId: number, input: unknown): Promise<OrganSettings> {
      await organOf(organId);
      authorize(organSettingsPolicy, ctx, 'organ.settings', { organId });
      const v = parse(OrganSettingsInput, input);
      const row = {
        office_name: v.officeName,
        address: v.address,
        postcode: v.postcode,
        hours: v.hours,
        phone: v.phone,
        fax: v.fax,
        email: v.email,
        website: v.website,
      };
      const now = clock.now();
      return inTransaction(db, async (tx) => {
        const before = await read(tx, organId);
        if (before.version !== v.version) throw conflict('公开指南设置已被他人修改，请刷新后重试。');
        if (before.version === 0) {
          // a concurrent first save hits the primary key and fails the transaction: nothing half-written
          await tx
            .insertInto('organ_settings')
            .values({ organ_id: organId, ...row, updated_at: now.toISOString(), version: 1 })
            .execute();
        } else {
          const r = await tx
            .updateTable('organ_settings')
            .set({ ...row, updated_at: now.toISOString(), version: v.version + 1 })
            .where('organ_id', '=', organId)
            .where('version', '=', v.version)
            .executeTakeFirst();
          if (Number(r.numUpdatedRows) !== 1) throw conflict('公开指南设置已被他人修改，请刷新后重试。');
        }
        await recordAudit(tx, deps, ctx.audit, now, {
          action: 'organ.settings.update',
          subjectType: 'organ',
          subjectId: organId,
          organId,
          before: before.version === 0 ? null : before,
          after: row,
        });
        return {
          ...(Object.fromEntries(SETTINGS_FIELDS.map((k) => [k, v[k]])) as Omit<OrganSettings, 'version'>),
          version: v.version + 1,
        };
      });
    },
  };
}

export type OrganSettingsService = ReturnType<typeof createOrganSettings>;
