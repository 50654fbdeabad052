// The metadata form of a draft: every field of createDraft and updateDraft.
import { Field, Select, TextArea } from '../../../../ui/components.js';
import {
  DISCLOSURE_LABELS,
  DISCLOSURES,
  DOC_KIND_LABELS,
  DOC_KINDS,
  GENRE_LABELS,
  GENRES,
  VALIDITIES,
  VALIDITY_LABELS,
} from '../../publications.schemas.js';
import { type ColumnOption, ColumnSelect, FIELD_LABELS, type PublicationValues, type UnitOption } from './common.js';

const CHOOSE: readonly [string, string] = ['', '请选择'];
const options = <K extends string>(keys: readonly K[], labels: Record<K, string>, choose = false) => [
  ...(choose ? [CHOOSE] : []),
  ...keys.map((k) => [k, labels[k]] as const),
];

const BODY_HINT =
  '浏览器启用脚本时可用工具栏排版；也可直接填写 HTML，或填写纯文本（空行分段）。保存时只保留以下标签：段落 p、换行 br、小标题 h2–h5、strong/b、em/i、u、s、sub、sup、列表 ul/ol/li、blockquote、hr、pre、code、表格 table/caption/thead/tbody/tfoot/tr/th/td、链接 a（http、https、mailto）、图片 img（http、https）、figure/figcaption；脚本、样式和事件属性一律删除。';

/** Every field of createDraft and updateDraft, grouped as the catalogue describes an item. */
export function PublicationFields(props: {
  values: PublicationValues;
  errors: Record<string, string>;
  columns: readonly ColumnOption[];
  units: readonly UnitOption[];
}) {
  const { values: v, errors: e } = props;
  return (
    <>
      <fieldset class="field">
        <legend>基本信息</legend>
        <Field name="title" label={FIELD_LABELS.title} value={v.title} error={e.title} required />
        <ColumnSelect
          name="columnId"
          label={FIELD_LABELS.columnId}
          columns={props.columns}
          value={v.columnId}
          error={e.columnId}
          required
        />
        <Select
          name="unitId"
          label={FIELD_LABELS.unitId}
          options={[['', '（不指定）'], ...props.units.map((u) => [String(u.id), u.name] as const)]}
          value={v.unitId}
          error={e.unitId}
        />
        <p class="hint">信息联络员只能为本人联络的处室起草信息。</p>
        <TextArea name="summary" label={FIELD_LABELS.summary} value={v.summary} error={e.summary} rows={3} />
      </fieldset>

      <fieldset class="field">
        <legend>目录信息</legend>
        <Field
          name="issuingOrgan"
          label={FIELD_LABELS.issuingOrgan}
          value={v.issuingOrgan}
          error={e.issuingOrgan}
          hint="不填时为本机关名称。"
        />
        <Field
          name="createdOn"
          label={FIELD_LABELS.createdOn}
          type="date"
          value={v.createdOn}
          error={e.createdOn}
          hint="即信息的生成日期；第二十六条规定的 20 个工作日公开期限从此日起算。"
          required
        />
        <Field
          name="docNumber"
          label={FIELD_LABELS.docNumber}
          value={v.docNumber}
          error={e.docNumber}
          hint="如：桂建发〔2026〕1号。"
        />
        <Field name="theme" label={FIELD_LABELS.theme} value={v.theme} error={e.theme} hint="如：城乡建设、环境保护。" required />
        <Select
          name="genre"
          label={FIELD_LABELS.genre}
          options={options(GENRES, GENRE_LABELS, true)}
          value={v.genre}
          error={e.genre}
          required
        />
        <Field
          name="keywords"
          label={FIELD_LABELS.keywords}
          value={v.keywords}
          error={e.keywords}
          hint="用逗号、顿号或空格分隔，最多 10 个。"
        />
        <Select
          name="docKind"
          label={FIELD_LABELS.docKind}
          options={options(DOC_KINDS, DOC_KIND_LABELS)}
          value={v.docKind}
          error={e.docKind}
        />
        <p class="hint">规章和行政规范性文件计入年度报告第二项统计。</p>
      </fieldset>

      <fieldset class="field">
        <legend>公开方式与有效性</legend>
        <Select
          name="disclosure"
          label={FIELD_LABELS.disclosure}
          options={options(DISCLOSURES, DISCLOSURE_LABELS)}
          value={v.disclosure}
          error={e.disclosure}
          required
        />
        <TextArea
          name="withheldReason"
          label={FIELD_LABELS.withheldReason}
          value={v.withheldReason}
          error={e.withheldReason}
          hint="公开方式为“依申请公开”或“不予公开”时填写；“不予公开”的必须填写。"
          rows={2}
        />
        <Select
          name="validity"
          label={FIELD_LABELS.validity}
          options={options(VALIDITIES, VALIDITY_LABELS)}
          value={v.validity}
          error={e.validity}
          required
        />
        <Field
          name="validityDate"
          label={FIELD_LABELS.validityDate}
          type="date"
          value={v.validityDate}
          error={e.validityDate}
          hint="有效性为“失效”或“废止”时必须填写。"
        />
      </fieldset>

      <TextArea
        name="bodyHtml"
        label={FIELD_LABELS.bodyHtml}
        value={v.bodyHtml}
        error={e.bodyHtml}
        hint={BODY_HINT}
        rows={16}
        editor
      />
      <script src="/static/editor.js" defer />

      <fieldset class="field">
        <legend>关联信息</legend>
        <p class="hint">填写关联信息的系统编号（见每条信息页面的“系统编号”）；替代、废止可填多个，用逗号分隔。</p>
        <Field
          name="interprets"
          label={FIELD_LABELS.interprets}
          inputMode="numeric"
          value={v.interprets}
          error={e.interprets}
          hint="本信息是政策解读时，填写所解读政策文件的编号。"
        />
        <Field name="corrects" label={FIELD_LABELS.corrects} inputMode="numeric" value={v.corrects} error={e.corrects} />
        <Field name="replaces" label={FIELD_LABELS.replaces} value={v.replaces} error={e.replaces} />
        <Field name="repeals" label={FIELD_LABELS.repeals} value={v.repeals} error={e.repeals} />
      </fieldset>
    </>
  );
}
