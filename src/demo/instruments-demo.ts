// Demo shared instruments, loaded through the same services as the API (so they are audited):
// Donghai University's field-emission SEM (external, approval needed, managed by Zhang Min) and the
// materials institute's X-ray diffractometer (external, no approval, managed by Han Bing). Li Jianguo
// used the SEM last week for the quartz task book, paid from its award, and rated it; Zhao Qiang has
// a confirmed XRD slot; Wu Ting's SEM request waits for approval.
import type { Ctx } from '../app/context.ts';
import * as accountsRepo from '../modules/accounts/accounts.repo.ts';
import { act, book, createInstrument, rate, recordUse } from '../modules/instruments/instruments.service.ts';
import { actorFor } from './actor.ts';

const SEM_ZH = '场发射扫描电子显微镜';
const DAY = 86_400_000;
const HOUR = 3_600_000;

export async function loadInstrumentsDemo(base: Omit<Ctx, 'actor'>, log: (line: string) => void = () => {}) {
  if (await base.db.selectFrom('instrument').select('id').where('name_zh', '=', SEM_ZH).executeTakeFirst())
    return 0;
  const as = async (login: string, at?: number): Promise<Ctx> => {
    const p = await accountsRepo.findPersonByEmail(base.db, `${login}@demo.jiebang.cn`);
    if (!p) throw new Error(`demo person ${login} is missing: load the demo (loadDemo) first`);
    return {
      ...base,
      now: at === undefined ? base.now : () => new Date(at),
      actor: await actorFor(base, p.id),
    };
  };
  const orgOf = async (login: string) => (await as(login)).actor!.roles[0].orgId;
  const admin = await as('admin');
  const zhangMin = await as('solver3');
  const hanBing = await as('solver11');
  // Whole Beijing hours (UTC+8), counted from today's midnight in Beijing.
  const today = Math.floor((base.now().getTime() + 8 * HOUR) / DAY) * DAY - 8 * HOUR;
  const sem = await createInstrument(admin, {
    orgId: await orgOf('solver3'),
    nameZh: SEM_ZH,
    nameEn: 'Field-emission scanning electron microscope',
    category: 'microscopy',
    model: 'S-4800',
    maker: '日立',
    valueFen: 468_000_000,
    regionCode: '330106',
    address: '东海大学材料楼 102 室',
    capabilitiesZh: '微观形貌观察，能谱元素分析，分辨率 1 纳米，可观察坩埚内壁气泡与析晶',
    capabilitiesEn:
      'surface morphology imaging, EDS elemental analysis, 1 nm resolution; bubbles and devitrification in crucible walls',
    managerId: zhangMin.actor!.personId,
    openness: 'external',
    priceInternalFen: 20_000,
    priceExternalFen: 35_000,
    minSlotMinutes: 60,
    leadHours: 24,
    needsApproval: true,
  });
  const xrd = await createInstrument(admin, {
    orgId: await orgOf('solver11'),
    nameZh: 'X射线衍射仪',
    nameEn: 'X-ray diffractometer',
    category: 'analytical',
    model: 'D8',
    maker: '布鲁克',
    valueFen: 236_000_000,
    regionCode: '330108',
    address: '东海省材料研究所分析测试中心',
    capabilitiesZh: '物相分析，晶体结构，残余应力，薄膜掠入射衍射',
    capabilitiesEn:
      'phase analysis, crystal structure, residual stress, grazing-incidence thin-film diffraction',
    managerId: hanBing.actor!.personId,
    openness: 'external',
    priceInternalFen: 15_000,
    priceExternalFen: 28_000,
    minSlotMinutes: 30,
    leadHours: 4,
    needsApproval: false,
  });
  // Last week: Li Jianguo's SEM session for the quartz task book, paid from its award.
  const start = today - 6 * DAY + 9 * HOUR;
  const liBefore = await as('solver', start - 3 * DAY);
  const award = await base.db
    .selectFrom('funding_award as a')
    .innerJoin('bid as b', 'b.id', 'a.bid_id')
    .select(['a.id', 'a.task_book_id'])
    .where('b.commander_id', '=', liBefore.actor!.personId)
    .where('a.state', '=', 'active')
    .executeTakeFirst();
  const used = await book(liBefore, sem.id, {
    start: new Date(start).toISOString(),
    end: new Date(start + 3 * HOUR).toISOString(),
    purpose: '石英坩埚内壁气泡与析晶形貌观察（里程碑 1）',
    ...(award ? { awardId: award.id, taskBookId: award.task_book_id, milestoneNo: 1 } : {}),
  });
  await act(await as('solver3', start - 2 * DAY), used.id, 'approve');
  await recordUse(await as('solver3', start + 4 * HOUR), used.id, {
    start: new Date(start).toISOString(),
    end: new Date(start + 3 * HOUR).toISOString(),
    machineHours: '2.5',
    samples: 6,
  });
  await rate(await as('solver', start + DAY), used.id, { score: 5, comment: '图像清晰，负责人指导耐心' });
  // Coming up: Zhao Qiang's XRD slot (confirmed at once) and Wu Ting's SEM request (pending).
  await book(await as('proposer'), xrd.id, {
    start: new Date(today + 2 * DAY + 14 * HOUR).toISOString(),
    end: new Date(today + 2 * DAY + 16 * HOUR).toISOString(),
    purpose: '高纯石英砂物相分析',
  });
  await book(await as('proposer4'), sem.id, {
    start: new Date(today + 3 * DAY + 9 * HOUR).toISOString(),
    end: new Date(today + 3 * DAY + 11 * HOUR).toISOString(),
    purpose: '钠离子电池正极颗粒形貌观察',
  });
  log('instruments: 2 shared instruments, 3 bookings (one used, fee posted, rated)');
  return 2;
}
