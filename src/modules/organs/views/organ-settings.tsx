// The organ's 公开指南 settings: the office that handles requests and how to reach it.
import { ConflictNotice, Csrf, differences, ErrorSummary, Field } from '../../../ui/components.js';
import { StaffLayout } from '../../../ui/layout.js';
import type { ViewCtx } from '../../../ui/view.js';
import { type OrganSettings, SETTINGS_FIELDS, SETTINGS_LABELS, type SettingsField } from '../organs.settings.js';
import { type Nav, ORGANS_HREF } from './common.js';

export type SettingsValues = Record<SettingsField, string>;

export const settingsValuesOf = (s: OrganSettings): SettingsValues =>
  Object.fromEntries(SETTINGS_FIELDS.map((k) => [k, s[k] ?? ''])) as SettingsValues;

export interface SettingsEditState {
  values: SettingsValues;
  version: string;
  message?: string | undefined;
  errors?: Record<string, string>;
  conflict?: { message: string; typed: SettingsValues };
}

const HINTS: Partial<Record<SettingsField, string>> = {
  officeName: '负责受理政府信息公开申请的机构，如“自治区住房城乡建设厅办公室（政务公开办）”。',
  hours: '如“工作日上午 8:00–12:00，下午 15:00–18:00（法定节假日除外）”。',
  phone: '多个号码用顿号分隔。',
  website: '以 http:// 或 https:// 开头。',
};

export function OrganSettingsPage(props: {
  ctx: ViewCtx;
  nav: Nav;
  organ: { id: number; name: string; code: string };
  edit: SettingsEditState;
  saved: boolean;
}) {
  const { organ, edit } = props;
  const errors = edit.errors ?? {};
  const href = `${ORGANS_HREF}/${organ.id}/settings`;
  return (
    <StaffLayout ctx={props.ctx} title={`公开指南设置 - ${organ.name}`} nav={props.nav} current={ORGANS_HREF}>
      <p>
        <a href={`${ORGANS_HREF}/${organ.id}`}>返回 {organ.name}</a>
      </p>
      <h1>政府信息公开指南设置</h1>
      {props.saved ? (
        <div class="notice" role="status">
          已保存。公开指南页面已按新的设置显示。
        </div>
      ) : null}
      {edit.conflict ? (
        <ConflictNotice message={edit.conflict.message} typed={differences(SETTINGS_LABELS, edit.values, edit.conflict.typed)} />
      ) : null}
      <ErrorSummary message={edit.message} fields={errors} />
      <p class="hint">
        这些内容显示在门户网站的《政府信息公开指南》中（《政府信息公开条例》第十九条、第二十七条至第三十三条）。未填写的项目在指南中显示为“未公布”。
      </p>
      <form method="post" action={href} class="stack" novalidate>
        <Csrf token={props.ctx.csrf} />
        <input type="hidden" name="version" value={edit.version} />
        {SETTINGS_FIELDS.map((k) => (
          <Field
            name={k}
            label={SETTINGS_LABELS[k]}
            value={edit.values[k]}
            error={errors[k]}
            {...(HINTS[k] ? { hint: HINTS[k] } : {})}
            {...(k === 'email' ? { type: 'email' as const } : k === 'phone' || k === 'fax' ? { type: 'tel' as const } : {})}
            {...(k === 'postcode' ? { inputMode: 'numeric' as const } : {})}
          />
        ))}
        <div class="actions">
          <button type="submit">保存设置</button>
          <a href={`/organs/${encodeURIComponent(organ.code)}/guide`}>查看公开指南</a>
        </div>
      </form>
    </StaffLayout>
  );
}
