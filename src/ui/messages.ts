// The message catalogue: every interface string lives here (zh-CN). An English interface would be
// a second catalogue of the same shape.
export const zhCN = {
  site: { suffix: '政府信息公开', staffSuffix: '政务公开管理平台', skip: '跳到主要内容', toPortal: '返回门户网站' },
  nav: {
    home: '首页',
    guide: '政府信息公开指南',
    rules: '政府信息公开制度',
    statutory: '法定主动公开内容',
    reports: '政府信息公开年报',
    apply: '依申请公开',
    interact: '互动交流',
    services: '办事服务',
    data: '数据开放',
  },
  prefs: {
    simplified: '简体',
    traditional: '繁體',
    elderOn: '长者模式',
    elderOff: '标准模式',
    label: '显示设置',
  },
  portal: {
    standardColumn: '政府信息公开专栏',
    more: '更多',
    empty: '本栏目暂无内容。',
    emptyHint: '本机关尚未在此栏目发布信息；发布后将在此显示。',
    subordinates: '下级机关',
    units: '内设机构',
    contact: '联系方式',
    address: '地址',
    phone: '电话',
    staffEntry: '工作人员登录',
    searchLabel: '站内搜索',
    searchPlaceholder: '搜索政府信息',
    searchButton: '搜索',
  },
  sections: {
    guide: '介绍本机关政府信息公开的方式、途径、申请办法和受理机构等。',
    rules: '本机关政府信息公开工作的规章制度、工作方案和实施办法。',
    statutory: '依照《中华人民共和国政府信息公开条例》第二十条应当主动公开的政府信息。',
    reports: '本机关历年政府信息公开工作年度报告。',
    apply: '公民、法人或者其他组织可以依法向本机关申请获取相关政府信息。',
    interact: '在线留言、在线访谈、征集调查等政民互动。',
    services: '办事指南和在线办事服务。',
    data: '可下载的开放数据集。',
  },
  staff: {
    login: '工作人员登录',
    username: '用户名',
    password: '密码',
    submitLogin: '登录',
    logout: '退出登录',
    home: '工作台',
    badLogin: '用户名或密码不正确。',
    locked: '登录失败次数过多，账号已锁定，请于 {until} 后再试，或联系安全保密管理员解锁。',
    disabled: '该账号已停用，请联系系统管理员。',
    sessionEnded: '登录已超时，请重新登录。',
    welcome: '您好，{name}',
    roles: '角色',
    organ: '所属机关',
    changePassword: '修改密码',
  },
  ok: {
    saved: '已保存。',
    created: '已创建。',
    unlocked: '已解锁。',
    password: '密码已修改。',
    removed: '已删除。',
    submitted: '已提交审核。',
    returned: '已退回修改。',
    published: '已审核并发布。',
  },
  errors: {
    back: '返回首页',
    csrf: '页面已过期或来源不明，请刷新页面后重新提交。',
    rateLimited: '您的操作过于频繁，请稍后再试。',
    internal: '系统出现错误，请稍后再试。如问题持续，请联系本机关。错误编号：{id}',
  },
} as const;

export const m = zhCN;

/** Fills `{name}` placeholders. */
export function fmt(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (_, k: string) => String(values[k] ?? `{${k}}`));
}
