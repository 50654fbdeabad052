// The filter form of the public lists: a plain GET form (works without JavaScript), the chosen
// values selected and restated in words, and a link that clears them.
import { fmt } from '../../../ui/messages.js';
import type { PublicFilter } from '../../publications/publications.public.js';
import { GENRE_LABELS, GENRES, VALIDITIES, VALIDITY_LABELS } from '../../publications/publications.schemas.js';
import { hasFilter } from '../portal.filters.js';

export const fm = {
  label: '筛选',
  year: '年份',
  anyYear: '全部年份',
  yearValue: '{year} 年',
  theme: '主题分类',
  anyTheme: '全部主题',
  genre: '体裁',
  anyGenre: '全部体裁',
  validity: '效力',
  anyValidity: '全部',
  unit: '发布处室',
  anyUnit: '全部处室',
  submit: '筛选',
  clear: '清除筛选',
  chosen: '当前筛选：',
  found: '共 {total} 条符合条件的信息。',
  none: '没有符合筛选条件的信息。',
  noneHint: '请放宽或清除筛选条件。',
} as const;

export interface FilterChoices {
  years: number[];
  themes: string[];
  units: Array<{ id: number; name: string }>;
}

function Select(props: {
  name: string;
  label: string;
  any: string;
  value: string | undefined;
  options: Array<readonly [string, string]>;
}) {
  const id = `filter-${props.name}`;
  // a value chosen by URL but not among the options is still shown as chosen
  const options =
    props.value !== undefined && !props.options.some(([v]) => v === props.value)
      ? [...props.options, [props.value, props.value] as const]
      : props.options;
  return (
    <div class="field">
      <label for={id}>{props.label}</label>
      <select id={id} name={props.name}>
        <option value="">{props.any}</option>
        {options.map(([v, label]) => (
          <option value={v} selected={v === props.value}>
            {label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** The chosen filter in words: 2026 年；体裁：通知. */
export function describeFilter(f: PublicFilter, choices: FilterChoices): string[] {
  const out: string[] = [];
  if (f.year !== undefined) out.push(fmt(fm.yearValue, { year: f.year }));
  if (f.theme !== undefined) out.push(`${fm.theme}：${f.theme}`);
  if (f.genre !== undefined) out.push(`${fm.genre}：${GENRE_LABELS[f.genre]}`);
  if (f.validity !== undefined) out.push(`${fm.validity}：${VALIDITY_LABELS[f.validity]}`);
  if (f.unitId !== undefined) {
    out.push(`${fm.unit}：${choices.units.find((u) => u.id === f.unitId)?.name ?? String(f.unitId)}`);
  }
  return out;
}

export function FilterForm(props: { action: string; filter: PublicFilter; choices: FilterChoices; total: number }) {
  const { filter: f, choices } = props;
  const chosen = describeFilter(f, choices);
  const years =
    f.year === undefined || choices.years.includes(f.year) ? choices.years : [...choices.years, f.year].sort((a, b) => b - a);
  return (
    <section aria-labelledby="filters" class="filters">
      <h2 id="filters">{fm.label}</h2>
      <form method="get" action={props.action} class="filter-form">
        <Select
          name="year"
          label={fm.year}
          any={fm.anyYear}
          value={f.year === undefined ? undefined : String(f.year)}
          options={years.map((y) => [String(y), fmt(fm.yearValue, { year: y })] as const)}
        />
        <Select
          name="theme"
          label={fm.theme}
          any={fm.anyTheme}
          value={f.theme}
          options={choices.themes.map((t) => [t, t] as const)}
        />
        <Select
          name="genre"
          label={fm.genre}
          any={fm.anyGenre}
          value={f.genre}
          options={GENRES.map((g) => [g, GENRE_LABELS[g]] as const)}
        />
        <Select
          name="validity"
          label={fm.validity}
          any={fm.anyValidity}
          value={f.validity}
          options={VALIDITIES.map((v) => [v, VALIDITY_LABELS[v]] as const)}
        />
        {choices.units.length ? (
          <Select
            name="unit"
            label={fm.unit}
            any={fm.anyUnit}
            value={f.unitId === undefined ? undefined : String(f.unitId)}
            options={choices.units.map((u) => [String(u.id), u.name] as const)}
          />
        ) : null}
        <div class="actions">
          <button type="submit">{fm.submit}</button>
          {hasFilter(f) ? <a href={props.action}>{fm.clear}</a> : null}
        </div>
      </form>
      {chosen.length ? (
        <p role="status" class="filter-status">
          {fm.chosen}
          {chosen.join('；')}。{fmt(fm.found, { total: props.total })}
        </p>
      ) : null}
    </section>
  );
}
