// The report in Debian's Chromium (CHROMIUM_PATH, else /usr/bin/chromium): the PDF (A4, CJK
// glyphs embedded from fonts-noto-cjk, text extractable, page 1 rasterised by poppler for a person
// to look at), axe-core on the stand-alone document (zero violations), and screenshots at phone and
// desktop widths with no sideways scrolling of the page. Files go to test-results/reports/.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { AxeResults } from 'axe-core';
import { type Browser, chromium } from 'playwright-core';
import { reportCharts } from '../../src/modules/reports/reports.charts.js';
import { renderReportHtml } from '../../src/modules/reports/reports.html.js';
import { renderReportPdf } from '../../src/modules/reports/reports.pdf.js';
import { PRE2019_STATISTICS, report2019, report2021, reportPre2019 } from '../fixtures/reports/reports.fixtures.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const OUT = join(ROOT, 'test-results/reports');
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const AXE_SCRIPT = join(ROOT, 'node_modules/axe-core/axe.min.js');
const YEARS = [
  { year: 2021, received: 40, closed: 38 },
  { year: 2022, received: 52, closed: 50 },
  { year: 2023, received: 571, closed: 560 },
];

const html2021 = () => {
  const report = report2021();
  return renderReportHtml(report, { charts: reportCharts(report, YEARS), cellHref: (ref) => `/staff/reports/cells/${ref}` });
};

describe('PDF', () => {
  test('A4 PDF with the Noto CJK glyphs embedded, the tables as text, page 1 rendered by pdftoppm', async () => {
    mkdirSync(OUT, { recursive: true });
    const pdf = await renderReportPdf(html2021(), { chromiumPath: CHROMIUM });
    assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
    const file = join(OUT, 'report-2021.pdf');
    writeFileSync(file, pdf);

    assert.match(execFileSync('pdfinfo', [file], { encoding: 'utf8' }), /Page size:\s+594\.96 x 841\.92 pts \(A4\)/);
    // Chromium embeds CFF-outlined OpenType fonts (Noto CJK) as Type 3 fonts, which pdffonts lists
    // without a name; their font descriptors carry the real name.
    const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' }).trim().split('\n').slice(2);
    assert.ok(fonts.length > 0);
    for (const line of fonts) assert.match(line, /\syes\s+(yes|no)\s+yes\s/, `embedded with a Unicode map: ${line}`);
    const names = new Set([...pdf.toString('latin1').matchAll(/\/FontName \/[A-Z]{6}\+(\S+)/g)].map((m) => m[1]));
    assert.ok(
      [...names].some((n) => /^Noto(Serif|Sans)CJKsc-/.test(n ?? '')),
      `fonts: ${[...names].join(', ')}`,
    );

    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    for (const s of [
      '示范市市场监督管理局2023年政府信息公开工作年',
      '第二十条第（一）项',
      '本年收费金额（单位：万元）',
      '2.02',
      '申请人情况',
      '四、结转下年度继续办理',
      '复议后起诉',
    ])
      assert.ok(text.includes(s), s);

    execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', file, join(OUT, 'report-2021-page')]);
    const png = readFileSync(join(OUT, 'report-2021-page-1.png'));
    assert.equal(png.subarray(1, 4).toString('latin1'), 'PNG');
    assert.ok(png.length > 10_000, 'page 1 has content');
  });
});

describe('the stand-alone document in Chromium', () => {
  let browser: Browser;
  before(async () => {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless=new', '--no-sandbox', '--disable-gpu'] });
  });
  after(async () => {
    await browser?.close();
  });

  const cases = [
    { name: '2021', html: html2021 },
    { name: '2019', html: () => renderReportHtml(report2019()) },
    { name: 'pre2019', html: () => renderReportHtml(reportPre2019(), { statistics: PRE2019_STATISTICS }) },
  ];
  for (const c of cases) {
    test(`${c.name}: axe-core finds no violation; no sideways page scroll at 390 px; screenshots`, async () => {
      mkdirSync(OUT, { recursive: true });
      for (const viewport of [
        { name: 'phone', width: 390, height: 844 },
        { name: 'desktop', width: 1280, height: 900 },
      ]) {
        const context = await browser.newContext({ viewport, locale: 'zh-CN' });
        try {
          const page = await context.newPage();
          await page.setContent(c.html(), { waitUntil: 'load' });
          await page.addScriptTag({ path: AXE_SCRIPT });
          const results = (await page.evaluate('axe.run(document)')) as AxeResults;
          const found = results.violations.map(
            (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(' | ')})`,
          );
          assert.deepEqual(found, [], `${c.name} ${viewport.name}`);
          const { scrollWidth, innerWidth } = (await page.evaluate(
            '({ scrollWidth: document.scrollingElement.scrollWidth, innerWidth: window.innerWidth })',
          )) as { scrollWidth: number; innerWidth: number };
          assert.ok(scrollWidth <= innerWidth, `${c.name} ${viewport.name}: page ${scrollWidth} px wide in ${innerWidth}`);
          await page.screenshot({ path: join(OUT, `report-${c.name}-${viewport.name}.png`), fullPage: true });
        } finally {
          await context.close();
        }
      }
    });
  }
});
