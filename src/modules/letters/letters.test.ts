import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { inflateRawSync } from 'node:zlib';
import mammoth from 'mammoth';
import { computeFee } from './fees.js';
import { renderLetterDocx } from './letters.docx.js';
import { renderLetterHtml } from './letters.html.js';
import { OUTCOME_CODES, type OutcomeCode } from './letters.outcomes.js';
import {
  article,
  buildLetter,
  chineseDate,
  chineseNumber,
  type LetterFacts,
  LetterFactsError,
  type LetterKind,
  letterText,
  NOTICE_KINDS,
  replyLetter,
  TEMPLATE_FOR_OUTCOME,
  TEMPLATES,
} from './letters.templates.js';

/** Facts complete enough for every template. */
function facts(over: Partial<LetterFacts> = {}): LetterFacts {
  return {
    organName: '示范市生态环境局',
    letterDate: '2026-11-25',
    letterNumber: '示环公开复〔2026〕12号',
    reference: 'GK-2026-000123',
    applicant: { name: '张三', type: 'natural_person' },
    receivedOn: '2026-10-28',
    informationSought: '2025年度示范河水质监测报告',
    legalGround: '该信息系依法确定的国家秘密',
    released: ['2025年度示范河水质监测报告（正文）'],
    withheld: [{ part: '监测点位坐标', reason: '属于依法确定为国家秘密的政府信息，依据第十四条不予公开' }],
    delivery: { method: 'email', address: 'zhangsan@example.cn' },
    previous: { reference: 'GK-2026-000099', repliedOn: '2026-09-30' },
    whereToObtain: '示范市图书馆地方文献阅览室',
    reasonsRequestedOn: '2026-11-02',
    correction: {
      requestedOn: '2026-10-30',
      items: ['所需信息的名称或者文号', '所需信息的大致形成时间'],
      deadline: '2026-11-13',
      receivedOn: '2026-11-05',
    },
    extension: { workingDays: 20, reason: '申请内容涉及档案检索量大', newDueOn: '2026-12-23' },
    consultation: { thirdParty: '示范化工有限公司', concerns: '该公司的排污工艺参数（商业秘密）' },
    fee: {
      result: computeFee({ method: 'per_page', on: '2026-11-20', pages: 120 }),
      howToPay: '示范市非税收入统一缴款平台（缴款码另附）',
      noticeOn: '2026-11-03',
    },
    remedy: { reconsideration: ['示范市人民政府'], court: '示范市铁路运输法院' },
    contact: { person: '李四', phone: '0000-12345678', address: '示范市人民路1号' },
    ...over,
  };
}

const ALL_KINDS = Object.keys(TEMPLATES) as LetterKind[];

describe('letters: the outcome → template mapping is total', () => {
  it('every outcome code from granted to other.other has exactly one template', () => {
    assert.equal(OUTCOME_CODES.length, 21);
    assert.equal(OUTCOME_CODES[0], 'granted');
    assert.equal(OUTCOME_CODES.at(-1), 'other.other');
    assert.deepEqual(Object.keys(TEMPLATE_FOR_OUTCOME).sort(), [...OUTCOME_CODES].sort());
    for (const code of OUTCOME_CODES) {
      const kind = TEMPLATE_FOR_OUTCOME[code];
      assert.ok(TEMPLATES[kind], `${code} has a template`);
      assert.equal(TEMPLATES[kind].kind, kind);
    }
    // templates are the outcome codes plus the four notices, nothing else
    assert.deepEqual(ALL_KINDS.sort(), [...OUTCOME_CODES, ...NOTICE_KINDS].sort());
  });
});

describe('letters: formatting helpers', () => {
  it('writes dates and article numbers as Chinese government bodies do', () => {
    assert.equal(chineseDate('2026-11-25'), '2026年11月25日');
    assert.equal(chineseDate('2026-01-05'), '2026年1月5日');
    assert.deepEqual([1, 10, 14, 20, 36, 42, 99].map(chineseNumber), ['一', '十', '十四', '二十', '三十六', '四十二', '九十九']);
    assert.equal(article(36, { item: 1 }), '第三十六条第（一）项');
    assert.equal(article(16, { para: 2 }), '第十六条第二款');
    assert.equal(article(29, { para: 2, item: 2 }), '第二十九条第二款第（二）项');
    assert.throws(() => chineseDate('25/11/2026'), LetterFactsError);
  });
});

describe('letters: every template renders', () => {
  for (const kind of ALL_KINDS) {
    it(kind, () => {
      const t = TEMPLATES[kind];
      const l = buildLetter(kind, facts());
      const text = letterText(l);
      assert.equal(l.title, t.title);
      assert.ok(text.includes('GK-2026-000123'), 'reference');
      assert.ok(text.includes('示环公开复〔2026〕12号'), 'letter number');
      assert.ok(text.includes('示范市生态环境局'), 'organ');
      assert.ok(text.includes('2026年11月25日'), 'date');
      if (t.toThirdParty) {
        assert.equal(l.addressee, '示范化工有限公司：');
        assert.ok(!text.includes('张三'), 'the applicant is not named to the third party');
        assert.ok(!text.includes('zhangsan@'), 'nor their e-mail');
      } else {
        assert.equal(l.addressee, '张三：');
      }
      for (const c of l.citations) assert.ok(text.includes(c), `cites ${c}`);
      if ((OUTCOME_CODES as readonly string[]).includes(kind) && kind !== 'other.other') {
        assert.ok(l.citations.length > 0, 'a reply cites its article');
        assert.ok(text.includes('根据《中华人民共和国政府信息公开条例》第'), 'names the Regulation');
      }
      if (t.remedy) {
        assert.ok(l.remedy, 'remedy notice');
        assert.match(
          l.remedy!,
          /^您如对本(答复书|告知书|通知书)不服，可以自收到本\1之日起60日内向示范市人民政府申请行政复议，或者自收到本\1之日起6个月内向示范市铁路运输法院提起行政诉讼。$/,
        );
        assert.ok(text.includes(l.remedy!));
      } else {
        assert.equal(l.remedy, undefined);
        assert.ok(!text.includes('行政复议'));
      }
      assert.ok(!/undefined|null|NaN|\[object/.test(text), text);
    });
  }

  it('a reply decides every outcome (replyLetter)', () => {
    for (const outcome of OUTCOME_CODES) {
      const l = replyLetter(facts({ outcome, legalGround: '申请人已撤回申请' }));
      assert.equal(l.kind, outcome);
      assert.ok(l.remedy);
    }
  });
});

describe('letters: the wording of each situation', () => {
  const text = (kind: LetterKind, over: Partial<LetterFacts> = {}) => letterText(buildLetter(kind, facts(over)));

  it('granted: Art 36(二) provided, or Art 36(一) already published', () => {
    const provided = text('granted');
    assert.ok(provided.includes('根据《中华人民共和国政府信息公开条例》第三十六条第（二）项的规定，本机关予以公开'));
    assert.ok(provided.includes('已通过电子邮件发送至您提供的电子邮箱（zhangsan@example.cn）'));
    const published = text('granted', { publishedAt: '本局门户网站“法定主动公开内容—环境质量”栏目' });
    assert.ok(published.includes('已经主动公开。根据《中华人民共和国政府信息公开条例》第三十六条第（一）项的规定'));
  });

  it('partial: Art 37 with released and withheld parts and reasons', () => {
    const t = text('partial');
    assert.ok(t.includes('第三十七条'));
    assert.ok(t.includes('1. 2025年度示范河水质监测报告（正文）'));
    assert.ok(t.includes('1. 监测点位坐标：属于依法确定为国家秘密的政府信息'));
  });

  it('refusals cite the withholding article and Art 36(三)', () => {
    const expect: Partial<Record<OutcomeCode, string>> = {
      'withheld.state_secret': '第十四条、第三十六条第（三）项',
      'withheld.law_prohibits': '第十四条、第三十六条第（三）项',
      'withheld.three_safeties': '第十四条、第三十六条第（三）项',
      'withheld.third_party': '第十五条、第三十二条、第三十六条第（三）项',
      'withheld.internal_affairs': '第十六条第一款、第三十六条第（三）项',
      'withheld.process_info': '第十六条第二款、第三十六条第（三）项',
      'withheld.enforcement_file': '第十六条第二款、第三十六条第（三）项',
    };
    for (const [kind, cite] of Object.entries(expect)) {
      const t = text(kind as LetterKind, {
        legalGround: '理由甲。',
        ...(kind === 'withheld.third_party' ? {} : { consultation: undefined }),
      });
      assert.ok(t.includes(`理由甲。根据《中华人民共和国政府信息公开条例》${cite}的规定，本机关决定不予公开。`), kind);
    }
  });

  it('third party: Art 32 is cited only after a written consultation', () => {
    const t = text('withheld.third_party', { consultation: undefined });
    assert.ok(t.includes('根据《中华人民共和国政府信息公开条例》第十五条、第三十六条第（三）项的规定'));
    assert.ok(!t.includes('第三十二条'));
    assert.ok(text('withheld.third_party').includes('本机关已依法书面征求第三方意见。'));
  });

  it('not held: Art 36(四), or Art 36(五) naming the responsible organ', () => {
    assert.ok(text('unable.not_held', { legalGround: undefined }).includes('第三十六条第（四）项的规定，告知您该政府信息不存在'));
    const t = text('unable.not_held', {
      notResponsible: { reason: '该信息由市水务局制作', organ: { name: '示范市水务局', contact: '0000-87654321' } },
    });
    assert.ok(t.includes('第三十六条第（五）项'));
    assert.ok(t.includes('负责公开该政府信息的行政机关为示范市水务局（联系方式：0000-87654321）'));
  });

  it('organisations are addressed as 你单位', () => {
    const t = text('unable.needs_creation', { applicant: { name: '示范律师事务所', type: 'legal_services' } });
    assert.ok(t.startsWith('政府信息公开申请答复书'));
    assert.ok(t.includes('收到你单位提出的政府信息公开申请'));
    assert.ok(t.includes('你单位如对本答复书不服'));
    assert.ok(t.includes('第三十八条'));
  });

  it('correction, extension and fee notices carry their facts', () => {
    const c = text('correction');
    assert.ok(c.includes('请您于2026年11月13日前就以下事项作出补正'));
    assert.ok(c.includes('答复期限自本机关收到补正的申请之日起计算'));
    const e = text('extension');
    assert.ok(e.includes('经本机关政府信息公开工作机构负责人同意'));
    assert.ok(e.includes('第三十三条第二款'));
    assert.ok(e.includes('答复期限延长20个工作日，本机关将于2026年12月23日前作出答复'));
    const f = text('fee_notice');
    assert.ok(f.includes('按量计收'));
    assert.ok(f.includes('第31—100页：10元/页 × 70页 = 700元'));
    assert.ok(f.includes('合计应缴纳信息处理费人民币1100元'));
    assert.ok(f.includes('20个工作日内'));
    assert.ok(f.includes('第四十二条和《政府信息公开信息处理费管理办法》第三条、第五条'));
  });
});

describe('letters: bad facts', () => {
  it('says in Chinese what is missing', () => {
    assert.throws(() => buildLetter('withheld.state_secret', facts({ legalGround: ' ' })), /缺少：不予公开的理由/);
    assert.throws(() => buildLetter('partial', facts({ withheld: [] })), /缺少：不予公开的部分及理由/);
    assert.throws(() => buildLetter('granted', facts({ remedy: undefined })), /缺少：救济途径/);
    assert.throws(() => buildLetter('granted', facts({ remedy: { reconsideration: [], court: 'x' } })), /行政复议机关/);
    assert.throws(
      () => buildLetter('extension', facts({ extension: { workingDays: 21, reason: 'x', newDueOn: '2026-12-31' } })),
      /20个工作日/,
    );
    assert.throws(
      () =>
        buildLetter(
          'fee_notice',
          facts({ fee: { result: computeFee({ method: 'per_page', on: '2026-11-20', pages: 10 }), howToPay: 'x' } }),
        ),
      /应收金额为零/,
    );
    assert.throws(() => replyLetter(facts({ outcome: undefined })), LetterFactsError);
  });

  it('refuses letters dated before the 2019 Regulation was in force', () => {
    assert.throws(() => buildLetter('granted', facts({ letterDate: '2019-05-14' })), /2008年/);
    assert.equal(buildLetter('granted', facts({ letterDate: '2019-05-15' })).date, '2019年5月15日');
  });

  it('lists several reconsideration organs with 或者', () => {
    const l = buildLetter(
      'granted',
      facts({ remedy: { reconsideration: ['示范市人民政府', '示范省生态环境厅'], court: '示范市中级人民法院' } }),
    );
    assert.ok(l.remedy!.includes('向示范市人民政府或者示范省生态环境厅申请行政复议'));
  });
});

const HOSTILE = facts({
  applicant: { name: '<script>alert("x")</script>王五', type: 'natural_person' },
  informationSought: '</p><img src=x onerror=alert(1)>&amp;',
});

describe('letters: HTML', () => {
  it('has a print stylesheet served under /static/', () => {
    const css = readFileSync(new URL('../../ui/static/letters.css', import.meta.url), 'utf8');
    assert.match(css, /@media print/);
    assert.match(css, /@page\s*{[^}]*A4/);
    assert.match(css, /\.letter-title/);
  });

  it('is a complete, accessible page with the print stylesheet', () => {
    const html = renderLetterHtml(buildLetter('granted', facts()));
    assert.ok(html.startsWith('<!doctype html><html lang="zh-CN">'));
    assert.ok(html.includes('<link rel="stylesheet" href="/static/letters.css"/>'));
    assert.match(html, /<article class="letter" id="letter" aria-labelledby="letter-title" lang="zh-CN">/);
    assert.match(html, /<h1 id="letter-title" class="letter-title">政府信息公开申请答复书<\/h1>/);
    assert.ok(html.includes('class="letter-p letter-remedy"'));
    assert.ok(!html.includes('style='), 'no inline styles (CSP)');
  });

  it('escapes every text', () => {
    for (const kind of ALL_KINDS) {
      const html = renderLetterHtml(buildLetter(kind, HOSTILE));
      assert.ok(!html.includes('<script'), kind);
      assert.ok(!html.includes('<img'), kind);
      if (!TEMPLATES[kind].toThirdParty)
        assert.ok(
          html.includes('&lt;script>alert(&quot;x&quot;)&lt;/script>王五') ||
            html.includes('&lt;script>alert("x")&lt;/script>王五'),
          kind,
        );
      assert.ok(html.includes('“&lt;/p>&lt;img src=x onerror=alert(1)>&amp;amp;”'), kind);
    }
  });
});

/** The files of a .docx (a zip), read with node:zlib only. */
function unzip(buf: Buffer): Map<string, string> {
  const files = new Map<string, string>();
  let eocd = buf.length - 22;
  while (eocd >= 0 && buf.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  assert.ok(eocd >= 0, 'a zip file');
  const count = buf.readUInt16LE(eocd + 10);
  let at = buf.readUInt32LE(eocd + 16);
  for (let i = 0; i < count; i++) {
    assert.equal(buf.readUInt32LE(at), 0x02014b50);
    const method = buf.readUInt16LE(at + 10);
    const size = buf.readUInt32LE(at + 20);
    const nameLen = buf.readUInt16LE(at + 28);
    const extraLen = buf.readUInt16LE(at + 30);
    const commentLen = buf.readUInt16LE(at + 32);
    const local = buf.readUInt32LE(at + 42);
    const name = buf.toString('utf8', at + 46, at + 46 + nameLen);
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const data = buf.subarray(start, start + size);
    files.set(name, (method === 8 ? inflateRawSync(data) : data).toString('utf8'));
    at += 46 + nameLen + extraLen + commentLen;
  }
  return files;
}

describe('letters: .docx', () => {
  it('is a Word document with the fonts, a centred title and the whole text', async () => {
    const letter = buildLetter('partial', facts());
    const buf = await renderLetterDocx(letter);
    assert.equal(buf.subarray(0, 2).toString(), 'PK');
    const files = unzip(buf);
    assert.ok(files.has('[Content_Types].xml'));
    const xml = files.get('word/document.xml') ?? '';
    assert.ok(xml.includes('w:eastAsia="仿宋"'));
    assert.ok(xml.includes('w:eastAsia="宋体"'));
    assert.ok(xml.includes('<w:jc w:val="center"/>'));
    assert.ok(xml.includes('<w:jc w:val="right"/>'));
    assert.ok(xml.includes('<w:sz w:val="44"/>'), 'title 二号 22 pt');
    assert.ok(xml.includes('<w:sz w:val="32"/>'), 'body 三号 16 pt');
    assert.ok(xml.includes('<w:ind w:firstLine="640"/>'), 'two-character indent');
    assert.ok(xml.includes('政府信息公开申请答复书'));
    assert.ok(xml.includes('张三：'));
  });

  it('opens in mammoth with every paragraph of every template', async () => {
    for (const kind of ALL_KINDS) {
      const letter = buildLetter(kind, facts());
      const { value } = await mammoth.extractRawText({ buffer: await renderLetterDocx(letter) });
      assert.ok(value.includes(letter.title), kind);
      assert.ok(value.includes(letter.addressee), kind);
      for (const b of letter.body) {
        if (b.kind === 'p') assert.ok(value.includes(b.text), `${kind}: ${b.text}`);
        else for (const item of b.items) assert.ok(value.includes(item), `${kind}: ${item}`);
      }
      assert.ok(value.includes(letter.signature) && value.includes(letter.date), kind);
    }
  });

  it('keeps hostile text as text', async () => {
    const buf = await renderLetterDocx(buildLetter('granted', HOSTILE));
    const xml = unzip(buf).get('word/document.xml') ?? '';
    assert.ok(xml.includes('&lt;script&gt;alert('));
    assert.ok(!xml.includes('<script'));
    const { value } = await mammoth.extractRawText({ buffer: buf });
    assert.ok(value.includes('<script>alert("x")</script>王五：'));
    assert.ok(value.includes('</p><img src=x onerror=alert(1)>&amp;'));
  });
});
