import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import mammoth from 'mammoth';
import { renderLetterDocx } from '../../src/modules/letters/letters.docx.js';
import { letterText } from '../../src/modules/letters/letters.templates.js';
import { DOCX_MIME } from '../../src/modules/requests/casework.routes.js';
import { actorCtx, type Ctx, systemCtx } from '../../src/platform/context.js';
import type { AppError } from '../../src/platform/http/errors.js';
import { Agent, buildTestApp, csrfFrom, organWithUnits, type TestApp, userWithRoles } from '../support/app.js';
import { application } from './requests.fixtures.js';

describe('requests casework: letters, delivery, the non-disclosure register and fees', () => {
  let t: TestApp;
  let organId: number;
  let unitId: number;
  const ctx: Record<string, Ctx> = {};
  const agents: Record<string, Agent> = {};

  before(async () => {
    t = await buildTestApp({ now: '2026-03-20T02:00:00.000Z' });
    const { organ, business } = await organWithUnits(t.services, 'jt');
    const other = await organWithUnits(t.services, 'cz');
    organId = organ.id;
    unitId = business.id;
    for (const [name, roles, org] of [
      ['clerk', ['office_staff'], organId],
      ['head', ['office_head'], organId],
      ['stranger', ['office_head'], other.organ.id],
    ] as const) {
      const u = await userWithRoles(t.services, org, name, [...roles]);
      const a = await t.services.auth.actorFor(u.id);
      assert.ok(a);
      ctx[name] = actorCtx(a, null, null);
      agents[name] = new Agent(t.app);
      await agents[name].login(name);
    }
  });
  after(() => t.close());

  const s = () => t.services.requests;
  const L = () => t.services.caseLetters;
  const version = async (id: number) => (await s().view(systemCtx('t'), id)).row.version;

  /** A case registered by the clerk (registered post, received on `on`), assigned and in drafting. */
  async function drafting(over: Record<string, string> = {}, on = '2026-03-02') {
    const { row, token } = await s().registerByStaff(ctx.clerk as Ctx, organId, {
      ...application(over),
      channel: 'registered_post',
      receivedDate: on,
    });
    await s().assign(ctx.clerk as Ctx, row.id, { unitId: String(unitId), version: String(row.version) });
    await s().startDrafting(ctx.clerk as Ctx, row.id, { version: String(await version(row.id)) });
    return { id: row.id, token, reference: row.reference };
  }

  /** Decides, approves (the head) and replies. */
  async function decideAndReply(id: number, decision: Record<string, string>) {
    await s().decide(ctx.clerk as Ctx, id, { ...decision, version: String(await version(id)) });
    await s().approve(ctx.head as Ctx, id, { version: String(await version(id)) });
    await s().reply(ctx.clerk as Ctx, id, { repliedOn: '2026-03-20', method: '电子邮件', version: String(await version(id)) });
  }

  it('an issued reply letter is stored as issued: a later change of the facts changes the preview, never the letter', async () => {
    const c = await drafting();
    await s().decide(ctx.clerk as Ctx, c.id, { outcome: 'granted', legalGround: '', version: String(await version(c.id)) });
    await s().approve(ctx.head as Ctx, c.id, { version: String(await version(c.id)) });
    const preview = await L().preview(ctx.clerk as Ctx, c.id, { kind: 'reply' });
    assert.equal(preview.kind, 'granted');
    const issued = await L().issue(ctx.clerk as Ctx, c.id, { kind: 'reply', letterNumber: '测公开复〔2026〕1号' });
    assert.ok(issued.letter);
    assert.equal(issued.issued_on, '2026-03-20');
    assert.equal(issued.letter.number, '测公开复〔2026〕1号');
    const stored = letterText(issued.letter);
    assert.match(stored, /测试机关jt/);
    assert.match(stored, /申请获取“2025年城区道路改造项目资金使用情况”/);
    assert.match(stored, /zhangsan@example\.cn/);
    assert.match(stored, /60日内向.*申请行政复议/);

    // the facts change (the organ is renamed): a new letter would say so, the issued one does not
    const organ = await t.services.organs.byId(organId);
    assert.ok(organ);
    await t.services.organs.update(systemCtx('t'), organId, {
      name: '测试机关jt（更名）',
      kind: organ.kind,
      version: String(organ.version),
    });
    const again = await L().preview(ctx.clerk as Ctx, c.id, { kind: 'reply' });
    assert.match(letterText(again.letter), /更名/);
    const [kept] = await L().list(ctx.clerk as Ctx, c.id);
    assert.ok(kept?.letter);
    assert.equal(letterText(kept.letter), stored);
    // the database refuses to change an issued letter (only the delivery fields may change)
    await assert.rejects(t.db.db.updateTable('request_letters').set({ letter: '{}' }).where('id', '=', issued.id).execute());
    await assert.rejects(t.db.db.deleteFrom('request_letters').where('id', '=', issued.id).execute());
    // the audit trail holds the issue
    const audit = await t.db.db.selectFrom('audit_log').select('action').where('action', '=', 'request.letter_issued').execute();
    assert.ok(audit.length >= 1);
    // staff of another organ can neither preview nor read it
    await assert.rejects(L().list(ctx.stranger as Ctx, c.id), (e: AppError) => e.code === 'forbidden');
    await assert.rejects(L().issue(ctx.stranger as Ctx, c.id, { kind: 'reply' }), (e: AppError) => e.code === 'forbidden');
  });

  it('no reply letter before the decision is approved; a notice needs its event (Chinese messages)', async () => {
    const c = await drafting({ idNumber: '450103198502024567', applicantName: '李四' });
    await assert.rejects(L().preview(ctx.clerk as Ctx, c.id, { kind: 'reply' }), /经审批后才能生成答复书/);
    await assert.rejects(L().issue(ctx.clerk as Ctx, c.id, { kind: 'extension' }), /本申请没有延期答复/);
    await s().extend(ctx.head as Ctx, c.id, {
      on: '2026-03-10',
      workingDays: '20',
      reason: '需要调取多个年度的档案',
      version: String(await version(c.id)),
    });
    const l = await L().issue(ctx.clerk as Ctx, c.id, { kind: 'extension' });
    assert.ok(l.letter);
    assert.match(letterText(l.letter), /延长20个工作日/);
    assert.match(letterText(l.letter), /需要调取多个年度的档案/);
  });

  it('.docx download: MIME type, the Chinese file name, and mammoth reads the letter back; print page with letters.css', async () => {
    const c = await drafting({ idNumber: '450103199909091111', applicantName: '王五' });
    await decideAndReply(c.id, { outcome: 'granted', legalGround: '' });
    const l = await L().issue(ctx.clerk as Ctx, c.id, { kind: 'reply' });
    const res = await (agents.clerk as Agent).get(`/staff/requests/${c.id}/letters/${l.id}.docx`);
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['content-type'], DOCX_MIME);
    const cd = String(res.headers['content-disposition']);
    assert.match(cd, /^attachment; filename="[^"]+\.docx"; filename\*=UTF-8''/);
    assert.ok(cd.includes(encodeURIComponent(`${c.reference}-政府信息公开申请答复书.docx`)), cd);
    const text = (await mammoth.extractRawText({ buffer: res.rawPayload })).value;
    assert.match(text, /政府信息公开申请答复书/);
    assert.match(text, /王五：/);
    assert.match(text, new RegExp(c.reference));
    const print = await (agents.clerk as Agent).get(`/staff/requests/${c.id}/letters/${l.id}/print`);
    assert.equal(print.statusCode, 200);
    assert.match(print.body, /\/static\/letters\.css/);
    assert.match(print.body, /王五：/);
    // the case page lists it with both links; another organ's staff get 403
    const page = await (agents.clerk as Agent).get(`/staff/requests/${c.id}`);
    assert.match(page.body, /文书与送达/);
    assert.ok(page.body.includes(`/staff/requests/${c.id}/letters/${l.id}.docx`));
    assert.equal((await (agents.stranger as Agent).get(`/staff/requests/${c.id}/letters/${l.id}.docx`)).statusCode, 403);
  });

  it('the preview page, then issue through the form; delivery is recorded (mail needs the tracking number)', async () => {
    const c = await drafting({ idNumber: '450103199909092222', applicantName: '赵六', delivery: 'mail' });
    await decideAndReply(c.id, { outcome: 'granted', legalGround: '' });
    const a = agents.clerk as Agent;
    const prev = await a.get(`/staff/requests/${c.id}/letters/preview?kind=reply&letterNumber=&thirdParty=`);
    assert.equal(prev.statusCode, 200);
    assert.match(prev.body, /这是预览，尚未出具/);
    assert.match(prev.body, /赵六：/);
    assert.equal((await L().list(ctx.clerk as Ctx, c.id)).length, 0, 'a preview stores nothing');
    const issued = await a.post(`/staff/requests/${c.id}/letters`, { _csrf: csrfFrom(prev.body), kind: 'reply' });
    assert.equal(issued.statusCode, 303);
    const [l] = await L().list(ctx.clerk as Ctx, c.id);
    assert.ok(l);
    const page = await a.get(`/staff/requests/${c.id}`);
    const bad = await a.post(`/staff/requests/${c.id}/letters/${l.id}/delivery`, {
      _csrf: csrfFrom(page.body),
      method: 'mail',
      deliveredOn: '2026-03-20',
      proof: '',
    });
    assert.equal(bad.statusCode, 422);
    assert.match(bad.body, /邮寄送达请填写邮件单号/);
    assert.match(bad.body, /value="2026-03-20"/, 'what was typed is kept');
    const ok = await a.post(`/staff/requests/${c.id}/letters/${l.id}/delivery`, {
      _csrf: csrfFrom(page.body),
      method: 'mail',
      deliveredOn: '2026-03-20',
      proof: 'EMS 1234567890',
    });
    assert.equal(ok.statusCode, 303);
    const [d] = await L().list(ctx.clerk as Ctx, c.id);
    assert.equal(d?.delivery_method, 'mail');
    assert.equal(d?.delivery_proof, 'EMS 1234567890');
    assert.equal(letterText(d?.letter as never), letterText(l.letter as never), 'delivery leaves the letter as issued');
  });

  it('the applicant sees the issued letter through the private link (HTML and .docx); another token gets 404', async () => {
    const c = await drafting({ idNumber: '450103199909093333', applicantName: '孙七' });
    await decideAndReply(c.id, { outcome: 'granted', legalGround: '' });
    const l = await L().issue(ctx.clerk as Ctx, c.id, { kind: 'reply' });
    const other = await drafting({ idNumber: '450103199909094444', applicantName: '周八' });
    const track = await t.app.inject({ url: `/requests/track/${c.token}` });
    assert.equal(track.statusCode, 200);
    assert.match(track.body, /本机关出具的文书/);
    assert.ok(track.body.includes(`/requests/track/${c.token}/letters/${l.id}.docx`));
    const html = await t.app.inject({ url: `/requests/track/${c.token}/letters/${l.id}` });
    assert.equal(html.statusCode, 200);
    assert.match(html.body, /孙七：/);
    const docx = await t.app.inject({ url: `/requests/track/${c.token}/letters/${l.id}.docx` });
    assert.equal(docx.statusCode, 200);
    assert.equal(docx.headers['content-type'], DOCX_MIME);
    assert.match((await mammoth.extractRawText({ buffer: docx.rawPayload })).value, /孙七：/);
    // the other applicant's token does not open this letter; nor does a made-up one
    assert.equal((await t.app.inject({ url: `/requests/track/${other.token}/letters/${l.id}` })).statusCode, 404);
    assert.equal((await t.app.inject({ url: `/requests/track/${other.token}/letters/${l.id}.docx` })).statusCode, 404);
    assert.equal((await t.app.inject({ url: `/requests/track/${'x'.repeat(32)}/letters/${l.id}` })).statusCode, 404);
    const otherTrack = await t.app.inject({ url: `/requests/track/${other.token}` });
    assert.ok(!otherTrack.body.includes(`/letters/${l.id}`));
  });

  it('a refusal and a partial disclosure write the non-disclosure register on reply; a grant does not', async () => {
    const before = (await L().register(ctx.clerk as Ctx, organId, 2026)).rows.length;
    const granted = await drafting({ idNumber: '450103199909095555', applicantName: '吴九' });
    await decideAndReply(granted.id, { outcome: 'granted', legalGround: '' });
    assert.equal((await L().register(ctx.clerk as Ctx, organId, 2026)).rows.length, before);

    const refused = await drafting({ idNumber: '450103199909096666', applicantName: '郑十', infoTitle: '某小区业主名单' });
    await decideAndReply(refused.id, { outcome: 'withheld.third_party', legalGround: '涉及个人隐私，公开会损害第三方合法权益' });
    const partial = await drafting({ idNumber: '450103199909097777', applicantName: '钱一', infoTitle: '项目评审材料' });
    await decideAndReply(partial.id, {
      outcome: 'partial',
      legalGround: '专家个人信息属于个人隐私',
      releasedParts: '评审结论',
      withheldParts: '评审专家名单：个人隐私',
    });
    const reg = await L().register(ctx.clerk as Ctx, organId, 2026);
    assert.equal(reg.rows.length, before + 2);
    const e = reg.rows.find((r) => r.reference === refused.reference);
    assert.ok(e);
    assert.equal(e.ground, 'withheld.third_party');
    assert.equal(e.legal_ground, '涉及个人隐私，公开会损害第三方合法权益');
    assert.equal(e.approver_name, '用户head');
    assert.equal(e.decided_on, '2026-03-20');
    assert.match(e.information, /某小区业主名单/);
    assert.equal(reg.rows.find((r) => r.reference === partial.reference)?.withheld_parts, '评审专家名单：个人隐私');
    assert.deepEqual(reg.counts.filter(([g]) => g === 'withheld.third_party' || g === 'partial').sort(), [
      ['partial', 1],
      ['withheld.third_party', 1],
    ]);
    await assert.rejects(
      t.db.db.deleteFrom('request_nondisclosure').where('reference', '=', refused.reference).execute(),
      'the register is append-only',
    );
    // the staff page lists the year with counts per ground
    const page = await (agents.clerk as Agent).get('/staff/requests/register?year=2026');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /不予公开备案（2026 年）/);
    assert.ok(page.body.includes(refused.reference));
    assert.match(page.body, /不予公开：保护第三方合法权益/);
    await assert.rejects(
      L().register(ctx.stranger as Ctx, organId, 2026),
      (err: AppError) => err.code === 'forbidden',
      'staff of another organ cannot read the register',
    );
    const empty = await (agents.clerk as Agent).get('/staff/requests/register?year=2017');
    assert.match(empty.body, /2017 年无不予公开政府信息的情况/);
  });

  it('fees: the second request of the month counts the first (per request), the notice pauses the clock, payment is summed per year; a waiver', async () => {
    const ID = '450103196001018888';
    const first = await drafting({ idNumber: ID, applicantName: '冯二', infoTitle: '甲项目资料' }, '2026-03-03');
    const second = await drafting({ idNumber: ID, applicantName: '冯二', infoTitle: '乙工程全部招标文件' }, '2026-03-04');
    void first;
    // ten items in this request, after one earlier this month: items 2–11, the 11th at 100 元
    const bad = s().assessFee(ctx.clerk as Ctx, second.id, {
      on: '2026-03-10',
      method: 'per_request',
      quantity: '10',
      howToPay: '',
      version: String(await version(second.id)),
    });
    await assert.rejects(bad, (e: AppError) => e.fields?.howToPay === '请写明缴费方式。');
    const before = (await s().view(systemCtx('t'), second.id)).row.reply_due;
    await s().assessFee(ctx.clerk as Ctx, second.id, {
      on: '2026-03-10',
      method: 'per_request',
      quantity: '10',
      howToPay: '银行转账至本机关非税收入账户',
      version: String(await version(second.id)),
    });
    const [fee] = await s().fees(second.id);
    assert.ok(fee);
    assert.equal(fee.prior_items, 1);
    assert.equal(fee.amount_yuan, 100);
    assert.deepEqual(
      (fee.result as { breakdown: Array<{ label: string }> }).breakdown.map((b) => b.label),
      ['第2—10件：不收费', '第11件：100元/件 × 1件 = 100元'],
    );
    const waiting = (await s().view(systemCtx('t'), second.id)).row;
    assert.equal(waiting.state, 'awaiting_fee');
    assert.equal(waiting.awaiting, 'fee_payment');
    // the fee notice letter carries the breakdown and the amount
    const notice = await L().issue(ctx.clerk as Ctx, second.id, { kind: 'fee_notice' });
    assert.match(letterText(notice.letter as never), /第11件：100元\/件 × 1件 = 100元/);
    assert.match(letterText(notice.letter as never), /合计应缴纳信息处理费人民币100元/);
    // per page and per request are never combined
    assert.equal(fee.method, 'per_request');
    t.clock.set('2026-03-24T02:00:00.000Z');
    await s().recordPayment(ctx.clerk as Ctx, second.id, { on: '2026-03-24', version: String(await version(second.id)) });
    const paid = (await s().view(systemCtx('t'), second.id)).row;
    assert.equal(paid.state, 'drafting');
    assert.ok(paid.reply_due && before && paid.reply_due > before, 'the days from the notice to the payment are not counted');
    assert.equal((await s().fees(second.id))[0]?.paid_on, '2026-03-24');
    assert.equal(await s().feesCollected(organId, 2026), 100);
    assert.equal(await s().feesCollected(organId, 2025), 0);

    // a waiver: computed, shown, not charged, no notice and no pause
    const third = await drafting({ idNumber: '450103196001019999', applicantName: '陈三', infoTitle: '丙资料' }, '2026-03-05');
    await s().assessFee(ctx.clerk as Ctx, third.id, {
      on: '2026-03-24',
      method: 'per_page',
      quantity: '40',
      waiverReason: '申请人为低保户',
      version: String(await version(third.id)),
    });
    const [w] = await s().fees(third.id);
    assert.equal(w?.computed_yuan, 100);
    assert.equal(w?.amount_yuan, 0);
    assert.equal(w?.waived_reason, '申请人为低保户');
    assert.equal((await s().view(systemCtx('t'), third.id)).row.state, 'drafting');
    await assert.rejects(L().issue(ctx.clerk as Ctx, third.id, { kind: 'fee_notice' }), /没有应缴的信息处理费/);
    assert.equal(await s().feesCollected(organId, 2026), 100);
    t.clock.set('2026-03-20T02:00:00.000Z');
  });

  it('the fee form on the case page: a bad quantity keeps what was typed', async () => {
    const c = await drafting({ idNumber: '450103196001017777', applicantName: '褚四' });
    const a = agents.clerk as Agent;
    const page = await a.get(`/staff/requests/${c.id}`);
    assert.match(page.body, /信息处理费/);
    const res = await a.post(`/staff/requests/${c.id}/fee`, {
      _csrf: csrfFrom(page.body),
      version: String(await version(c.id)),
      method: 'per_page',
      quantity: '三十',
      on: '2026-03-20',
      howToPay: '现场缴纳',
    });
    assert.equal(res.statusCode, 422);
    assert.match(res.body, /现场缴纳/);
  });

  /** A multipart form body, fields first (as the page's form sends them). */
  function multipart(fields: Record<string, string>, file: { name: string; data: Buffer }) {
    const b = '----gongkaiCaseworkBoundary';
    const parts: Buffer[] = Object.entries(fields).map(([k, v]) =>
      Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`),
    );
    parts.push(
      Buffer.from(
        `--${b}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
      ),
      file.data,
      Buffer.from(`\r\n--${b}--\r\n`),
    );
    return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${b}` };
  }

  it('released files: the handler attaches them to the reply; the applicant downloads them once replied, never with another token', async () => {
    const c = await drafting({ idNumber: '450103196001016666', applicantName: '卫五' });
    const other = await drafting({ idNumber: '450103196001015555', applicantName: '蒋六' });
    const a = agents.clerk as Agent;
    const post = async (fields: Record<string, string>, file: { name: string; data: Buffer }) => {
      const body = multipart(fields, file);
      return t.app.inject({
        method: 'POST',
        url: `/staff/requests/${c.id}/files`,
        headers: {
          cookie: Object.entries(a.jar)
            .map(([k, v]) => `${k}=${v}`)
            .join('; '),
          'content-type': body.contentType,
        },
        payload: body.payload,
      });
    };
    const page = await a.get(`/staff/requests/${c.id}`);
    assert.match(page.body, /enctype="multipart\/form-data"/);
    const csrf = csrfFrom(page.body);
    const docx = await renderLetterDocx({
      kind: 'granted',
      title: '2025年维修资金使用审批表',
      addressee: '附件：',
      body: [{ kind: 'p', text: '审批表内容' }],
      closing: '',
      signature: '测试机关',
      date: '2026年3月20日',
      citations: [],
    });
    assert.equal((await post({ _csrf: 'forged' }, { name: '审批表.docx', data: docx })).statusCode, 403, 'CSRF checked');
    const program = await post(
      { _csrf: csrf },
      { name: '审批表.exe', data: Buffer.concat([Buffer.from('MZ'), Buffer.alloc(510, 0x90)]) },
    );
    assert.equal(program.statusCode, 422);
    const ok = await post({ _csrf: csrf }, { name: '维修资金审批表.docx', data: docx });
    assert.equal(ok.statusCode, 303, ok.body);
    const [f] = await t.services.requestFiles.list(ctx.clerk as Ctx, c.id);
    assert.ok(f);
    assert.equal(f.original_name, '维修资金审批表.docx');
    const audit = await t.db.db.selectFrom('audit_log').select('action').where('action', '=', 'request.file_attached').execute();
    assert.equal(audit.length, 1);
    const staffGet = await a.get(`/staff/requests/${c.id}/files/${f.id}`);
    assert.equal(staffGet.statusCode, 200);
    assert.ok(staffGet.rawPayload.equals(docx));
    assert.match(String(staffGet.headers['content-disposition']), /filename\*=UTF-8''/);

    // before the reply the applicant does not see it
    assert.equal((await t.app.inject({ url: `/requests/track/${c.token}/files/${f.id}` })).statusCode, 404);
    await decideAndReply(c.id, { outcome: 'granted', legalGround: '' });
    const track = await t.app.inject({ url: `/requests/track/${c.token}` });
    assert.match(track.body, /随答复书附送的文件/);
    assert.match(track.body, /维修资金审批表\.docx/);
    const got = await t.app.inject({ url: `/requests/track/${c.token}/files/${f.id}` });
    assert.equal(got.statusCode, 200);
    assert.ok(got.rawPayload.equals(docx));
    assert.equal((await t.app.inject({ url: `/requests/track/${other.token}/files/${f.id}` })).statusCode, 404);
    // kept apart from the attachments of publications: their verifier sees no unnamed file
    assert.deepEqual((await t.services.attachments.verifyFiles()).unnamed, []);
    // released files are a record: they cannot be deleted
    await assert.rejects(t.db.db.deleteFrom('request_files').where('id', '=', f.id).execute());
    // another organ's staff cannot fetch it
    assert.equal((await (agents.stranger as Agent).get(`/staff/requests/${c.id}/files/${f.id}`)).statusCode, 403);
  });
});
