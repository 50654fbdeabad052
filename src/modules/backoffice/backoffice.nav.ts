// What each role sees in the back office (PURE). Links only; every page still checks the policy.
import type { StaffNavItem } from '../../ui/layout.js';

interface NavEntry extends StaffNavItem {
  roles: readonly string[];
  description: string;
}

const ENTRIES: NavEntry[] = [
  {
    href: '/staff/organs',
    label: '机关与处室',
    roles: ['admin', 'supervisor'],
    description: '管理本机关及下级机关、内设处室和信息联络员。',
  },
  { href: '/staff/users', label: '用户与角色', roles: ['admin'], description: '新增工作人员账号，分配角色，停用账号。' },
  {
    href: '/staff/calendar',
    label: '工作日历',
    roles: ['admin'],
    description: '查看法定工作日，录入国务院办公厅新发布的节假日安排。',
  },
  {
    href: '/staff/security',
    label: '账号安全',
    roles: ['security_officer'],
    description: '解锁被锁定的账号，重置工作人员密码。',
  },
  {
    href: '/staff/publications',
    label: '信息发布',
    roles: ['office_head', 'office_staff', 'liaison', 'leader'],
    description: '起草、审核、发布主动公开的政府信息。',
  },
  {
    href: '/staff/requests',
    label: '依申请公开',
    roles: ['office_head', 'office_staff', 'liaison', 'leader', 'supervisor'],
    description: '登记、分办、办理和答复政府信息公开申请，按法定期限提醒。',
  },
  {
    href: '/staff/appeals',
    label: '复议诉讼',
    roles: ['office_head', 'office_staff', 'leader', 'supervisor'],
    description: '登记因政府信息公开被申请行政复议、提起行政诉讼的案件及结果（年报表四）。',
  },
  {
    href: '/staff/imports',
    label: '数据导入',
    roles: ['office_head', 'office_staff'],
    description: '从 CSV 文件导入依申请公开的申请和复议诉讼案件，逐行列出有误的行。',
  },
  {
    href: '/staff/registers',
    label: '送交与发布会',
    roles: ['office_head', 'office_staff', 'leader'],
    description: '登记向政务服务中心、档案馆、图书馆送交的文件和召开的新闻发布会。',
  },
  {
    href: '/staff/outbox',
    label: '待发送消息',
    roles: ['admin'],
    description: '查看发送失败的微信公众号发布、邮件等消息，排除原因后重新发送。',
  },
  { href: '/staff/audit', label: '审计日志', roles: ['audit_officer'], description: '查阅全部操作记录，校验审计日志的完整性。' },
  {
    href: '/staff/tokens',
    label: 'API 令牌',
    roles: ['admin', 'office_head', 'office_staff', 'liaison', 'leader', 'supervisor'],
    description: '为对接的其他系统创建接口访问令牌（权限与本人相同），吊销不再使用的令牌。',
  },
  {
    href: '/staff/reports',
    label: '年度报告',
    roles: ['office_head', 'office_staff', 'liaison', 'leader', 'supervisor'],
    description: '由登记的记录生成政府信息公开工作年度报告，逐项核对后提交审核，发布到“政府信息公开年报”栏目。',
  },
  {
    href: '/staff/reports/check',
    label: '年报核查',
    roles: ['office_head', 'office_staff', 'leader', 'supervisor'],
    description:
      '核查已发布的政府信息公开工作年度报告（网页或 Word），逐项列出表格与正文的不一致之处；上级机关核查下级机关的年报。',
  },
];

export function staffNav(roles: readonly string[]): NavEntry[] {
  return ENTRIES.filter((e) => e.roles.some((r) => roles.includes(r)));
}

/** The work each role will find on its home page (filled as capabilities land). */
export const ROLE_WORK: Record<string, string> = {
  admin: '系统管理：机关、处室、用户、角色和工作日历。',
  security_officer: '安全保密管理：账号锁定、密码重置。',
  audit_officer: '安全审计：审计日志查阅与完整性校验。',
  office_head: '审核把关：信息发布审核、依申请公开答复审批。',
  office_staff: '日常办理：信息发布、依申请公开登记与答复、互动交流。',
  liaison: '处室联络：起草本处室信息和答复意见。',
  leader: '领导审批：发布、延期、不予公开及年报的审批。',
  supervisor: '监督指导：查看下级机关的政务公开工作情况。',
};
