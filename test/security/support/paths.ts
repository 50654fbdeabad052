// Fills a route's path parameters with real records of organ A (see world.ts), so that every
// registered route is requested at a URL that exists.
import type { Route, World } from './world.js';

/** Which record an `:id` stands for, by the route's prefix. */
const ID_OF: Array<[RegExp, (w: World) => string]> = [
  [/^\/staff\/organs\//, (w) => String(w.organA.id)],
  [/^\/staff\/units\//, (w) => w.params.unit ?? ''],
  [/^\/staff\/users\//, (w) => w.params.user ?? ''],
  [/^\/staff\/outbox\//, (w) => w.params.outbox ?? ''],
  [/^\/staff\/attachments\//, (w) => w.params.attachment ?? ''],
  [/^\/attachments\//, (w) => w.params.attachment ?? ''],
  [/^\/staff\/appeals\//, (w) => w.params.appeal ?? ''],
  [/^\/staff\/reports\/check\//, (w) => w.params.check ?? ''],
  [/^\/staff\/publications\/:id\/(channels|wechat)$/, (w) => w.params.item ?? ''],
  [/^\/staff\/publications\//, (w) => w.params.draft ?? ''],
  [/^\/staff\/requests\//, (w) => w.params.request ?? ''],
  [/^\/staff\/tokens\//, (w) => w.params.token ?? ''],
  [/^\/columns\//, (w) => w.params.column ?? ''],
  [/^\/items\//, (w) => w.params.item ?? ''],
];

/** The values of the other parameters, by name. */
function named(w: World, name: string, url: string): string | undefined {
  const [code, serial] = (w.params.indexNo ?? '').split('/');
  switch (name) {
    case 'aid':
      return w.params.attachment;
    case 'name':
      return encodeURIComponent(w.params.attachmentName ?? '');
    case 'date':
      return '2026-05-06';
    case 'letter':
      return w.params.letter;
    case 'file':
      return w.params.file;
    case 'action':
      return 'assign';
    case 'reference':
      return w.params.reference;
    case 'token':
      return w.trackToken;
    case 'indexNo':
      return encodeURIComponent(w.params.indexNo ?? '');
    case 'code':
      return url.startsWith('/organs/') ? w.organA.code : code;
    case 'serial':
      return serial;
    case 'organ':
      return w.organA.code;
    case 'year':
      return '2025';
    case 'ext':
      return 'json';
    default:
      return undefined;
  }
}

/** The concrete URL of a route, or throws naming the parameter nobody knows how to fill. */
export function concreteUrl(w: World, r: Route, given: Record<string, string> = {}): string {
  if (r.url.endsWith('*')) return `${r.url.slice(0, -1)}gongkai.css`.replace('//', '/');
  return r.url.replace(/:([A-Za-z]+)/g, (_m, name: string) => {
    const v = given[name] ?? (name === 'id' ? ID_OF.find(([re]) => re.test(r.url))?.[1](w) : named(w, name, r.url));
    if (!v)
      throw new Error(
        `${r.method} ${r.url}: no test value for the parameter :${name} (add one to test/security/support/paths.ts)`,
      );
    return v;
  });
}
