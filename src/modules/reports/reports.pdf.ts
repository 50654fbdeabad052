// The annual report as PDF: the stand-alone HTML document (reports.html.tsx) printed by Chromium
// (playwright-core driving the system's browser, Debian's `chromium`). A4 with the document's own
// @page margins, backgrounds printed, CJK glyphs from the installed fonts (Debian fonts-noto-cjk)
// embedded by Chromium. One browser per call, always closed; no JavaScript and no network: the
// document is self-contained.

export interface ReportPdfOptions {
  /** The Chromium executable, e.g. /usr/bin/chromium (config or CHROMIUM_PATH; the caller decides). */
  chromiumPath: string;
  /** Milliseconds for the browser to start and print (default 60 s). */
  timeoutMs?: number;
}

const ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-sync',
];

/** Prints a complete HTML document (renderReportHtml's output) to the bytes of an A4 PDF. */
export async function renderReportPdf(html: string, opts: ReportPdfOptions): Promise<Buffer> {
  const timeout = opts.timeoutMs ?? 60_000;
  // loaded on first use: playwright-core takes ~0.4 s to load, paid by every command and server start
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: opts.chromiumPath, args: ARGS, timeout });
  try {
    const context = await browser.newContext({ javaScriptEnabled: false, locale: 'zh-CN', offline: true });
    const page = await context.newPage();
    page.setDefaultTimeout(timeout);
    await page.route('**/*', (route) => route.abort());
    await page.setContent(html, { waitUntil: 'load' });
    await page.emulateMedia({ media: 'print' });
    return await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
  } finally {
    await browser.close();
  }
}
