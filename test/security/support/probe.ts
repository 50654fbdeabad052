// One request to a route as someone (a role of a side, or nobody), as the browser or the API
// client would send it: the session cookie and a valid CSRF token for forms, the bearer token for
// the API. Route parameters are filled by paths.ts.
import type { LightMyRequestResponse } from 'fastify';
import type { Role } from '../../../src/modules/staff/staff.roles.js';
import { cookieHeader, csrfFrom } from '../../support/app.js';
import type { Access } from '../policy-map.js';
import { concreteUrl } from './paths.js';
import type { Route, Side, World } from './world.js';

const csrfCache = new WeakMap<object, string>();

async function csrfOf(w: World, side: Side, role: Role): Promise<string> {
  const agent = w.agents[side][role];
  let token = csrfCache.get(agent);
  if (!token) {
    token = csrfFrom((await agent.get('/staff/account/password')).body);
    csrfCache.set(agent, token);
  }
  return token;
}

/** A multipart body with the given fields and one small text file. */
export function multipartBody(
  fields: Record<string, string>,
  file: { name: string; data: Buffer<ArrayBufferLike> } = { name: '说明.txt', data: Buffer.from('文本') },
) {
  const b = `----gk${Date.now().toString(16)}`;
  const parts: Buffer<ArrayBufferLike>[] = Object.entries(fields).map(([k, v]) =>
    Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`),
  );
  parts.push(
    Buffer.from(
      `--${b}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    ),
    file.data,
    Buffer.from(`\r\n--${b}--\r\n`),
  );
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${b}` };
}

export async function probe(
  w: World,
  r: Route,
  who: { side: Side; role: Role } | undefined,
  access: Access,
  opts: { csrf?: boolean; fresh?: boolean } = {},
): Promise<LightMyRequestResponse> {
  const given: Record<string, string> = {};
  if (opts.fresh) for (const [name, make] of Object.entries(w.fresh)) if (r.url.includes(`:${name}`)) given[name] = await make();
  const url = concreteUrl(w, r, given);
  const method = r.method as 'GET' | 'POST';
  const headers: Record<string, string> = {};
  if (access.kind === 'api') {
    if (who) headers.authorization = `Bearer ${w.tokens[who.side][who.role]}`;
    const body = 'body' in access ? access.body : undefined;
    return w.app.inject({ method, url, headers, ...(method === 'GET' ? {} : { payload: body ?? {} }) });
  }
  if (who) headers.cookie = cookieHeader(w.agents[who.side][who.role].jar);
  if (method === 'GET') return w.app.inject({ method, url, headers });
  const withCsrf = opts.csrf ?? true;
  const csrf = who && withCsrf ? await csrfOf(w, who.side, who.role) : '';
  if ('multipart' in access && access.multipart) {
    const body = multipartBody(csrf ? { _csrf: csrf } : {});
    return w.app.inject({ method, url, headers: { ...headers, 'content-type': body.contentType }, payload: body.payload });
  }
  const form = new URLSearchParams(csrf ? { _csrf: csrf } : {});
  return w.app.inject({
    method,
    url,
    headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' },
    payload: form.toString(),
  });
}
