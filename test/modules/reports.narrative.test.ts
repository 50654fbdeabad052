// The report's text (issue 5): the placeholder engine — sentences stating a missing figure are
// left out, numbers written as reports write them, unknown placeholders named in Chinese — and
// the drafts of the three formats, whose figures are all placeholders and whose wording follows
// the figures. Pure: no database.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { OVERVIEW_PARTS, SECTIONS } from '../../src/modules/reports/reports.codes.js';
import {
  appealFigures,
  knownFigureKeys,
  PENDING_KEYS,
  pendingFigures,
  proactiveFigures,
  requestFigures,
} from '../../src/modules/reports/reports.figures.js';
import {
  draftSections,
  INTRO_KEY,
  PRE2019_SECTIONS,
  selfName,
  unfilledPrompts,
} from '../../src/modules/reports/reports.narrative.js';
import {
  formatFigure,
  placeholdersIn,
  resolveSections,
  resolveText,
  validateSections,
} from '../../src/modules/reports/reports.placeholders.js';
import type { ReportFigures, ReportOrgan } from '../../src/modules/reports/reports.types.js';

const organ: ReportOrgan = { code: 'gxt', name: '广西壮族自治区测试厅', kind: 'department' };
const government: ReportOrgan = { code: 'nn', name: '南宁市人民政府', kind: 'government' };

/** Figures with distinctive values, so that a literal figure in a draft would show. */
const figures = (over: ReportFigures = {}): ReportFigures => ({
  'proactive.total': 7101,
  'proactive.normative_documents': 7102,
  'proactive.channel.website': 7103,
  'proactive.channel.wechat': 7104,
  'proactive.channel.weibo': 0,
  'proactive.channel.media': 7105,
  'proactive.channel.gazette': 0,
  'proactive.channel.yearbook': 0,
  'proactive.website.documents': 7106,
  'proactive.website.notices': 7107,
  'proactive.column.news': 7108,
  'proactive.column.videos': 7109,
  'proactive.interpretations': 7110,
  'proactive.press_conferences': 7111,
  'proactive.venue_deliveries': 7112,
  'proactive.interviews': null,
  'requests.received': 7113,
  'requests.channel.online': 7113,
  'requests.closed': 7113,
  'requests.on_time': 7113,
  'requests.extended': 0,
  'requests.overdue': 0,
  'requests.non_disclosure_filings': 0,
  'requests.fees_yuan': 0,
  'requests.fees_wan_yuan': 0,
  'appeals.reconsideration': 7114,
  'appeals.reconsideration_share': 71.5,
  'appeals.litigation': 7116,
  ...Object.fromEntries(PENDING_KEYS.map((k) => [k, null])),
  ...over,
});

const textOf = (s: Array<{ text: string }>) => s.map((x) => x.text).join('\n');
const stub = {} as never;
const KNOWN = knownFigureKeys([
  proactiveFigures({ publications: stub, channels: stub, registers: stub }),
  requestFigures({ requests: stub, caseLetters: stub }),
  appealFigures({ appeals: stub }),
  pendingFigures(),
]);

describe('placeholders: resolution', () => {
  it('replaces placeholders and leaves out every sentence stating a missing figure', () => {
    const text = '本年共受理申请{{a}}件。在线访谈{{b}}期。留言{{c}}条！其余照常。';
    assert.equal(resolveText(text, { a: 31, b: null }), '本年共受理申请31件。其余照常。');
    // never a blank or a zero in place of the missing figure
    assert.doesNotMatch(resolveText(text, { a: 31, b: null }), /访谈|留言|0期|期。$/);
  });

  it('splits at 。；！？ and line ends; a dangling semicolon takes the end mark of what went', () => {
    assert.equal(resolveText('案件有{{x}}件；占比为{{y}}%。下一句。', { x: 14, y: null }), '案件有14件。下一句。');
    assert.equal(resolveText('案件有{{x}}件；占比为{{y}}%。', { x: 14, y: 16.5 }), '案件有14件；占比为16.5%。');
    assert.equal(resolveText('第一行{{x}}条\n第二行{{y}}条\n第三行', { x: 1, y: null }), '第一行1条\n第三行');
    assert.equal(resolveText('问句{{y}}？答句。', { y: null }), '答句。');
  });

  it('drops a paragraph left empty, and a sub-heading whose every sentence went', () => {
    const text = [
      '（一）推进权责清单公开。调整事项{{p}}项。',
      '（二）主动做好政策解读。发布解读{{i}}篇。',
      '（三）无数字的段落。照常保留。',
      '{{m}}条留言。',
    ].join('\n\n');
    assert.equal(
      resolveText(text, { p: null, i: 6, m: null }),
      '（一）主动做好政策解读。发布解读6篇。\n\n（二）无数字的段落。照常保留。',
    );
    // numbering staff wrote out of order is left as it is
    assert.equal(resolveText('（二）甲。{{a}}件。\n\n（五）乙。{{b}}件。', { a: null, b: 2 }), '（五）乙。2件。');
  });

  it('resolves sections and keeps their keys and headings', () => {
    const out = resolveSections([{ key: 'other', heading: '六、其他需要报告的事项', text: '收取{{requests.fees_yuan}}元。' }], {
      'requests.fees_yuan': 1200,
    });
    assert.deepEqual(out, [{ key: 'other', heading: '六、其他需要报告的事项', text: '收取1200元。' }]);
    assert.deepEqual(placeholdersIn('{{a.b}}与{{ c }}与{{a.b}}'), ['a.b', 'c']);
  });
});

describe('placeholders: numbers as reports write them', () => {
  it('integers plain, percentages with one decimal, amounts with up to two decimals', () => {
    assert.equal(formatFigure('requests.received', 31), '31');
    assert.equal(formatFigure('proactive.total', 12345), '12345');
    assert.equal(formatFigure('appeals.reconsideration_share', 16.47), '16.5');
    assert.equal(formatFigure('appeals.reconsideration_share', 20), '20.0');
    assert.equal(formatFigure('requests.fees_wan_yuan', 2.02), '2.02');
    assert.equal(formatFigure('requests.fees_wan_yuan', 1.5), '1.5');
    assert.equal(formatFigure('requests.fees_wan_yuan', 3), '3');
    assert.equal(formatFigure('requests.fees_yuan', 12.345), '12.35');
    assert.equal(
      resolveText('占比为{{appeals.reconsideration_share}}%。', { 'appeals.reconsideration_share': 16.5 }),
      '占比为16.5%。',
    );
  });
});

describe('placeholders: validation for the staff editor', () => {
  const section = (text: string) => [{ key: 'overview', heading: '一、总体情况', text }];

  it('accepts known placeholders', () => {
    assert.deepEqual(validateSections(section('共{{requests.received}}件，{{requests.closed}}件。'), KNOWN), []);
  });

  it('names an unknown placeholder, with the name probably meant', () => {
    const [msg, ...rest] = validateSections(section('共{{requests.recieved}}件。'), KNOWN);
    assert.equal(rest.length, 0);
    assert.equal(
      msg,
      '“一、总体情况”中的占位符“{{requests.recieved}}”不是本报告已知的数据名称，是否应为“{{requests.received}}”？请改正后再保存。',
    );
    const [far] = validateSections(section('{{完全不对}}'), KNOWN);
    assert.match(far as string, /格式不正确/);
    const [unknown] = validateSections(section('{{zzz.qqq}}'), KNOWN);
    assert.equal(unknown, '“一、总体情况”中的占位符“{{zzz.qqq}}”不是本报告已知的数据名称？请改正后再保存。');
  });

  it('names malformed and unclosed placeholders, and the opening by its place', () => {
    const errors = validateSections(
      [{ key: INTRO_KEY, heading: '', text: '共{{ requests received }}件，{{requests.closed件。' }],
      KNOWN,
    );
    assert.equal(errors.length, 2);
    assert.match(errors[0] as string, /^“开头部分”|^开头部分/);
    assert.match(errors[0] as string, /格式不正确/);
    assert.match(errors[1] as string, /未配对的“\{\{”/);
  });
});

describe('drafts: 2021 and 2019 formats', () => {
  it('has the six sections, the five sub-headings of 一 and the usual opening sentence', () => {
    for (const format of ['2021', '2019'] as const) {
      const s = draftSections(format, { organ, year: 2024, figures: figures() });
      assert.deepEqual(
        s.map((x) => [x.key, x.heading]),
        SECTIONS.map(([k, h]) => [k, h]),
      );
      const overview = s[0]?.text ?? '';
      const at = OVERVIEW_PARTS.map(([, h]) => overview.split('\n\n').indexOf(h));
      assert.ok(
        at.every((i, k) => i > 0 && (k === 0 || i > (at[k - 1] as number))),
        `sub-headings in order: ${at}`,
      );
      assert.match(overview, /本报告所列数据的统计期限为2024年1月1日至2024年12月31日。/);
      assert.equal(overview.includes('（试行）'), format === '2019');
    }
  });

  it('writes every figure as a placeholder, and only known ones', () => {
    for (const format of ['2021', '2019', 'pre2019'] as const) {
      const s = draftSections(format, { organ, year: 2024, figures: figures() });
      assert.doesNotMatch(textOf(s), /71\d\d|71\.5/, format);
      assert.deepEqual(validateSections(s, KNOWN), [], format);
    }
  });

  it('says "均已按时答复" only when every request closed was answered on time', () => {
    const all = resolveSections(draftSections('2021', { organ, year: 2024, figures: figures() }), figures());
    assert.match(textOf(all), /共受理政府信息公开申请7113件，已全部按时予以答复。/);
    const f = figures({ 'requests.closed': 40, 'requests.on_time': 38, 'requests.extended': 2, 'requests.overdue': 1 });
    const some = resolveSections(draftSections('2021', { organ, year: 2024, figures: f }), f);
    assert.doesNotMatch(textOf(some), /按时予以答复|均已按时答复/);
    assert.match(textOf(some), /办结40件。办结的申请中，按时答复38件，延期答复2件。逾期未答复或逾期答复1件。/);
    const none = figures({ 'requests.received': 0, 'requests.channel.online': 0, 'requests.closed': 0, 'requests.on_time': 0 });
    assert.match(
      textOf(resolveSections(draftSections('2021', { organ, year: 2024, figures: none }), none)),
      /未收到政府信息公开申请。/,
    );
  });

  it('an edit keeps the figures live: the same text gives the new figure', () => {
    const [overview] = draftSections('2021', { organ, year: 2024, figures: figures() });
    const edited = { ...(overview as { key: string; heading: string; text: string }) };
    edited.text = edited.text.replace('主动公开政府信息{{proactive.total}}条', '全年主动公开各类政府信息{{proactive.total}}条');
    const [out] = resolveSections([edited], figures({ 'proactive.total': 9 }));
    assert.match(out?.text ?? '', /全年主动公开各类政府信息9条/);
  });

  it('六 states the 信息处理费 collected, or that none was collected; 五 is a prompt to edit', () => {
    const none = draftSections('2021', { organ, year: 2024, figures: figures() });
    assert.equal(none[5]?.text, '2024年，本机关未收取信息处理费。');
    const f = figures({ 'requests.fees_yuan': 1250.5 });
    const paid = draftSections('2021', { organ, year: 2024, figures: f });
    assert.match(paid[5]?.text ?? '', /\{\{requests\.fees_yuan\}\}元/);
    assert.match(resolveSections(paid, f)[5]?.text ?? '', /收取信息处理费1250\.5元。/);
    assert.deepEqual(unfilledPrompts(none), ['一、总体情况', '五、存在的主要问题及改进情况']);
    const gov = draftSections('2021', { organ: government, year: 2024, figures: figures() });
    assert.match(gov[5]?.text ?? '', /工作考核、社会评议和责任追究结果/);
  });

  it('omits the interview sentence until a register holds interviews, then states it', () => {
    const out = textOf(resolveSections(draftSections('2021', { organ, year: 2024, figures: figures() }), figures()));
    assert.doesNotMatch(out, /在线访谈/);
    const later = figures({ 'proactive.interviews': 4 });
    const s = draftSections('2021', { organ, year: 2024, figures: later });
    assert.match(textOf(resolveSections(s, later)), /开展政府网站在线访谈4期。/);
  });
});

describe('drafts: pre-2019 narrative', () => {
  it('mirrors the seed: an opening and seven sections', () => {
    const s = draftSections('pre2019', { organ, year: 2017, figures: figures() });
    assert.equal(s[0]?.key, INTRO_KEY);
    assert.deepEqual(
      s.slice(1).map((x) => x.heading),
      PRE2019_SECTIONS.map(([, h]) => h),
    );
    assert.match(s[0]?.text ?? '', /^2017年，我厅认真贯彻落实《中华人民共和国政府信息公开条例》/);
  });

  it('states the figures of the 2014 form and omits the registers not built', () => {
    const f = figures({ 'requests.fees_yuan': 15000, 'requests.fees_wan_yuan': 1.5, 'requests.non_disclosure_filings': 2 });
    const out = resolveSections(draftSections('pre2019', { organ, year: 2017, figures: f }), f);
    const all = textOf(out);
    assert.match(all, /共主动公开政府信息7101条，其中规范性文件7102件。/);
    assert.match(all, /通过门户网站公开信息7103条；通过微信公众号公开信息7104条；在主要媒体上发稿7105篇。/);
    assert.match(all, /不予公开政府信息并备案2件。/);
    assert.match(all, /依申请公开政府信息收取费用1\.5万元。/);
    assert.match(all, /信息公开类案件有7114件；占比为71\.5%。/);
    for (const words of ['权责清单', '随机抽查', '决定书', '人大建议', '留言', '在线访谈', '舆情'])
      assert.ok(!all.includes(words), words);
  });

  it('names the organ as it names itself', () => {
    assert.equal(selfName('广西壮族自治区住房和城乡建设厅'), '我厅');
    assert.equal(selfName('南宁市自然资源局'), '我局');
    assert.equal(selfName('南宁市人民政府'), '本机关');
  });
});
