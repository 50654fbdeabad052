// The demo organ: the seed document's department, its units, two affiliated units and one
// member of staff for every role. Loaded by `npm start` on an empty database and by `gongkai seed demo`.
import type { Services } from '../../app.js';
import { systemCtx } from '../../platform/context.js';
import type { Role } from '../staff/staff.roles.js';
import type { DemoLoadResult } from './demo.2017.js';
import { seedDemoAppeals } from './demo.appeals.js';
import { seedDemoRequests } from './demo.requests.js';

export const DEMO_ORGAN_CODE = 'gxzjt';
export const DEMO_PASSWORD = 'Gongkai#2026demo';

const UNITS: Array<[string, 'office' | 'business']> = [
  ['办公室', 'office'],
  ['政策法规处', 'business'],
  ['住房保障处', 'business'],
  ['房地产市场监管处', 'business'],
  ['建筑市场监管处', 'business'],
  ['工程质量安全监管处', 'business'],
  ['城市建设处', 'business'],
  ['村镇建设处', 'business'],
  ['住房公积金监管处', 'business'],
  ['计划财务处', 'business'],
  ['人事处', 'business'],
];

export const DEMO_USERS: Array<{ username: string; displayName: string; roles: Role[]; unit?: string; title: string }> = [
  { username: 'admin', displayName: '王磊', roles: ['admin'], unit: '办公室', title: '系统管理员' },
  { username: 'security', displayName: '李娜', roles: ['security_officer'], unit: '办公室', title: '安全保密管理员' },
  { username: 'auditor', displayName: '张敏', roles: ['audit_officer'], unit: '办公室', title: '安全审计员' },
  { username: 'head', displayName: '陈刚', roles: ['office_head'], unit: '办公室', title: '办公室主任（公开办负责人）' },
  { username: 'clerk', displayName: '刘洋', roles: ['office_staff'], unit: '办公室', title: '公开办工作人员' },
  { username: 'liaison', displayName: '黄丽', roles: ['liaison'], unit: '住房保障处', title: '住房保障处信息联络员' },
  { username: 'leader', displayName: '周建国', roles: ['leader'], title: '分管厅领导' },
  { username: 'supervisor', displayName: '赵伟', roles: ['supervisor'], unit: '办公室', title: '监督指导（查看直属单位）' },
];

export async function isDemoLoaded(s: Services): Promise<boolean> {
  return Boolean(await s.organs.byCode(DEMO_ORGAN_CODE));
}

/**
 * Loads the demo: the organ, its units, staff and catalogue, then its 2017 and a recent year of
 * publications (src/modules/demo/demo.2017.ts), and rebuilds the search index when items were
 * added. Each part is skipped when already there. Returns true when anything was loaded.
 */
export async function seedDemo(s: Services, report?: (r: DemoLoadResult & { reindexMs: number }) => void): Promise<boolean> {
  const created = await seedDemoOrgan(s);
  const organ = await s.organs.byCode(DEMO_ORGAN_CODE);
  if (!organ) return created;
  const years = await s.demoData.loadYears(organ.id);
  await s.demoData.loadRegisters2017(organ.id);
  // requests of 2017 (seed 四) and of the current year, with their histories and letters
  const requests = await seedDemoRequests(s, organ.id, await demoStaff(s));
  // reconsideration cases and lawsuits of 2017 (seed 六)
  const appeals = await seedDemoAppeals(s, organ.id);
  const started = performance.now();
  if (years.items > 0) await s.publicationSearch.reindex();
  report?.({ ...years, reindexMs: Math.round(performance.now() - started) });
  return created || years.items > 0 || requests > 0 || appeals;
}

/** The demo's clerk and office head, who handle the demo requests. */
async function demoStaff(s: Services) {
  const person = async (username: string) => ({
    id: (await s.staff.idOf(username)) as number,
    name: DEMO_USERS.find((u) => u.username === username)?.displayName ?? username,
  });
  return { clerk: await person('clerk'), head: await person('head') };
}

/** The organ, its units, staff and standard catalogue; does nothing when the organ exists. */
async function seedDemoOrgan(s: Services): Promise<boolean> {
  if (await isDemoLoaded(s)) return false;
  const ctx = systemCtx('seed:demo');
  const organ = await s.organs.create(ctx, {
    code: DEMO_ORGAN_CODE,
    name: '广西壮族自治区住房和城乡建设厅',
    shortName: '自治区住房城乡建设厅',
    kind: 'department',
    address: '广西南宁市金湖路58号',
    phone: '0771-2260000',
  });
  await s.publications.ensureStandardColumns(ctx, organ.id);
  const unitIds = new Map<string, number>();
  for (const [i, [name, kind]] of UNITS.entries()) {
    const u = await s.organs.addUnit(ctx, organ.id, { name, kind, sortOrder: String(i + 1) });
    unitIds.set(name, u.id);
  }
  for (const [code, name] of [
    ['gxzjxxzx', '广西住房和城乡建设信息中心'],
    ['gxczjs', '《广西城镇建设》杂志社'],
  ] as const) {
    const a = await s.organs.create(ctx, { code, name, kind: 'affiliated', parentCode: DEMO_ORGAN_CODE });
    await s.organs.addUnit(ctx, a.id, { name: '综合部', kind: 'office', sortOrder: '1' });
    await s.publications.ensureStandardColumns(ctx, a.id);
  }
  for (const u of DEMO_USERS) {
    const user = await s.staff.create(ctx, {
      organId: String(organ.id),
      unitId: u.unit ? String(unitIds.get(u.unit)) : '',
      username: u.username,
      displayName: u.displayName,
      password: DEMO_PASSWORD,
      roles: u.roles,
    });
    if (u.username === 'liaison') {
      const unitId = unitIds.get('住房保障处') as number;
      const unit = await s.organs.unitById(unitId);
      await s.organs.updateUnit(ctx, unitId, {
        name: unit?.name,
        kind: unit?.kind,
        sortOrder: String(unit?.sort_order ?? 0),
        liaisonUserId: String(user.id),
        version: String(unit?.version ?? 1),
      });
    }
  }
  return true;
}

export function demoLoginsText(): string {
  const lines = DEMO_USERS.map((u) => `  ${u.username.padEnd(11)} ${u.title}（${u.displayName}）`);
  return [`演示账号（密码均为 ${DEMO_PASSWORD}）：`, ...lines].join('\n');
}
