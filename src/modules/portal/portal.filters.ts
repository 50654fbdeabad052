// Filters of the public lists (column pages, the 信息公开目录): read from the query string, checked,
// and written back into links (pagination, feeds). A value outside what a filter accepts answers
// 400 with a Chinese message naming the filter; unknown parameters are ignored.
import { AppError } from '../../platform/http/errors.js';
import type { PublicFilter } from '../publications/publications.public.js';
import { GENRES, type Genre, VALIDITIES, type Validity } from '../publications/publications.schemas.js';

/** Query parameters, in the order they are written back. */
export const FILTER_KEYS = ['year', 'theme', 'genre', 'validity', 'unit'] as const;

const badFilter = (message: string) => new AppError('bad_request', `筛选条件有误：${message}请修改或清除筛选条件后重试。`);

const isGenre = (v: string): v is Genre => (GENRES as readonly string[]).includes(v);
const isValidity = (v: string): v is Validity => (VALIDITIES as readonly string[]).includes(v);

/** The filter of a list from its query string; `unitIds` are the units that may be chosen. */
export function filterOf(query: unknown, unitIds: readonly number[]): PublicFilter {
  const q = (query ?? {}) as Record<string, unknown>;
  const one = (key: string): string | undefined => {
    const v = q[key];
    if (v === undefined) return undefined;
    if (typeof v !== 'string') throw badFilter('每个筛选条件只能选择一项。');
    const t = v.trim();
    return t === '' ? undefined : t;
  };
  const f: PublicFilter = {};
  const year = one('year');
  if (year !== undefined) {
    if (!/^\d{4}$/.test(year) || Number(year) < 1900 || Number(year) > 2100) throw badFilter('年份应为四位数字，如 2026。');
    f.year = Number(year);
  }
  const theme = one('theme');
  if (theme !== undefined) {
    if (theme.length > 100) throw badFilter('主题分类不能超过 100 个字符。');
    f.theme = theme;
  }
  const genre = one('genre');
  if (genre !== undefined) {
    if (!isGenre(genre)) throw badFilter('体裁不在可选范围内。');
    f.genre = genre;
  }
  const validity = one('validity');
  if (validity !== undefined) {
    if (!isValidity(validity)) throw badFilter('效力只能是有效、失效或废止。');
    f.validity = validity;
  }
  const unit = one('unit');
  if (unit !== undefined) {
    if (!/^[1-9]\d{0,15}$/.test(unit) || !unitIds.includes(Number(unit))) throw badFilter('所选的处室不存在。');
    f.unitId = Number(unit);
  }
  return f;
}

export const hasFilter = (f: PublicFilter) => Object.keys(f).length > 0;

/** The filter as query parameters (empty when there is none), in a stable order. */
export function filterParams(f: PublicFilter): URLSearchParams {
  const p = new URLSearchParams();
  if (f.year !== undefined) p.set('year', String(f.year));
  if (f.theme !== undefined) p.set('theme', f.theme);
  if (f.genre !== undefined) p.set('genre', f.genre);
  if (f.validity !== undefined) p.set('validity', f.validity);
  if (f.unitId !== undefined) p.set('unit', String(f.unitId));
  return p;
}

/** A list's URL at a page, its filter kept: `/columns/7?year=2026&page=2`. */
export function listHref(base: string, f: PublicFilter, page = 1): string {
  const p = filterParams(f);
  if (page > 1) p.set('page', String(page));
  const qs = p.toString();
  return qs ? `${base}?${qs}` : base;
}
