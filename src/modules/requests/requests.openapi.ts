// The OpenAPI 3.1 description of the JSON API (/api/v1/search and /api/v1/requests…), served at
// GET /api/v1/openapi.json and rendered for people at /api/docs (plain HTML tables, no script).
// test/modules/requests.openapi.test.ts checks that every /api/v1 route is described (and nothing
// else), that the examples match their schemas, and that real answers match them too.
import { GENRES } from '../publications/publications.schemas.js';
import { API_DEFAULT_LIMIT, API_MAX_LIMIT } from './requests.api.queries.js';
import { APPLICANT_TYPES, DELIVERIES, FORMS_WANTED, ID_TYPES, OUTCOMES } from './requests.codes.js';
import { ACTIONS, STATES } from './requests.workflow.js';

export const OPENAPI_PATH = '/api/v1/openapi.json';
export const API_DOCS_PATH = '/api/docs';

type Schema = Record<string, unknown>;
const ref = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` });
const str = (description: string, extra: Schema = {}): Schema => ({ type: 'string', description, ...extra });
const nullable = (s: Schema): Schema => ({ ...s, type: [s.type as string, 'null'] });
const date = (description: string): Schema => str(description, { format: 'date', pattern: '^\\d{4}-\\d{2}-\\d{2}$' });
const dateTime = (description: string): Schema => str(description, { format: 'date-time' });
const int = (description: string, extra: Schema = {}): Schema => ({ type: 'integer', description, ...extra });
const bool = (description: string): Schema => ({ type: 'boolean', description });
const obj = (properties: Record<string, Schema>, required: string[] = Object.keys(properties), description?: string): Schema => ({
  type: 'object',
  ...(description ? { description } : {}),
  properties,
  required,
  additionalProperties: false,
});
const codesOf = (list: ReadonlyArray<readonly [string, string]>) => list.map(([c]) => c);
const json = (schema: Schema, examples?: Record<string, { summary: string; value: unknown }>) => ({
  'application/json': { schema, ...(examples ? { examples } : {}) },
});
const error = (description: string, example: unknown) => ({
  description,
  content: json(ref('Error'), { example: { summary: description, value: example } }),
});

const REF = 'jt-2026-00012';

const exampleClock = {
  correctionNoticeDue: '2026-03-11',
  replyDue: '2026-03-30',
  replyDueWithoutExtension: '2026-03-30',
  extensionDays: 0,
  baseDays: 20,
  clockStart: '2026-03-02',
  awaiting: null,
  paused: [],
  receipt: [
    { date: '2026-03-02', counted: false, reason: '收到申请之日（不计入）' },
    { date: '2026-03-03', counted: true, n: 1, reason: '工作日' },
  ],
  problems: [],
};

const exampleCase = {
  reference: REF,
  organ: { code: 'jt', name: '某市住房和城乡建设局' },
  state: 'assigned',
  stateLabel: '已分办',
  channel: 'registered_post',
  channelLabel: '挂号信、特快专递',
  receivedOn: '2026-03-02',
  receivedRule: '挂号信、特快专递，本机关签收之日为收到申请之日（条例第三十一条第二项）。',
  rules: '2019',
  applicant: {
    type: 'natural_person',
    name: '李四',
    contactPerson: null,
    idType: 'resident_id',
    idNumberMasked: '450***********6789',
    phone: '13800000000',
    email: 'lisi@example.cn',
    address: null,
  },
  information: {
    title: '2025年老旧小区改造资金',
    docNumber: null,
    description: '请公开2025年老旧小区改造项目的资金预算和实际支出明细。',
    formWanted: 'electronic',
    delivery: 'email',
  },
  unit: { id: 2, name: '业务处' },
  repeatOf: null,
  due: { replyDue: '2026-03-30', correctionDue: '2026-03-11', awaiting: null, overdue: false, dueSoon: true },
  decision: { outcome: null, legalGround: null, releasedParts: null, withheldParts: null, decidedAt: null, approvedAt: null },
  repliedOn: null,
  replyMethod: null,
  closedOn: null,
  createdAt: '2026-03-20T02:00:00.000Z',
  updatedAt: '2026-03-20T02:05:00.000Z',
  version: 2,
  events: [
    {
      at: '2026-03-20T02:00:00.000Z',
      on: '2026-03-02',
      action: 'register',
      from: null,
      to: 'registered',
      actorName: 'clerk',
      note: '挂号信、特快专递，本机关签收之日为收到申请之日（条例第三十一条第二项）。',
      clock: null,
      data: { channel: 'registered_post' },
    },
    {
      at: '2026-03-20T02:05:00.000Z',
      on: '2026-03-20',
      action: 'assign',
      from: 'registered',
      to: 'assigned',
      actorName: 'clerk',
      note: '请业务处办理',
      clock: null,
      data: { unit: '业务处' },
    },
  ],
  messages: [],
  notes: [],
  clock: exampleClock,
};

const intakeExample = {
  channel: 'registered_post',
  receivedDate: '2026-03-02',
  applicantType: 'natural_person',
  applicantName: '李四',
  idType: 'resident_id',
  idNumber: '450103198805056789',
  phone: '13800000000',
  email: 'lisi@example.cn',
  infoTitle: '2025年老旧小区改造资金',
  infoDescription: '请公开2025年老旧小区改造项目的资金预算和实际支出明细。',
  formWanted: 'electronic',
  delivery: 'email',
};

const schemas: Record<string, Schema> = {
  Error: obj(
    {
      error: obj(
        {
          code: str('稳定的错误代码', {
            enum: [
              'unauthorized',
              'forbidden',
              'not_found',
              'conflict',
              'validation',
              'rate_limited',
              'bad_request',
              'too_large',
              'csrf',
              'internal',
            ],
          }),
          message: str('中文说明'),
          fields: {
            type: 'object',
            description: '逐项的错误说明：字段名 → 中文说明（422）',
            additionalProperties: { type: 'string' },
          },
          reasons: { type: 'array', description: '办理流程不允许此操作的全部原因（409）', items: { type: 'string' } },
        },
        ['code', 'message'],
      ),
    },
    ['error'],
    '所有错误的统一格式。',
  ),
  SearchHit: obj({
    title: str('标题（纯文本）'),
    url: str('信息页面的地址'),
    snippet: str('正文摘录（HTML，已转义，命中词以 <mark> 标出）'),
    organ: str('发布机关名称'),
    publishedOn: date('发布日期'),
  }),
  SearchResult: obj({
    total: int('命中条数（超过 1000 时为 1000，见 capped）', { minimum: 0 }),
    capped: bool('命中条数是否已封顶'),
    page: int('页码', { minimum: 1 }),
    items: { type: 'array', items: ref('SearchHit') },
    ignored: { type: 'array', description: '被忽略的参数及原因', items: { type: 'string' } },
  }),
  RequestListItem: obj({
    reference: str('申请编号（机关代码-年份-序号）'),
    state: str('办理状态', { enum: [...STATES] }),
    stateLabel: str('办理状态（中文）'),
    channel: str('收到申请的渠道'),
    receivedOn: date('收到申请之日（条例第三十一条）'),
    replyDue: nullable(date('答复期限（等待补正、缴费时为空）')),
    correctionDue: nullable(date('补正告知期限或补正期限')),
    awaiting: nullable(str('等待的事项', { enum: ['correction', 'fee_payment', 'consultation', null] })),
    overdue: bool('已逾期'),
    dueSoon: bool('5 个工作日内到期'),
    unitId: nullable(int('承办处室编号')),
    applicantType: str('申请人类型', { enum: codesOf(APPLICANT_TYPES) }),
    applicantName: str('申请人姓名或名称'),
    infoTitle: nullable(str('所需信息的名称')),
    version: int('版本号：提交操作时原样带回', { minimum: 1 }),
    updatedAt: dateTime('最后修改时间'),
  }),
  RequestList: obj({
    total: int('符合条件的申请总数', { minimum: 0 }),
    page: int('页码', { minimum: 1 }),
    limit: int('每页条数', { minimum: 1, maximum: API_MAX_LIMIT }),
    items: { type: 'array', items: ref('RequestListItem') },
  }),
  ClockEvent: obj(
    {
      type: str('计时事件', {
        enum: [
          'correction_requested',
          'correction_received',
          'consultation_started',
          'consultation_ended',
          'extended',
          'fee_notice_sent',
          'fee_paid',
          'deferred',
        ],
      }),
      on: date('事件日期'),
      deadline: date('补正期限'),
      party: str('征求意见的对象', { enum: ['third_party', 'organ'] }),
      ref: str('配对的征求意见'),
      workingDays: int('延长的工作日数'),
      until: date('另行确定的答复期限'),
      reason: str('理由'),
    },
    ['type', 'on'],
  ),
  ReceiptDay: obj(
    {
      date: date('日期'),
      counted: bool('是否计入期限'),
      n: int('计入的第几个工作日'),
      reason: str('计入或不计入的原因'),
    },
    ['date', 'counted', 'reason'],
  ),
  PausedInterval: obj({
    kind: str('暂停原因', { enum: ['correction', 'consultation', 'fee'] }),
    from: date('不计入的第一天'),
    to: nullable(date('不计入的最后一天（尚未结束时为空）')),
    reason: str('说明'),
  }),
  Clock: obj(
    {
      correctionNoticeDue: nullable(date('补正告知期限（2019 年条例：收到申请后 7 个工作日）')),
      replyDue: nullable(date('答复期限（含延长、另行确定）')),
      replyDueWithoutExtension: nullable(date('不含延长的答复期限')),
      extensionDays: int('延长的工作日数', { minimum: 0 }),
      baseDays: int('法定答复期限（工作日）'),
      clockStart: nullable(date('起算之日')),
      awaiting: nullable(str('等待的事项', { enum: ['correction', 'fee_payment', 'consultation', null] })),
      correctionDeadline: date('补正告知给出的补正期限'),
      feePaymentDue: date('缴费期限'),
      deferredUntil: date('另行确定的答复期限（条例第三十五条）'),
      paused: { type: 'array', items: ref('PausedInterval') },
      receipt: { type: 'array', description: '“为什么是这一天”：逐日说明', items: ref('ReceiptDay') },
      problems: { type: 'array', items: { type: 'string' } },
    },
    [
      'correctionNoticeDue',
      'replyDue',
      'replyDueWithoutExtension',
      'extensionDays',
      'baseDays',
      'clockStart',
      'awaiting',
      'paused',
      'receipt',
      'problems',
    ],
    '法定期限的计算结果，由办理记录和工作日历得出。',
  ),
  RequestEvent: obj({
    at: dateTime('记录时间'),
    on: date('事项发生之日'),
    action: str('操作（register 为登记）', { enum: ['register', ...ACTIONS] }),
    from: nullable(str('操作前状态')),
    to: str('操作后状态'),
    actorName: str('经办人用户名'),
    note: nullable(str('说明')),
    clock: { oneOf: [ref('ClockEvent'), { type: 'null' }] },
    data: { description: '操作的其他内容' },
  }),
  RequestCase: obj(
    {
      reference: str('申请编号'),
      organ: obj({ code: str('机关代码'), name: str('机关名称') }),
      state: str('办理状态', { enum: [...STATES] }),
      stateLabel: str('办理状态（中文）'),
      channel: str('收到申请的渠道'),
      channelLabel: str('渠道（中文）'),
      receivedOn: date('收到申请之日'),
      receivedRule: str('收到申请之日的确定依据'),
      rules: str('适用的条例', { enum: ['2008', '2019'] }),
      applicant: obj({
        type: str('申请人类型', { enum: codesOf(APPLICANT_TYPES) }),
        name: str('姓名或名称'),
        contactPerson: nullable(str('联系人')),
        idType: str('证件类型', { enum: codesOf(ID_TYPES) }),
        idNumberMasked: str('证件号码（接口中始终遮盖）'),
        phone: nullable(str('联系电话')),
        email: nullable(str('电子邮箱')),
        address: nullable(str('通信地址')),
      }),
      information: obj({
        title: nullable(str('信息名称')),
        docNumber: nullable(str('文号')),
        description: str('所需信息的描述'),
        formWanted: str('获取信息的形式', { enum: codesOf(FORMS_WANTED) }),
        delivery: str('获取方式', { enum: codesOf(DELIVERIES) }),
      }),
      unit: { oneOf: [obj({ id: int('处室编号'), name: str('处室名称') }), { type: 'null' }] },
      repeatOf: nullable(str('疑似重复的在先申请编号')),
      due: obj({
        replyDue: nullable(date('答复期限')),
        correctionDue: nullable(date('补正期限')),
        awaiting: nullable(str('等待的事项', { enum: ['correction', 'fee_payment', 'consultation', null] })),
        overdue: bool('已逾期'),
        dueSoon: bool('5 个工作日内到期'),
      }),
      decision: obj({
        outcome: nullable(str('处理结果代码', { enum: [...OUTCOMES, null] })),
        legalGround: nullable(str('法律依据')),
        releasedParts: nullable(str('公开的部分')),
        withheldParts: nullable(str('不予公开的部分')),
        decidedAt: nullable(dateTime('拟办时间')),
        approvedAt: nullable(dateTime('审批时间')),
      }),
      repliedOn: nullable(date('答复日期')),
      replyMethod: nullable(str('答复方式')),
      closedOn: nullable(date('办结日期')),
      createdAt: dateTime('登记时间'),
      updatedAt: dateTime('最后修改时间'),
      version: int('版本号：提交操作时原样带回', { minimum: 1 }),
      events: { type: 'array', items: ref('RequestEvent') },
      messages: { type: 'array', items: obj({ at: dateTime('时间'), body: str('致申请人的消息') }) },
      notes: {
        type: 'array',
        description: '内部备注（仅对可阅备注的人员提供）',
        items: obj({ at: dateTime('时间'), authorName: str('作者'), body: str('内容') }),
      },
      clock: ref('Clock'),
    },
    undefined,
    '一件申请：期限、办理记录和期限计算说明。证件号码始终遮盖。',
  ),
  RequestCreated: obj({
    case: ref('RequestCase'),
    trackingUrl: str('申请人查询进度的私密链接（只在此时返回一次，请转交申请人）'),
  }),
  Intake: obj(
    {
      channel: str('收到申请的渠道（条例第三十一条）', { enum: ['in_person', 'post', 'registered_post', 'fax', 'email'] }),
      receivedDate: date('按该渠道规则确定的收到申请之日，不能晚于今天'),
      applicantType: str('申请人类型', { enum: codesOf(APPLICANT_TYPES) }),
      applicantName: str('姓名或名称', { maxLength: 200 }),
      contactPerson: nullable(str('联系人（法人或其他组织必填）', { maxLength: 100 })),
      idType: str('证件类型', { enum: codesOf(ID_TYPES) }),
      idNumber: str('证件号码（加密保存）', { maxLength: 60 }),
      phone: nullable(str('联系电话')),
      email: nullable(str('电子邮箱')),
      address: nullable(str('通信地址')),
      infoTitle: nullable(str('信息名称')),
      infoDocNumber: nullable(str('文号')),
      infoDescription: str('所需信息的描述', { maxLength: 4000 }),
      formWanted: str('获取信息的形式', { enum: codesOf(FORMS_WANTED) }),
      delivery: str('获取方式', { enum: codesOf(DELIVERIES) }),
    },
    [
      'channel',
      'receivedDate',
      'applicantType',
      'applicantName',
      'idType',
      'idNumber',
      'infoDescription',
      'formWanted',
      'delivery',
    ],
    '工作人员登记的申请；电话、电子邮箱、通信地址至少填一项。',
  ),
  EventInput: obj(
    {
      action: str('操作', { enum: [...ACTIONS] }),
      version: int('读取申请时的版本号（不一致时返回 409）', { minimum: 1 }),
      unitId: int('assign：承办处室编号'),
      note: nullable(str('assign：说明')),
      on: date('告知、征求意见、缴费、延期等事项的日期（不早于收到申请之日，不晚于今天）'),
      deadline: nullable(date('request_correction：补正期限')),
      reason: nullable(str('补正内容、征求意见事项、收费依据、延期理由、退回理由、撤回方式等')),
      party: str('start_consultation：征求意见的对象', { enum: ['third_party', 'organ'] }),
      workingDays: int('extend：延长的工作日数（至多 20 个，2008 年条例 15 个）'),
      until: date('defer：另行确定的答复期限'),
      outcome: str('decide：处理结果代码', { enum: [...OUTCOMES] }),
      legalGround: nullable(str('decide：法律依据（不予公开、部分公开必填）')),
      releasedParts: nullable(str('decide：公开的部分（部分公开必填）')),
      withheldParts: nullable(str('decide：不予公开的部分（部分公开必填）')),
      decisionNote: nullable(str('decide：说明')),
      repliedOn: date('reply：答复日期'),
      method: str('reply：答复方式'),
      message: nullable(str('reply：致申请人的消息')),
    },
    ['action', 'version'],
    [
      '办理操作与所需字段：',
      'assign（unitId, note）；request_correction（on, deadline, reason）；receive_correction（on）；',
      'start_consultation（on, reason, party）；end_consultation（on）；send_fee_notice（on, reason）；record_payment（on）；',
      'extend（on, workingDays, reason；公开办负责人）；defer（on, until, reason）；draft；',
      'decide（outcome, legalGround, releasedParts, withheldParts, decisionNote）；return（reason）；approve；',
      'reply（repliedOn, method, message）；close（reason）；withdraw（reason）。值为 null 的字段视为未填写。',
    ].join(''),
  ),
};

const bearer = [{ bearer: [] }];
const referenceParam = {
  name: 'reference',
  in: 'path',
  required: true,
  description: '申请编号',
  schema: { type: 'string' },
  example: REF,
};
const q = (name: string, description: string, schema: Schema) => ({ name, in: 'query', required: false, description, schema });

const authErrors = {
  '401': error('未提供有效的访问令牌，或令牌已被吊销、已过期', {
    error: {
      code: 'unauthorized',
      message: '未提供有效的访问令牌，或令牌已被吊销、已过期。请在请求头中提供 Authorization: Bearer gk_…',
    },
  }),
  '403': error('无权办理（按本人角色和所属机关）', { error: { code: 'forbidden', message: '您没有执行此操作的权限。' } }),
  '429': error('同一令牌请求过于频繁', { error: { code: 'rate_limited', message: '您的操作过于频繁，请稍后再试。' } }),
};

/** The OpenAPI 3.1 document (the same object every time). */
export function openApiDocument() {
  return {
    openapi: '3.1.0',
    info: {
      title: '公开 Gongkai 接口',
      version: '1',
      description: [
        '政府信息公开平台的 JSON 接口。',
        '/api/v1/search 为公开的全文检索接口，无需令牌；/api/v1/requests 为依申请公开办理接口，供工作人员使用：',
        '在工作台“API 令牌”页面创建令牌，请求时在请求头写 Authorization: Bearer gk_…。令牌的权限与本人相同：',
        '只能办理本人按角色和所属机关有权办理的申请，每一项修改都以本人名义记入审计日志。',
        '所有错误均以 {"error":{"code","message"}} 返回，说明为中文。',
      ].join(''),
    },
    servers: [{ url: '/' }],
    components: {
      securitySchemes: {
        bearer: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'gk_ + 43 个字符',
          description: '工作台“API 令牌”页面创建的令牌',
        },
      },
      schemas,
    },
    paths: {
      '/api/v1/search': {
        get: {
          operationId: 'search',
          summary: '全文检索已发布的政府信息',
          description: '与 /search 页面相同的检索。无需令牌。参数有误时不报错，而在 ignored 中说明被忽略的参数。',
          parameters: [
            q('q', '检索词（至多 100 个字符）；为空时不返回结果', { type: 'string' }),
            q('organ', '机关代码', { type: 'string' }),
            q('column', '栏目代码', { type: 'string' }),
            q('year', '发布年份', { type: 'integer' }),
            q('genre', '文种代码', { type: 'string', enum: [...GENRES] }),
            q('order', '排序', { type: 'string', enum: ['newest', 'relevance'], default: 'newest' }),
            q('page', '页码（至多 100）', { type: 'integer', minimum: 1, default: 1 }),
            q('limit', '每页条数（至多 50）', { type: 'integer', minimum: 1, maximum: 50, default: 10 }),
          ],
          responses: {
            '200': {
              description: '检索结果',
              content: json(ref('SearchResult'), {
                found: {
                  summary: '检索“住房公积金”',
                  value: {
                    total: 1,
                    capped: false,
                    page: 1,
                    items: [
                      {
                        title: '关于调整住房公积金缴存基数的通知',
                        url: '/items/123',
                        snippet: '……调整<mark>住房公积金</mark>缴存基数……',
                        organ: '某市住房和城乡建设局',
                        publishedOn: '2026-03-01',
                      },
                    ],
                    ignored: [],
                  },
                },
              }),
            },
          },
        },
      },
      '/api/v1/requests': {
        get: {
          operationId: 'listRequests',
          summary: '申请列表（办理队列）',
          description: '按答复期限排序（无期限的在后）。联络员只能看到分办给本处室的申请。未列出的参数视为错误（422）。',
          security: bearer,
          parameters: [
            q('state', 'open（默认，全部未办结）、all 或一个状态', {
              type: 'string',
              enum: ['open', 'all', ...STATES],
              default: 'open',
            }),
            q('unit', '承办处室编号', { type: 'integer', minimum: 1 }),
            q('organ', '机关代码（默认本人所属机关；上级机关的监督人员可查看下级机关）', { type: 'string' }),
            q('overdue', 'true：只列已逾期的；false：不列已逾期的', { type: 'string', enum: ['true', 'false'] }),
            q('dueBefore', '答复期限早于该日', { type: 'string', format: 'date' }),
            q('receivedFrom', '收到申请之日不早于该日', { type: 'string', format: 'date' }),
            q('receivedTo', '收到申请之日不晚于该日', { type: 'string', format: 'date' }),
            q('page', '页码', { type: 'integer', minimum: 1, default: 1 }),
            q('limit', `每页条数（至多 ${API_MAX_LIMIT}）`, {
              type: 'integer',
              minimum: 1,
              maximum: API_MAX_LIMIT,
              default: API_DEFAULT_LIMIT,
            }),
          ],
          responses: {
            '200': {
              description: '一页申请',
              content: json(ref('RequestList'), {
                page: {
                  summary: '第一页',
                  value: {
                    total: 1,
                    page: 1,
                    limit: 20,
                    items: [
                      {
                        reference: REF,
                        state: 'assigned',
                        stateLabel: '已分办',
                        channel: 'registered_post',
                        receivedOn: '2026-03-02',
                        replyDue: '2026-03-30',
                        correctionDue: '2026-03-11',
                        awaiting: null,
                        overdue: false,
                        dueSoon: true,
                        unitId: 2,
                        applicantType: 'natural_person',
                        applicantName: '李四',
                        infoTitle: '2025年老旧小区改造资金',
                        version: 2,
                        updatedAt: '2026-03-20T02:05:00.000Z',
                      },
                    ],
                  },
                },
              }),
            },
            '422': error('查询参数有误', {
              error: {
                code: 'validation',
                message: '请检查标出的项目。',
                fields: { limit: `每页条数应为 1 至 ${API_MAX_LIMIT} 的整数。` },
              },
            }),
            ...authErrors,
          },
        },
        post: {
          operationId: 'registerRequest',
          summary: '登记通过其他渠道收到的申请',
          description: '与工作台“登记申请”相同：按渠道确定收到申请之日（条例第三十一条），生成申请编号和查询链接。',
          security: bearer,
          requestBody: { required: true, content: json(ref('Intake'), { letter: { summary: '挂号信', value: intakeExample } }) },
          responses: {
            '201': {
              description: '已登记；Location 为该申请的地址',
              headers: { Location: { description: '/api/v1/requests/{reference}', schema: { type: 'string' } } },
              content: json(ref('RequestCreated'), {
                created: {
                  summary: '已登记',
                  value: {
                    case: {
                      ...exampleCase,
                      state: 'registered',
                      stateLabel: '已登记',
                      unit: null,
                      version: 1,
                      events: exampleCase.events.slice(0, 1),
                    },
                    trackingUrl: 'https://gongkai.example.gov.cn/requests/track/3x9Q2c7uXb8Vn1mKp0LrT5yWz4aDfGhJ',
                  },
                },
              }),
            },
            '422': error('填写的内容有误', {
              error: {
                code: 'validation',
                message: '请检查标出的项目。',
                fields: { channel: '请选择收到申请的渠道。', applicantName: '此项为必填项。' },
              },
            }),
            ...authErrors,
          },
        },
      },
      '/api/v1/requests/{reference}': {
        get: {
          operationId: 'getRequest',
          summary: '一件申请',
          description: '期限、办理记录、致申请人的消息、（有权阅读时）内部备注，以及期限计算的逐日说明。证件号码始终遮盖。',
          security: bearer,
          parameters: [referenceParam],
          responses: {
            '200': {
              description: '申请',
              content: json(ref('RequestCase'), { assigned: { summary: '已分办的申请', value: exampleCase } }),
            },
            '404': error('申请不存在', { error: { code: 'not_found', message: '申请不存在。' } }),
            ...authErrors,
          },
        },
      },
      '/api/v1/requests/{reference}/events': {
        post: {
          operationId: 'actOnRequest',
          summary: '办理操作（分办、补正、征求意见、延期、收费、拟办、审批、答复、办结、撤回）',
          description: '按办理流程执行一项操作，带回读取时的 version。成功时返回操作后的申请。',
          security: bearer,
          parameters: [referenceParam],
          requestBody: {
            required: true,
            content: json(ref('EventInput'), {
              assign: { summary: '分办', value: { action: 'assign', version: 1, unitId: 2, note: '请业务处办理' } },
              correction: {
                summary: '告知补正',
                value: {
                  action: 'request_correction',
                  version: 2,
                  on: '2026-03-05',
                  deadline: '2026-03-19',
                  reason: '请写明具体路段。',
                },
              },
              extend: {
                summary: '延期答复',
                value: { action: 'extend', version: 3, on: '2026-03-10', workingDays: 10, reason: '档案调取' },
              },
              decide: { summary: '拟办答复', value: { action: 'decide', version: 4, outcome: 'granted' } },
            }),
          },
          responses: {
            '200': {
              description: '操作后的申请',
              content: json(ref('RequestCase'), { assigned: { summary: '已分办', value: exampleCase } }),
            },
            '400': error('请求体不是 JSON 对象', { error: { code: 'bad_request', message: '请求格式不正确。' } }),
            '404': error('申请不存在', { error: { code: 'not_found', message: '申请不存在。' } }),
            '409': error('版本已过期，或办理流程不允许此操作', {
              error: {
                code: 'conflict',
                message: '不能审批自己拟办的答复意见（双人审核）。',
                reasons: ['不能审批自己拟办的答复意见（双人审核）。'],
              },
            }),
            '422': error('填写的内容有误', {
              error: {
                code: 'validation',
                message: '请检查标出的项目。',
                fields: { on: '日期格式应为 YYYY-MM-DD，且须为真实日期。' },
              },
            }),
            ...authErrors,
          },
        },
      },
      [OPENAPI_PATH]: {
        get: {
          operationId: 'openapi',
          summary: '本接口说明（OpenAPI 3.1）',
          description: `供人阅读的版本见 ${API_DOCS_PATH}。`,
          responses: { '200': { description: 'OpenAPI 文档', content: { 'application/json': { schema: { type: 'object' } } } } },
        },
      },
    },
  };
}

export type OpenApiDocument = ReturnType<typeof openApiDocument>;
