// The report's body inside a page that already has the report's title as its h1 (the back-office
// report page, the published catalogue item): no second h1, the article still named; and the
// pre-2019 report's untitled opening paragraph without an empty heading.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { renderToString } from 'preact-render-to-string';
import { ReportBody, renderReportHtml } from '../../src/modules/reports/reports.html.js';
import { report2021, reportPre2019 } from '../fixtures/reports/reports.fixtures.js';

const TITLE = /<h1\b/;

describe('the report body embedded in a page', () => {
  test('embedded: no h1, the article labelled with the title; sections stay h2', () => {
    const report = report2021();
    const html = renderToString(<ReportBody report={report} opts={{ embedded: true }} />);
    assert.doesNotMatch(html, TITLE);
    assert.match(html, /<article class="annual-report" id="report" aria-label="[^"]*2023年政府信息公开工作年度报告"/);
    assert.match(html, /<h2 id="report-s1">一、总体情况<\/h2>/);
    // the stand-alone document keeps its title
    assert.match(renderReportHtml(report), /<h1 id="report-title">[^<]*2023年政府信息公开工作年度报告<\/h1>/);
  });

  test('an untitled opening section has no heading (no empty h2)', () => {
    const report = reportPre2019();
    report.sections = [{ key: 'preamble', heading: '', text: '2017年，本局认真贯彻落实《条例》。' }, ...(report.sections ?? [])];
    const html = renderReportHtml(report);
    assert.doesNotMatch(html, /<h2[^>]*><\/h2>/);
    assert.match(html, /<section data-section="preamble"><p>2017年，本局认真贯彻落实《条例》。<\/p><\/section>/);
    assert.match(html, /<section aria-labelledby="report-s2" data-section="overview"><h2 id="report-s2">一、概述<\/h2>/);
  });
});
