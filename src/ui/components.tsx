import type { ComponentChildren, JSX } from 'preact';

/** Spread on an element whose text must stay as written in 繁 pages (`translate="no"`; preact
 * types the attribute as boolean). */
export const keepAsWritten = { translate: 'no' } as unknown as { translate: boolean };

export function Csrf({ token }: { token: string }) {
  return <input type="hidden" name="_csrf" value={token} />;
}

/** `f-NAME`: the id of a field's control; its hint and error are `f-NAME-hint` and `f-NAME-error`. */
const fieldId = (name: string) => `f-${name}`;

/** The ids a control is described by: its hint, then its error (undefined when neither). */
function describedBy(id: string, hint: string | undefined, error: string | undefined): string | undefined {
  return [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
}

const RequiredMark = ({ required }: { required?: boolean | undefined }) => (required ? <span class="req"> （必填）</span> : null);

/** The frame every single-control field shares: label (with the required mark), hint, error
 * message, then the control itself (which points at the hint and error by `aria-describedby`). */
export function FieldShell(props: {
  id: string;
  label: ComponentChildren;
  required?: boolean | undefined;
  hint?: string | undefined;
  error?: string | undefined;
  children: ComponentChildren;
}) {
  const { id } = props;
  return (
    <div class={`field${props.error ? ' field-error' : ''}`}>
      <label for={id}>
        {props.label}
        <RequiredMark required={props.required} />
      </label>
      {props.hint ? (
        <p class="hint" id={`${id}-hint`}>
          {props.hint}
        </p>
      ) : null}
      {props.error ? (
        <p class="error-message" id={`${id}-error`}>
          {props.error}
        </p>
      ) : null}
      {props.children}
    </div>
  );
}

/** The frame of a group of controls: legend (with the required mark) and error message. With an
 * `id`, the fieldset and its error carry ids (`ID`, `ID-error`) for links and `aria-describedby`. */
function FieldsetShell(props: {
  id?: string | undefined;
  legend: ComponentChildren;
  required?: boolean | undefined;
  error?: string | undefined;
  children: ComponentChildren;
}) {
  return (
    <fieldset class={`field${props.error ? ' field-error' : ''}`} id={props.id}>
      <legend>
        {props.legend}
        <RequiredMark required={props.required} />
      </legend>
      {props.error ? (
        <p class="error-message" id={props.id ? `${props.id}-error` : undefined}>
          {props.error}
        </p>
      ) : null}
      {props.children}
    </fieldset>
  );
}

/** A labelled form field with its error message, keeping what was typed. */
export function Field(props: {
  name: string;
  label: string;
  value?: string | number | null;
  error?: string | undefined;
  type?: 'text' | 'password' | 'date' | 'number' | 'email' | 'tel';
  required?: boolean;
  hint?: string;
  autocomplete?: string;
  inputMode?: 'numeric' | 'text' | 'email' | 'tel';
}) {
  const id = fieldId(props.name);
  // preact's input typings tie `role` to `type`; the attributes are assembled as plain data
  const inputAttrs = {
    id,
    name: props.name,
    type: props.type ?? 'text',
    value: props.type === 'password' ? '' : (props.value ?? ''),
    required: props.required,
    autocomplete: props.autocomplete,
    inputMode: props.inputMode,
    'aria-invalid': props.error ? 'true' : undefined,
    'aria-describedby': describedBy(id, props.hint, props.error),
  } as unknown as JSX.IntrinsicElements['input'];
  return (
    <FieldShell id={id} label={props.label} required={props.required} hint={props.hint} error={props.error}>
      <input {...inputAttrs} />
    </FieldShell>
  );
}

/** A date and time field (`datetime-local`, read as Beijing time by the route). */
export function DateTimeField(props: {
  name: string;
  label: string;
  value?: string | undefined;
  error?: string | undefined;
  required?: boolean;
  hint?: string;
}) {
  const id = fieldId(props.name);
  return (
    <FieldShell id={id} label={props.label} required={props.required} hint={props.hint} error={props.error}>
      <input
        id={id}
        name={props.name}
        type="datetime-local"
        value={props.value ?? ''}
        required={props.required}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={describedBy(id, props.hint, props.error)}
      />
    </FieldShell>
  );
}

/** A multi-line field. `required` marks the label and sets the attribute unless `requiredAttr`
 * is false (a form whose browser checks are off may still want the mark alone). */
export function TextArea(props: {
  name: string;
  label: string;
  value?: string | undefined;
  error?: string | undefined;
  hint?: string;
  required?: boolean;
  requiredAttr?: boolean;
  rows?: number;
  class?: string;
  spellcheck?: boolean;
  /** Enhanced by /static/editor.js into a simple rich-text editor (the page loads the script). */
  editor?: boolean;
}) {
  const id = fieldId(props.name);
  return (
    <FieldShell id={id} label={props.label} required={props.required} hint={props.hint} error={props.error}>
      <textarea
        data-editor={props.editor ? 'rich' : undefined}
        id={id}
        name={props.name}
        rows={props.rows ?? 4}
        required={props.requiredAttr === false ? undefined : props.required}
        class={props.class}
        spellcheck={props.spellcheck}
        value={props.value ?? ''}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={describedBy(id, props.hint, props.error)}
      />
    </FieldShell>
  );
}

export function Select(props: {
  name: string;
  label: string;
  options?: ReadonlyArray<readonly [string, string]>;
  value?: string | number | null;
  error?: string | undefined;
  required?: boolean;
  /** The options' markup, when it is more than a flat list (e.g. with groups); then `options` is unused. */
  children?: ComponentChildren;
}) {
  const id = fieldId(props.name);
  return (
    <FieldShell id={id} label={props.label} required={props.required} error={props.error}>
      <select
        id={id}
        name={props.name}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={describedBy(id, undefined, props.error)}
      >
        {props.children ??
          (props.options ?? []).map(([v, label]) => (
            <option value={v} selected={String(props.value ?? '') === v}>
              {label}
            </option>
          ))}
      </select>
    </FieldShell>
  );
}

/** One choice of several, as radio buttons; each button points at the group's error. */
export function Radios(props: {
  name: string;
  legend: string;
  options: ReadonlyArray<readonly [string, string]>;
  value?: string | undefined;
  error?: string | undefined;
  required?: boolean;
}) {
  const id = fieldId(props.name);
  return (
    <FieldsetShell id={id} legend={props.legend} required={props.required} error={props.error}>
      {props.options.map(([v, label]) => (
        <div class="check">
          <input
            type="radio"
            id={`${id}-${v}`}
            name={props.name}
            value={v}
            checked={props.value === v}
            aria-describedby={props.error ? `${id}-error` : undefined}
          />
          <label for={`${id}-${v}`}>{label}</label>
        </div>
      ))}
    </FieldsetShell>
  );
}

export function Checkboxes(props: {
  name: string;
  legend: string;
  options: ReadonlyArray<readonly [string, string]>;
  checked: readonly string[];
  error?: string | undefined;
  disabled?: readonly string[];
}) {
  return (
    <FieldsetShell legend={props.legend} error={props.error} id={`f-${props.name}`}>
      {props.options.map(([v, label]) => (
        <div class="check">
          <input
            type="checkbox"
            id={`f-${props.name}-${v}`}
            name={props.name}
            value={v}
            checked={props.checked.includes(v)}
            disabled={props.disabled?.includes(v)}
          />
          <label for={`f-${props.name}-${v}`}>{label}</label>
        </div>
      ))}
    </FieldsetShell>
  );
}

/** Shown when a save lost a race (409): the form now holds the latest saved values; what the user
 * had typed is listed so that nothing is lost. */
export function ConflictNotice(props: { message: string; typed: ReadonlyArray<readonly [string, string]> }) {
  return (
    <div class="warning" role="alert">
      <h2>{props.message}</h2>
      {props.typed.length ? (
        <>
          <p>您刚才填写、与最新内容不同的项目：</p>
          <dl class="meta">
            {props.typed.map(([label, value]) => (
              <>
                <dt>{label}</dt>
                <dd>{value === '' ? '（空）' : value}</dd>
              </>
            ))}
          </dl>
        </>
      ) : null}
    </div>
  );
}

/** For a ConflictNotice: the fields whose typed value differs from the latest one, as (label, typed
 * value as shown). */
export function differences<K extends string>(
  labels: Record<K, string>,
  latest: Record<K, string>,
  typed: Record<K, string>,
  show: (k: K, v: string) => string = (_k, v) => v,
): Array<readonly [string, string]> {
  return (Object.keys(labels) as K[])
    .filter((k) => typed[k].trim() !== latest[k].trim())
    .map((k) => [labels[k], show(k, typed[k])] as const);
}

/** The summary at the top of a form that failed validation. */
export function ErrorSummary({ message, fields }: { message?: string | undefined; fields?: Record<string, string> }) {
  if (!message) return null;
  const entries = Object.entries(fields ?? {});
  return (
    <div class="error-summary" role="alert" tabIndex={-1}>
      <h2>{message}</h2>
      {entries.length ? (
        <ul>
          {entries.map(([k, v]) => (
            <li>
              <a href={`#f-${k}`}>{v}</a>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

export function Notice({ children }: { children: ComponentChildren }) {
  return (
    <div class="notice" role="status">
      {children}
    </div>
  );
}

export function EmptyState({ title, hint }: { title: string; hint?: string }) {
  return (
    <div class="empty">
      <p class="empty-title">{title}</p>
      {hint ? <p class="hint">{hint}</p> : null}
    </div>
  );
}
