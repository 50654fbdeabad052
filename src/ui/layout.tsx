import type { ComponentChildren } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { keepAsWritten } from './components.js';
import { m } from './messages.js';
import type { ViewCtx } from './view.js';

export const PORTAL_NAV = [
  ['/', m.nav.home],
  ['/guide', m.nav.guide],
  ['/rules', m.nav.rules],
  ['/statutory', m.nav.statutory],
  ['/reports', m.nav.reports],
  ['/apply', m.nav.apply],
  ['/interact', m.nav.interact],
  ['/services', m.nav.services],
  ['/data', m.nav.data],
] as const;

function prefsHref(ctx: ViewCtx, key: 'script' | 'elder', value: string) {
  return `/prefs?${key}=${value}&return=${encodeURIComponent(ctx.path)}`;
}

function DisplaySwitches({ ctx }: { ctx: ViewCtx }) {
  return (
    <nav class="prefs" aria-label={m.prefs.label}>
      {ctx.script === 'hant' ? (
        <a href={prefsHref(ctx, 'script', 'hans')} lang="zh-CN" {...keepAsWritten}>
          {m.prefs.simplified}
        </a>
      ) : (
        <a href={prefsHref(ctx, 'script', 'hant')} lang="zh-Hant" {...keepAsWritten}>
          {m.prefs.traditional}
        </a>
      )}
      {ctx.elder ? (
        <a href={prefsHref(ctx, 'elder', '0')}>{m.prefs.elderOff}</a>
      ) : (
        <a href={prefsHref(ctx, 'elder', '1')}>{m.prefs.elderOn}</a>
      )}
    </nav>
  );
}

export function Document(props: {
  ctx: ViewCtx;
  title: string;
  bodyClass: string;
  styles?: string[];
  /** Extra elements of <head> (canonical and alternate links). */
  head?: ComponentChildren;
  children: ComponentChildren;
}) {
  const { ctx } = props;
  return (
    <html lang={ctx.script === 'hant' ? 'zh-Hant' : 'zh-CN'} class={ctx.elder ? 'elder' : undefined}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{props.title}</title>
        <link rel="icon" href="/static/favicon.svg" type="image/svg+xml" />
        <link rel="stylesheet" href="/static/gongkai.css" />
        {props.styles?.map((href) => (
          <link rel="stylesheet" href={href} />
        ))}
        {props.head}
      </head>
      <body class={`${props.bodyClass}${ctx.elder ? ' elder' : ''}`}>
        <a class="skip" href="#main">
          {m.site.skip}
        </a>
        {props.children}
      </body>
    </html>
  );
}

// The fixed parts of the portal's frame (the search form, the main navigation's list, the footer's
// line) are rendered once per value they depend on and put into their elements as the HTML preact
// made of them: the same bytes, without rendering some thirty elements on every page (about a
// third of the frame's render, a sixth of an item page's).
function once<K, V>(make: (key: K) => V, max = 256): (key: K) => V {
  const kept = new Map<K, V>();
  return (key) => {
    let v = kept.get(key);
    if (v === undefined) {
      if (kept.size >= max) kept.clear();
      v = make(key);
      kept.set(key, v);
    }
    return v;
  };
}

const SEARCH_FORM = renderToString(
  <form method="get" action="/search">
    <label for="site-q" class="visually-hidden">
      {m.portal.searchLabel}
    </label>
    <input type="search" id="site-q" name="q" maxLength={100} placeholder={m.portal.searchPlaceholder} />
    <button type="submit">{m.portal.searchButton}</button>
  </form>,
);

const portalNav = once((current: string) =>
  renderToString(
    <ul class="wrap">
      {PORTAL_NAV.map(([href, label]) => (
        <li>
          <a href={href} aria-current={current === href ? 'page' : undefined}>
            {label}
          </a>
        </li>
      ))}
    </ul>,
  ),
);

const portalFooter = once((organName: string) =>
  renderToString(
    <div class="wrap">
      <p>
        {organName} · <a href="/staff/login">{m.portal.staffEntry}</a>
      </p>
    </div>,
  ),
);

export function PortalLayout(props: {
  ctx: ViewCtx;
  organName: string;
  title?: string;
  current: string;
  /** Extra elements of <head> (canonical and alternate links). */
  head?: ComponentChildren;
  children: ComponentChildren;
}) {
  const { ctx } = props;
  const title = props.title ? `${props.title} - ${props.organName}` : `${props.organName}${m.site.suffix}`;
  return (
    <Document ctx={ctx} title={title} bodyClass="portal" head={props.head}>
      <header class="site-header">
        <div class="wrap header-row">
          <a class="site-title" href="/">
            <span class="organ">{props.organName}</span>
            <span class="suffix">{m.site.suffix}</span>
          </a>
          <div class="tools">
            <search class="site-search" dangerouslySetInnerHTML={{ __html: SEARCH_FORM }} />
            <DisplaySwitches ctx={ctx} />
          </div>
        </div>
        <nav class="main-nav" aria-label="主导航" dangerouslySetInnerHTML={{ __html: portalNav(props.current) }} />
      </header>
      <main id="main" class="wrap">
        {props.children}
      </main>
      <footer class="site-footer" dangerouslySetInnerHTML={{ __html: portalFooter(props.organName) }} />
    </Document>
  );
}

export interface StaffNavItem {
  href: string;
  label: string;
}

export function StaffLayout(props: {
  ctx: ViewCtx;
  title: string;
  nav: StaffNavItem[];
  current?: string;
  /** Extra stylesheets under /static/ for this page. */
  styles?: string[];
  children: ComponentChildren;
}) {
  const { ctx } = props;
  return (
    <Document
      ctx={ctx}
      title={`${props.title} - ${m.site.staffSuffix}`}
      bodyClass="staff"
      {...(props.styles ? { styles: props.styles } : {})}
    >
      <header class="site-header staff-header">
        <div class="wrap header-row">
          <a class="site-title" href="/staff">
            {ctx.staff ? <span class="organ">{ctx.staff.organName}</span> : null}
            <span class={ctx.staff ? 'suffix' : 'organ'}>{m.site.staffSuffix}</span>
          </a>
          <div class="tools">
            <DisplaySwitches ctx={ctx} />
            {ctx.staff ? (
              <form method="post" action="/staff/logout" class="logout">
                <input type="hidden" name="_csrf" value={ctx.csrf} />
                <span class="who">{ctx.staff.displayName}</span>
                <button type="submit" class="link-button">
                  {m.staff.logout}
                </button>
              </form>
            ) : (
              <a class="to-portal" href="/">
                {m.site.toPortal}
              </a>
            )}
          </div>
        </div>
        {props.nav.length ? (
          <nav class="main-nav" aria-label="工作台导航">
            <ul class="wrap">
              {props.nav.map((n) => (
                <li>
                  <a href={n.href} aria-current={props.current === n.href ? 'page' : undefined}>
                    {n.label}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
        ) : null}
      </header>
      <main id="main" class="wrap">
        {ctx.notice ? (
          <div class="notice" role="status">
            {ctx.notice}
          </div>
        ) : null}
        {props.children}
      </main>
    </Document>
  );
}

export function ErrorPage(props: { ctx: ViewCtx; status: number; title: string; message: string }) {
  return (
    <Document ctx={props.ctx} title={`${props.title}（${props.status}）`} bodyClass="error-page">
      <main id="main" class="wrap">
        <h1>{props.title}</h1>
        <p>{props.message}</p>
        <p>
          <a href="/">返回首页</a>
        </p>
      </main>
    </Document>
  );
}
