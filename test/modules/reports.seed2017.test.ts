// The seed reproduced (issue 5): the demo organ's 2017 records, read by the report's contributors
// and written out by the pre-2019 draft, state every seed figure whose records exist — computed
// from the records, never typed into a template — and say nothing of the registers not built yet.
// Both databases.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DEMO_ORGAN_CODE, seedDemo } from '../../src/modules/demo/demo.seed.js';
import { collectFigures, PENDING_KEYS, reportContributors } from '../../src/modules/reports/reports.figures.js';
import { draftSections, PRE2019_SECTIONS } from '../../src/modules/reports/reports.narrative.js';
import { placeholdersIn, resolveSections } from '../../src/modules/reports/reports.placeholders.js';
import type { ReportFigures, ReportSection } from '../../src/modules/reports/reports.types.js';
import { buildTestApp, type TestApp } from '../support/app.js';

describe('the seed’s 2017 report, reproduced from the demo’s records', () => {
  let t: TestApp;
  let figures: ReportFigures;
  let drafts: ReportSection[];
  let sections: ReportSection[];
  let text: string;
  const section = (key: string) => sections.find((s) => s.key === key)?.text ?? '';

  before(async () => {
    t = await buildTestApp({ now: '2026-03-02T02:00:00.000Z' });
    await seedDemo(t.services);
    const organ = await t.services.organs.byCode(DEMO_ORGAN_CODE);
    assert.ok(organ);
    figures = await collectFigures(reportContributors(t.services), { organId: organ.id, year: 2017, format: 'pre2019' });
    drafts = draftSections('pre2019', {
      organ: { code: organ.code, name: organ.name, kind: organ.kind },
      year: 2017,
      figures,
    });
    sections = resolveSections(drafts, figures);
    text = sections.map((s) => `${s.heading}\n${s.text}`).join('\n');
  });
  after(() => t?.close());

  it('drafts the seed’s seven sections, with placeholders and no literal figure', () => {
    assert.deepEqual(
      drafts.slice(1).map((s) => s.heading),
      PRE2019_SECTIONS.map(([, h]) => h),
    );
    const draftText = drafts.map((s) => s.text).join('\n');
    for (const n of ['482', '328', '347', '226', '810', '440', '612', '58', '31', '14', '16.5', '85']) {
      assert.ok(!new RegExp(`(?<![0-9年月])${n.replace('.', '\\.')}(?![0-9年月日])`).test(draftText), `literal ${n} in a draft`);
    }
    assert.ok(placeholdersIn(draftText).includes('requests.received'));
  });

  it('states the website updates per column: 482 文件通知, 328 公示公告, 347 本厅动态, 226 视频', () => {
    assert.deepEqual(
      [
        figures['proactive.website.documents'],
        figures['proactive.website.notices'],
        figures['proactive.column.news'],
        figures['proactive.column.videos'],
      ],
      [482, 328, 347, 226],
    );
    assert.match(section('proactive'), /门户网站的文件通知482条、公示公告328条、本厅动态347条、视频信息226条。/);
    assert.equal(figures['proactive.total'], 482 + 328 + 347 + 226 + 33);
  });

  it('states the channels: 810 on the website, 440 on WeChat, 600+ in the media', () => {
    assert.equal(figures['proactive.channel.website'], 810);
    assert.equal(figures['proactive.channel.wechat'], 440);
    assert.ok((figures['proactive.channel.media'] as number) > 600);
    assert.match(
      section('proactive'),
      new RegExp(
        `通过门户网站公开信息810条；通过微信公众号公开信息440条；在主要媒体上发稿${figures['proactive.channel.media']}篇。`,
      ),
    );
    // channels that carried nothing are not listed
    assert.doesNotMatch(text, /政务微博|政府公报公开信息|年鉴公开信息/);
  });

  it('states 6 interpretations, 58 venue deliveries and the 2 press conferences', () => {
    assert.equal(figures['proactive.interpretations'], 6);
    assert.match(section('key_areas'), /发布政策解读稿件6篇。/);
    assert.match(section('proactive'), /提供主动公开文件共58件。/);
    assert.equal(figures['proactive.press_conferences'], 2);
    assert.match(section('proactive'), /举办或参加新闻发布会2次。/);
  });

  it('states 31 requests, all answered on time, no non-disclosure filing, free of charge', () => {
    assert.deepEqual(
      [figures['requests.received'], figures['requests.closed'], figures['requests.on_time'], figures['requests.overdue']],
      [31, 31, 31, 0],
    );
    assert.match(section('requests'), /2017年，我厅共受理政府信息公开申请31件，已全部按时予以答复。/);
    assert.equal(figures['requests.non_disclosure_filings'], 0);
    assert.match(section('requests'), /我厅2017年无不予公开政府信息的情况，暂无相关备案。/);
    assert.equal(figures['requests.fees_yuan'], 0);
    assert.match(section('fees'), /政府信息全面实行免费公开，未涉及收费或者费用减免的情况。/);
    // the channels of the 31 add up to them
    const byChannel = Object.entries(figures)
      .filter(([k]) => k.startsWith('requests.channel.'))
      .reduce((a, [, v]) => a + (v as number), 0);
    assert.equal(byChannel, 31);
  });

  it('states 14 reconsideration cases (16.5%) and 5 lawsuits', () => {
    assert.deepEqual(
      [figures['appeals.reconsideration'], figures['appeals.reconsideration_share'], figures['appeals.litigation']],
      [14, 16.5, 5],
    );
    assert.match(section('appeals'), /信息公开类案件有14件；占比为16\.5%。/);
    assert.match(section('appeals'), /我厅作为被告的行政诉讼案件中，信息公开类案件有5件。/);
  });

  it('says nothing of interviews, proposals, messages, power lists, inspections or enforcement', () => {
    assert.equal(figures['proactive.interviews'], null);
    for (const k of PENDING_KEYS) assert.equal(figures[k], null, k);
    for (const words of ['在线访谈', '人大建议', '政协提案', '留言', '权责清单', '随机抽查', '决定书', '舆情']) {
      assert.ok(!text.includes(words), `a sentence about ${words}: ${text}`);
    }
    assert.doesNotMatch(text, /\{\{|\}\}/);
    // the sub-headings left in 二 are numbered again from （一）
    assert.match(section('key_areas'), /^（一）主动做好政策解读，回应社会关切。/);
  });
});
