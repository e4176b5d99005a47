// The demo's technology market (科技成果转化): the materials institute (`solver@`, its office
// `admin@`) has listed a crucible-coating patent that Huajing Quartz (`proposer@`) bought — the price
// passed its notice, both signed, the contract is registered, paid and the rewards split; Jiangchuan
// University of Technology (`solver4@`) has a reducer patent whose price by agreement with Jingqu
// Robotics (`proposer2@`) is in notice now; Donghai University (`solver3@`) lists crop-disease know-how,
// and Hefeng Agriculture (`proposer3@`) has an open demand with a match alert. Loaded through the
// services (so audited), the finished deal on a clock set back in time.
import type { Ctx } from '../app/context.ts';
import * as accountsRepo from '../modules/accounts/accounts.repo.ts';
import { patentCheckChar } from '../modules/transfer/ipnumber.ts';
import * as svc from '../modules/transfer/transfer.service.ts';
import { actorFor } from './actor.ts';

const DAY = 86_400_000;

const as = async (ctx: Ctx, email: string, at?: () => Date): Promise<Ctx> => {
  const p = await accountsRepo.findPersonByEmail(ctx.db, email);
  if (!p) throw new Error(`demo person ${email} missing`);
  return { ...ctx, actor: await actorFor(ctx, p.id), ...(at ? { now: at } : {}) };
};
const orgOf = (c: Ctx, kind: 'admin' | 'proposer' | 'solver') =>
  c.actor!.roles.find((r) => r.role === kind)!.orgId;
const patent = (digits: string) => `ZL${digits}.${patentCheckChar(digits)}`;

/** Loads the transfer demo unless present; returns how many achievements were added. */
export async function loadTransferDemo(base: Ctx, log: (l: string) => void): Promise<number> {
  if (await base.db.selectFrom('transfer_achievement').select('id').limit(1).executeTakeFirst()) return 0;
  const real = base.now();
  let clock = real.getTime() - 40 * DAY;
  const past = () => new Date(clock);
  const li = await as(base, 'solver@demo.jiebang.cn', past);
  const office = await as(base, 'admin@demo.jiebang.cn', past);
  const quartz = await as(base, 'proposer@demo.jiebang.cn', past);
  const materials = orgOf(li, 'solver');

  const coating = await svc.createAchievement(li, {
    orgId: materials,
    kind: 'patent',
    ipNumber: patent('202310456789'),
    titleZh: '高纯石英坩埚内层合成石英涂层制备方法',
    titleEn: 'Synthetic-quartz inner coating for high-purity quartz crucibles',
    abstractZh:
      '在坩埚内壁等离子喷涂合成石英层，气泡密度降至 3 个/cm³，金属杂质低于 5 ppm，适用于半导体单晶硅拉制。',
    abstractEn:
      'A plasma-sprayed synthetic quartz layer on the crucible wall: bubble density 3 /cm³, metal impurities below 5 ppm, for semiconductor silicon pulling.',
    keywords: ['石英坩埚', '涂层', '气泡', 'quartz crucible', 'coating'],
    disciplineCodes: ['E0207'],
    ipcCodes: ['C30B 15/10', 'C03B 19/09'],
    trl: 6,
    offers: ['transfer', 'exclusiveLicence'],
    askingPriceFen: 150_000_000,
    inventors: [
      { nameZh: '李建国', nameEn: 'Li Jianguo', shareBp: 5000 },
      { nameZh: '刘洋', nameEn: 'Liu Yang', shareBp: 3000 },
      { nameZh: '韩冰', nameEn: 'Han Bing', shareBp: 2000 },
    ],
    list: true,
  });
  const demand = await svc.createDemand(quartz, {
    orgId: orgOf(quartz, 'proposer'),
    titleZh: '降低石英坩埚内层气泡密度',
    titleEn: 'Fewer bubbles in the crucible inner layer',
    problemZh: '拉晶过程中坩埚内层气泡破裂导致单晶位错，需要新的内层涂层工艺。',
    problemEn:
      'Bursting bubbles in the inner layer cause dislocations during pulling; we need a new inner coating.',
    keywords: ['石英坩埚', '气泡', 'coating'],
    disciplineCodes: ['E02'],
    industryCode: 'C30',
    regionCode: null,
    budgetMinFen: 50_000_000,
    budgetMaxFen: 200_000_000,
    deadline: new Date(real.getTime() + 120 * DAY).toISOString().slice(0, 10),
    alert: false,
  });
  const deal = await svc.expressInterest(quartz, coating.id, {
    buyerOrgId: orgOf(quartz, 'proposer'),
    demandId: demand.id,
    message: '贵所的内层涂层专利正是我们需要的，希望洽谈专利权转让。',
  });
  clock += DAY;
  await svc.postMessage(office, deal.id, '欢迎。评估报告建议价格 120 万元，请提出条件。');
  clock += DAY;
  await svc.proposeTerms(quartz, deal.id, {
    mode: 'transfer',
    priceFen: 120_000_000,
    pricing: 'agreement',
    pricingRef: '',
    paymentSchedule: [],
    royaltyBp: 0,
    field: '半导体单晶硅用石英坩埚',
    territory: '中国',
    termMonths: 120,
    noticeDays: 15,
  });
  clock += DAY;
  await svc.acceptTerms(office, deal.id);
  clock += 16 * DAY;
  await svc.sign(quartz, deal.id);
  await svc.sign(li, deal.id);
  clock += DAY;
  await svc.register(office, deal.id, {});
  clock += 5 * DAY;
  await svc.recordPayment(office, deal.id, {
    amountFen: 120_000_000,
    receivedOn: new Date(clock).toISOString().slice(0, 10),
  });
  clock += DAY;
  await svc.distribute(office, deal.id, { costsFen: 18_000_000, unitRuleBp: null, unitRuleText: '' });

  // A reducer patent whose agreed price is in notice now.
  const now = () => new Date(real.getTime() - 2 * DAY);
  const zheng = await as(base, 'solver4@demo.jiebang.cn', now);
  const jcutOffice = await as(base, 'admin@demo.jiebang.cn', now);
  const robot = await as(base, 'proposer2@demo.jiebang.cn', now);
  const reducer = await svc.createAchievement(zheng, {
    orgId: orgOf(zheng, 'solver'),
    kind: 'patent',
    ipNumber: patent('202220987654'),
    titleZh: '低背隙 RV 减速器摆线轮修形方法',
    titleEn: 'Cycloid-disc profile modification for low-backlash RV reducers',
    abstractZh: '通过摆线轮等距加移距组合修形，使 RV 减速器背隙不大于 1 弧分，额定寿命超过 6000 小时。',
    abstractEn:
      'Combined offset and equidistant modification keeps RV reducer backlash within 1 arcmin and life above 6000 h.',
    keywords: ['RV 减速器', '摆线轮', '背隙', 'reducer', 'backlash'],
    disciplineCodes: ['E0505'],
    ipcCodes: ['F16H 1/32'],
    trl: 7,
    offers: ['exclusiveLicence', 'nonExclusiveLicence'],
    askingPriceFen: null,
    inventors: [
      { nameZh: '郑浩', nameEn: 'Zheng Hao', shareBp: 6000 },
      { nameZh: '徐磊', nameEn: 'Xu Lei', shareBp: 4000 },
    ],
    list: true,
  });
  const rd = await svc.expressInterest(robot, reducer.id, {
    buyerOrgId: orgOf(robot, 'proposer'),
    message: '希望获得五年以上独占许可，用于工业机器人关节。',
  });
  await svc.proposeTerms(jcutOffice, rd.id, {
    mode: 'exclusiveLicence',
    priceFen: 80_000_000,
    pricing: 'agreement',
    pricingRef: '',
    paymentSchedule: [],
    royaltyBp: 0,
    field: '工业机器人关节减速器',
    territory: '全球',
    termMonths: 72,
    noticeDays: 15,
  });
  await svc.acceptTerms(robot, rd.id);

  // Know-how on crop disease, and an agricultural demand with a match alert.
  const zhang = await as(base, 'solver3@demo.jiebang.cn');
  const agri = await as(base, 'proposer3@demo.jiebang.cn');
  await svc.createDemand(agri, {
    orgId: orgOf(agri, 'proposer'),
    titleZh: '田间病害早期识别',
    titleEn: 'Early detection of crop disease in the field',
    problemZh: '需要在手机上识别小麦条锈病和稻瘟病的早期症状。',
    problemEn: 'Recognise early wheat stripe rust and rice blast on a phone.',
    keywords: ['病害识别', '图像', 'crop disease'],
    disciplineCodes: ['C13'],
    industryCode: 'A01',
    regionCode: null,
    budgetMinFen: 10_000_000,
    budgetMaxFen: 60_000_000,
    deadline: new Date(real.getTime() + 90 * DAY).toISOString().slice(0, 10),
    alert: true,
  });
  await svc.createAchievement(zhang, {
    orgId: orgOf(zhang, 'solver'),
    kind: 'softwareCopyright',
    ipNumber: '2024SR0123456',
    titleZh: '作物病害图像识别软件 V2.0',
    titleEn: 'Crop-disease image recognition software V2.0',
    abstractZh: '基于轻量卷积网络的田间病害识别，手机端 300 毫秒内给出结果。',
    abstractEn: 'Lightweight CNN recognition of field crop disease, results on a phone within 300 ms.',
    keywords: ['病害识别', '图像', 'crop disease', 'deep learning'],
    disciplineCodes: ['C1302'],
    ipcCodes: [],
    trl: 5,
    offers: ['nonExclusiveLicence', 'jointDevelopment'],
    askingPriceFen: 30_000_000,
    inventors: [
      { nameZh: '张敏', nameEn: 'Zhang Min', shareBp: 7000 },
      { nameZh: '马丽', nameEn: 'Ma Li', shareBp: 3000 },
    ],
    list: true,
  });
  log('transfer: 3 achievements, 2 demands, a registered deal with rewards, a price in notice');
  return 3;
}
