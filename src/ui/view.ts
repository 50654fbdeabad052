/** What every page knows about the request it renders for (plain data, no access to services). */
export interface ViewCtx {
  /** Script: simplified (default) or traditional. */
  script: 'hans' | 'hant';
  elder: boolean;
  /** Path and query of the current page (for the display switches' return address). */
  path: string;
  /** CSRF token for forms on this page. */
  csrf: string;
  /** The signed-in staff member, if any. */
  staff?: { displayName: string; username: string; roles: readonly string[]; organName: string };
  /** A short confirmation after a redirect (?ok=…). */
  notice?: string;
}
