// The demo's S&T commissioners (科技特派员): the provincial department keeps a small registry (the two
// commissioner logins, a team and a legal entity), the agricultural firm `proposer3@` has posted
// demands, and they stand at each step: one served (a visit confirmed and rated, one waiting for
// confirmation), one offered to `commissioner2@`, two open for the department (`organizer@`) to dispatch.
// Loaded through the services, so everything is audited.
import type { Ctx } from '../app/context.ts';
import * as accountsRepo from '../modules/accounts/accounts.repo.ts';
import * as svc from '../modules/commissioners/commissioners.service.ts';
import { actorFor } from './actor.ts';
import { DEMO_ORGS } from './demo-data.ts';

const as = async (ctx: Ctx, email: string): Promise<Ctx> => {
  const p = await accountsRepo.findPersonByEmail(ctx.db, email);
  if (!p) throw new Error(`demo person ${email} missing`);
  return { ...ctx, actor: await actorFor(ctx, p.id) };
};

/** Loads the commissioners demo unless present; returns how many commissioners were added. */
export async function loadCommissionersDemo(base: Ctx, log: (l: string) => void): Promise<number> {
  if (await base.db.selectFrom('commissioner').select('id').limit(1).executeTakeFirst()) return 0;
  const dept = await base.db
    .selectFrom('organisation')
    .select('id')
    .where('name_zh', '=', DEMO_ORGS.find((o) => o.key === 'dept')!.nameZh)
    .executeTakeFirst();
  if (!dept) return 0;
  const agency = await as(base, 'organizer@demo.jiebang.cn');
  const firm = await as(base, 'proposer3@demo.jiebang.cn');
  const tang = await as(base, 'commissioner@demo.jiebang.cn');
  const reg = (f: Partial<svc.CommissionerFields> & Pick<svc.CommissionerFields, 'kind' | 'nameZh'>) =>
    svc.createCommissioner(agency, {
      personEmail: null,
      nameEn: '',
      homeOrg: '',
      keywords: [],
      disciplineCodes: [],
      industries: [],
      regions: [],
      capacity: 2,
      available: true,
      agencyOrgId: dept.id,
      ...f,
    });
  const cTang = await reg({
    kind: 'individual',
    personEmail: 'commissioner@demo.jiebang.cn',
    nameZh: '唐建平',
    nameEn: 'Tang Jianping',
    homeOrg: '东海省农业科学院',
    keywords: ['茶树栽培', '茶园病虫害防治', '叶蝉', '农技推广'],
    disciplineCodes: ['C1302'],
    industries: ['茶叶'],
    regions: ['330400'],
    capacity: 3,
  });
  const cLei = await reg({
    kind: 'individual',
    personEmail: 'commissioner2@demo.jiebang.cn',
    nameZh: '雷小军',
    nameEn: 'Lei Xiaojun',
    homeOrg: '青石镇农业综合服务中心',
    keywords: ['蔬菜栽培', '设施大棚', '连作障碍', '土壤改良'],
    disciplineCodes: ['C1501'],
    industries: ['蔬菜'],
    regions: ['330481'],
    capacity: 2,
  });
  await reg({
    kind: 'team',
    nameZh: '东海省农科院水稻病害团队',
    nameEn: 'Rice Disease Team, Donghai Academy of Agricultural Sciences',
    homeOrg: '东海省农业科学院',
    keywords: ['水稻', '稻瘟病', '病害预警', '统防统治'],
    industries: ['粮食'],
    regions: ['330000'],
    capacity: 4,
  });
  await reg({
    kind: 'legal_entity',
    nameZh: '东海省水产技术推广总站',
    nameEn: 'Donghai Aquaculture Extension Station',
    homeOrg: '东海省水产技术推广总站',
    keywords: ['水产养殖', '鱼病防治', '池塘水质'],
    industries: ['渔业'],
    regions: ['330000'],
    capacity: 5,
    available: false,
  });
  const post = (title: string, description: string, industry: string, urgency: 'low' | 'normal' | 'urgent') =>
    svc.postDemand(firm, {
      title,
      description,
      industry,
      regionCode: '330481',
      urgency,
      requester: '禾丰智慧农业科技有限公司青石基地',
      requesterKind: 'firm',
      contactName: '黄志刚',
      contactPhone: '0573-87000000',
      agencyOrgId: dept.id,
    });
  const tea = await post(
    '茶园叶蝉成灾，新梢受害',
    '基地 120 亩茶园近两周小绿叶蝉虫口激增，新梢卷曲发红，请派茶树植保专家现场诊断并指导绿色防控。',
    '茶叶',
    'urgent',
  );
  const veg = await post(
    '大棚番茄连作障碍',
    '设施大棚连续种植番茄五年，今年死苗、根腐严重，产量下降三成，需要土壤改良和轮作方案。',
    '蔬菜',
    'normal',
  );
  await post(
    '水稻稻瘟病预防',
    '早稻分蘖期，去年稻瘟病损失较重，希望提前制定病害预警和统防统治方案。',
    '粮食',
    'normal',
  );
  await post('鱼塘水质发绿', '两口鱼塘水色发绿、溶氧不足，清晨有浮头现象。', '渔业', 'low');

  const today = new Date(base.now().getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
  const year = today.slice(0, 4);
  const agreement = (commissionerId: string, goals: string) => ({
    commissionerId,
    termStart: today,
    termEnd: `${year}-12-31`,
    goals,
  });
  const d1 = await svc.dispatch(agency, tea.id, agreement(cTang.id, '两周内控制叶蝉虫口，建立绿色防控方案'));
  await svc.respond(tang, d1.dispatches[0].id, { accept: true });
  const v1 = await svc.logVisit(tang, d1.dispatches[0].id, {
    visitDate: today,
    place: '青石基地 3 号茶园',
    hours: 4,
    workDone: '田间调查虫口密度，讲解色板诱杀和修剪措施，示范生物农药配比。',
  });
  await svc.confirmVisit(firm, v1.id, { rating: 5, comment: '专家讲得清楚，措施管用。' });
  await svc.logVisit(tang, d1.dispatches[0].id, {
    visitDate: today,
    place: '青石基地 1 号茶园',
    hours: 2.5,
    workDone: '复查防治效果，调整色板布设密度。',
  });
  await svc.dispatch(agency, veg.id, agreement(cLei.id, '一季内提出土壤改良与轮作方案并示范'));
  log('commissioners: 4, demands: 4');
  return 4;
}
