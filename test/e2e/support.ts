// Browser tests: the real application on a random port (fresh SQLite database, demo data) and
// Debian's Chromium driven by playwright-core. Screenshots go to test-results/screenshots/, the
// full axe results to test-results/axe/.
import { mkdirSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AxeResults, Result } from 'axe-core';
import type { FastifyInstance } from 'fastify';
import { type Browser, type BrowserContext, chromium, type Locator, type Page } from 'playwright-core';
import { buildApp, type Services } from '../../src/app.js';
import { DEMO_PASSWORD, seedDemo } from '../../src/modules/demo/demo.seed.js';
import { systemClock } from '../../src/platform/clock.js';
import { testConfig } from '../support/app.js';
import { type TestDb, testDb } from '../support/db.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const RESULTS_DIR = join(ROOT, 'test-results');
export const SCREENSHOT_DIR = join(RESULTS_DIR, 'screenshots');
export const AXE_DIR = join(RESULTS_DIR, 'axe');
const AXE_SCRIPT = join(ROOT, 'node_modules/axe-core/axe.min.js');

export const PHONE = { width: 390, height: 844 } as const;
export const DESKTOP = { width: 1280, height: 900 } as const;
export const VIEWPORTS = [
  { name: 'phone', viewport: PHONE },
  { name: 'desktop', viewport: DESKTOP },
] as const;

export const CHROMIUM_ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface E2E {
  baseUrl: string;
  app: FastifyInstance;
  services: Services;
  db: TestDb;
  browser: Browser;
  /** A fresh, isolated browser context (own cookies) and a page in it, on the app's origin. */
  open(opts?: PageOptions): Promise<{ context: BrowserContext; page: Page }>;
  close(): Promise<void>;
}

export interface PageOptions {
  viewport?: { width: number; height: number };
  /** Needed for axe: the site's CSP (`script-src 'self'`) blocks the injected axe script. */
  bypassCSP?: boolean;
  javaScriptEnabled?: boolean;
}

/** Starts the app on 127.0.0.1:<random port> with the demo loaded, and launches Chromium. */
export async function startE2E(): Promise<E2E> {
  const db = await testDb();
  const { app, services } = await buildApp({ db: db.db, dialect: db.dialect, clock: systemClock, config: testConfig() });
  await seedDemo(services);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;

  let browser: Browser;
  try {
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: CHROMIUM_ARGS,
    });
  } catch (err) {
    await app.close();
    await db.destroy();
    throw err;
  }

  const contexts: BrowserContext[] = [];
  return {
    baseUrl,
    app,
    services,
    db,
    browser,
    async open(opts: PageOptions = {}) {
      const context = await browser.newContext({
        baseURL: baseUrl,
        viewport: opts.viewport ?? DESKTOP,
        bypassCSP: opts.bypassCSP ?? false,
        javaScriptEnabled: opts.javaScriptEnabled ?? true,
        locale: 'zh-CN',
        timezoneId: 'Asia/Shanghai',
      });
      context.setDefaultTimeout(10_000);
      context.setDefaultNavigationTimeout(15_000);
      contexts.push(context);
      const page = await context.newPage();
      return { context, page };
    },
    async close() {
      for (const c of contexts) await c.close().catch(() => {});
      await browser.close();
      await app.close();
      await db.destroy();
    },
  };
}

/** Saves a full-page PNG as test-results/screenshots/<name>.png; returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

export interface AxeViolation {
  id: string;
  impact: string;
  help: string;
  helpUrl: string;
  nodes: Array<{ target: string; html: string; message: string }>;
}

const AXE_OPTIONS = { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] };

/**
 * Runs axe-core on the page (its context must have been opened with bypassCSP), writes the full
 * results to test-results/axe/<name>.json and returns the serious and critical violations.
 */
export async function axeCheck(page: Page, name: string): Promise<AxeViolation[]> {
  const loaded = await page.evaluate('typeof window.axe !== "undefined"');
  if (!loaded) {
    try {
      await page.addScriptTag({ path: AXE_SCRIPT });
    } catch (err) {
      throw new Error(`could not inject axe-core (was the context opened with bypassCSP?): ${String(err)}`);
    }
  }
  // A string, not a function: the test runner's transpiler may wrap functions in helpers the page lacks.
  const results = (await page.evaluate(`axe.run(document, ${JSON.stringify(AXE_OPTIONS)})`)) as AxeResults;
  mkdirSync(AXE_DIR, { recursive: true });
  writeFileSync(join(AXE_DIR, `${name}.json`), `${JSON.stringify(results, null, 2)}\n`);
  return results.violations
    .filter((v: Result) => v.impact === 'serious' || v.impact === 'critical')
    .map((v: Result) => ({
      id: v.id,
      impact: String(v.impact),
      help: v.help,
      helpUrl: v.helpUrl,
      nodes: v.nodes.map((n) => ({
        target: n.target.map((t) => (Array.isArray(t) ? t.join(' >> ') : String(t))).join(' | '),
        html: n.html,
        message: n.failureSummary ?? '',
      })),
    }));
}

/** A readable list of violations, for assertion messages. */
export function formatViolations(violations: AxeViolation[]): string {
  return violations
    .map((v) =>
      [
        `[${v.impact}] ${v.id}: ${v.help} (${v.helpUrl})`,
        ...v.nodes.map((n) => `    ${n.target}\n      ${n.html}\n      ${n.message.replace(/\n/g, '\n      ')}`),
      ].join('\n'),
    )
    .join('\n');
}

/** Console errors, uncaught page errors, failed requests and failing stylesheets etc. (CSP refusals show up here). */
export function collectProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (msg) => {
    // failed loads are reported by the response handler below, which knows to ignore the favicon
    if (msg.type() === 'error' && !msg.text().startsWith('Failed to load resource')) problems.push(`console: ${msg.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
  page.on('requestfailed', (req) => {
    // a favicon still loading when the test navigates on is aborted: not a fault of the page
    if (req.url().includes('favicon') && req.failure()?.errorText === 'net::ERR_ABORTED') return;
    problems.push(`requestfailed: ${req.url()} ${req.failure()?.errorText ?? ''}`);
  });
  page.on('response', (res) => {
    // pages themselves may answer 4xx on purpose (a wrong password is a 422); their parts may not
    const sub = res.request().resourceType() !== 'document';
    if (sub && res.status() >= 400 && !res.url().endsWith('/favicon.ico')) problems.push(`http ${res.status()}: ${res.url()}`);
  });
  return problems;
}

/** The document's scroll width and the viewport width: the page scrolls sideways when the first is larger. */
export async function horizontalOverflow(page: Page): Promise<{ scrollWidth: number; innerWidth: number }> {
  return (await page.evaluate('({ scrollWidth: document.scrollingElement.scrollWidth, innerWidth: window.innerWidth })')) as {
    scrollWidth: number;
    innerWidth: number;
  };
}

/** The elements sticking out past the right edge of the viewport, for overflow messages. */
export async function widestElements(page: Page): Promise<string[]> {
  return (await page.evaluate(`(() => {
    const out = [];
    for (const el of document.querySelectorAll('body *')) {
      const r = el.getBoundingClientRect();
      if (r.right > window.innerWidth + 0.5) {
        out.push(el.tagName.toLowerCase() + (el.className ? '.' + String(el.className).split(' ').join('.') : '') + ' right=' + Math.round(r.right));
      }
    }
    return out.slice(0, 10);
  })()`)) as string[];
}

/** The computed font-size of body, in px. */
export async function bodyFontSize(page: Page): Promise<number> {
  return Number.parseFloat((await page.evaluate('getComputedStyle(document.body).fontSize')) as string);
}

/** The text a reader sees in an element (rendered text: hidden parts left out, line breaks as laid out). */
export async function visibleText(locator: Locator): Promise<string> {
  // biome-ignore lint/performance/useDomNodeTextContent: Playwright's Locator.innerText, the rendered text is the point
  return (await locator.innerText()).trim();
}

/** Clicks something that navigates (a link or a submit button) and waits for the next page to load. */
export async function follow(page: Page, target: Locator): Promise<void> {
  await Promise.all([page.waitForEvent('load'), target.click()]);
}

/** Signs a demo user in by typing into the form; returns the path landed on. */
export async function signIn(page: Page, username: string): Promise<string> {
  await page.goto('/staff/login');
  await page.getByLabel(/^用户名/).fill(username);
  await page.getByLabel(/^密码/).fill(DEMO_PASSWORD);
  await follow(page, page.getByRole('button', { name: '登录', exact: true }));
  return new URL(page.url()).pathname;
}
