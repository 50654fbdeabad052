import type { ComponentChildren, JSX } from 'preact';

/** Spread on an element whose text must stay as written in 繁 pages (`translate="no"`; preact
 * types the attribute as boolean). */
export const keepAsWritten = { translate: 'no' } as unknown as { translate: boolean };

export function Csrf({ token }: { token: string }) {
  return <input type="hidden" name="_csrf" value={token} />;
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
  const id = `f-${props.name}`;
  const describedBy0 = [props.hint ? `${id}-hint` : '', props.error ? `${id}-error` : ''].filter(Boolean).join(' ');
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
    'aria-describedby': describedBy0 || undefined,
  } as unknown as JSX.IntrinsicElements['input'];
  return (
    <div class={`field${props.error ? ' field-error' : ''}`}>
      <label for={id}>
        {props.label}
        {props.required ? <span class="req"> （必填）</span> : null}
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
      <input {...inputAttrs} />
    </div>
  );
}

export function Select(props: {
  name: string;
  label: string;
  options: ReadonlyArray<readonly [string, string]>;
  value?: string | number | null;
  error?: string | undefined;
  required?: boolean;
}) {
  const id = `f-${props.name}`;
  return (
    <div class={`field${props.error ? ' field-error' : ''}`}>
      <label for={id}>
        {props.label}
        {props.required ? <span class="req"> （必填）</span> : null}
      </label>
      {props.error ? (
        <p class="error-message" id={`${id}-error`}>
          {props.error}
        </p>
      ) : null}
      <select
        id={id}
        name={props.name}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={props.error ? `${id}-error` : undefined}
      >
        {props.options.map(([v, label]) => (
          <option value={v} selected={String(props.value ?? '') === v}>
            {label}
          </option>
        ))}
      </select>
    </div>
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
    <fieldset class={`field${props.error ? ' field-error' : ''}`}>
      <legend>{props.legend}</legend>
      {props.error ? <p class="error-message">{props.error}</p> : null}
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
    </fieldset>
  );
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
