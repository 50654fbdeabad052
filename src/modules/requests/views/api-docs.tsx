// /api/docs: the OpenAPI document as plain HTML tables (no script, no external files).
import { keepAsWritten } from '../../../ui/components.js';
import { PortalLayout } from '../../../ui/layout.js';
import type { ViewCtx } from '../../../ui/view.js';
import type { OpenApiDocument } from '../requests.openapi.js';

type Schema = Record<string, unknown>;
interface Parameter {
  name: string;
  in: string;
  required?: boolean;
  description?: string;
  schema?: Schema;
}
interface MediaType {
  schema?: Schema;
  examples?: Record<string, { summary: string; value: unknown }>;
}
interface Operation {
  summary?: string;
  description?: string;
  security?: unknown[];
  parameters?: Parameter[];
  requestBody?: { content: Record<string, MediaType> };
  responses: Record<string, { description: string; content?: Record<string, MediaType> }>;
}

const refName = (s: Schema | undefined): string | undefined =>
  typeof s?.$ref === 'string' ? (s.$ref as string).replace('#/components/schemas/', '') : undefined;

function TypeOf({ s }: { s: Schema | undefined }) {
  if (!s) return <>任意</>;
  const name = refName(s);
  if (name) return <a href={`#schema-${name}`}>{name}</a>;
  if (Array.isArray(s.oneOf))
    return (
      <>
        {(s.oneOf as Schema[]).map((x, i) => (
          <>
            {i ? ' 或 ' : ''}
            <TypeOf s={x} />
          </>
        ))}
      </>
    );
  const types = (Array.isArray(s.type) ? s.type : s.type ? [s.type] : []) as string[];
  const main = types.filter((t) => t !== 'null');
  let text = main.join(' 或 ') || (types.includes('null') ? 'null' : '任意');
  if (s.format) text += `（${String(s.format)}）`;
  return (
    <>
      {main.includes('array') ? (
        <>
          数组，元素为 <TypeOf s={s.items as Schema} />
        </>
      ) : (
        <span {...keepAsWritten}>{text}</span>
      )}
      {types.includes('null') && main.length ? '，可为 null' : ''}
      {Array.isArray(s.enum) ? (
        <>
          ：
          <span {...keepAsWritten}>
            {(s.enum as unknown[])
              .filter((v) => v !== null)
              .map(String)
              .join(' | ')}
          </span>
        </>
      ) : null}
    </>
  );
}

function Fields({ schema, caption }: { schema: Schema; caption: string }) {
  const props = (schema.properties ?? {}) as Record<string, Schema>;
  const required = new Set((schema.required ?? []) as string[]);
  return (
    <div class="table-wrap">
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">字段</th>
            <th scope="col">类型</th>
            <th scope="col">必有</th>
            <th scope="col">说明</th>
          </tr>
        </thead>
        <tbody>
          {Object.entries(props).map(([k, v]) => (
            <tr>
              <th scope="row">
                <code {...keepAsWritten}>{k}</code>
              </th>
              <td>
                <TypeOf s={v} />
              </td>
              <td>{required.has(k) ? '是' : '否'}</td>
              <td>{typeof v.description === 'string' ? v.description : ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Examples({ media }: { media: MediaType | undefined }) {
  if (!media?.examples) return null;
  return (
    <>
      {Object.entries(media.examples).map(([, ex]) => (
        <details>
          <summary>示例：{ex.summary}</summary>
          <pre {...keepAsWritten}>
            <code>{JSON.stringify(ex.value, null, 2)}</code>
          </pre>
        </details>
      ))}
    </>
  );
}

function OperationSection({ method, path, op }: { method: string; path: string; op: Operation }) {
  const id = `${method}-${path}`.replace(/[^A-Za-z0-9]+/g, '-');
  const body = op.requestBody?.content['application/json'];
  return (
    <section aria-labelledby={id}>
      <h3 id={id}>
        <code {...keepAsWritten}>
          {method.toUpperCase()} {path}
        </code>
        ：{op.summary}
      </h3>
      {op.description ? <p>{op.description}</p> : null}
      <p>{op.security?.length ? '需要令牌（Authorization: Bearer gk_…）。' : '无需令牌。'}</p>
      {op.parameters?.length ? (
        <div class="table-wrap">
          <table>
            <caption>参数</caption>
            <thead>
              <tr>
                <th scope="col">名称</th>
                <th scope="col">位置</th>
                <th scope="col">类型</th>
                <th scope="col">必填</th>
                <th scope="col">说明</th>
              </tr>
            </thead>
            <tbody>
              {op.parameters.map((p) => (
                <tr>
                  <th scope="row">
                    <code {...keepAsWritten}>{p.name}</code>
                  </th>
                  <td>{p.in === 'path' ? '路径' : '查询'}</td>
                  <td>
                    <TypeOf s={p.schema} />
                  </td>
                  <td>{p.required ? '是' : '否'}</td>
                  <td>{p.description ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {body ? (
        <>
          <p>
            请求体（application/json）：
            <TypeOf s={body.schema} />
          </p>
          <Examples media={body} />
        </>
      ) : null}
      <div class="table-wrap">
        <table>
          <caption>响应</caption>
          <thead>
            <tr>
              <th scope="col">状态</th>
              <th scope="col">说明</th>
              <th scope="col">内容</th>
            </tr>
          </thead>
          <tbody>
            {Object.entries(op.responses).map(([status, r]) => (
              <tr>
                <th scope="row">{status}</th>
                <td>{r.description}</td>
                <td>
                  <TypeOf s={r.content?.['application/json']?.schema} />
                  <Examples media={r.content?.['application/json']} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

export function ApiDocsPage(props: { ctx: ViewCtx; organName: string; doc: OpenApiDocument }) {
  const { doc } = props;
  const paths = doc.paths as unknown as Record<string, Record<string, Operation>>;
  const schemas = doc.components.schemas as Record<string, Schema>;
  return (
    <PortalLayout ctx={props.ctx} organName={props.organName} title="接口说明" current="/api/docs">
      <h1>接口说明</h1>
      <p>{doc.info.description}</p>
      <p>
        机器可读的说明（OpenAPI {doc.openapi}）：<a href="/api/v1/openapi.json">/api/v1/openapi.json</a>
      </p>
      <nav aria-label="接口目录">
        <ul>
          {Object.entries(paths).flatMap(([path, ops]) =>
            Object.entries(ops).map(([method, op]) => (
              <li>
                <a href={`#${`${method}-${path}`.replace(/[^A-Za-z0-9]+/g, '-')}`}>
                  <code {...keepAsWritten}>
                    {method.toUpperCase()} {path}
                  </code>
                </a>
                ：{op.summary}
              </li>
            )),
          )}
        </ul>
      </nav>
      <h2>接口</h2>
      {Object.entries(paths).flatMap(([path, ops]) =>
        Object.entries(ops).map(([method, op]) => <OperationSection method={method} path={path} op={op} />),
      )}
      <h2>数据结构</h2>
      {Object.entries(schemas).map(([name, s]) => (
        <section aria-labelledby={`schema-${name}`}>
          <h3 id={`schema-${name}`}>
            <code {...keepAsWritten}>{name}</code>
          </h3>
          {typeof s.description === 'string' ? <p>{s.description}</p> : null}
          <Fields schema={s} caption={`${name} 的字段`} />
        </section>
      ))}
    </PortalLayout>
  );
}
