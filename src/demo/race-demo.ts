// Demo horse races (赛马制), loaded through the same services as the API (so they are audited):
// one race in progress (gate 1 decided after an objection, gate 2 still ahead) and one finished
// (two gates to a winner). Each is played on a clock set back in time, as in the challenge demo.
// Call after loadDemo (it needs the demo people); running it again changes nothing.
import type { Ctx } from '../app/context.ts';
import * as accountsRepo from '../modules/accounts/accounts.repo.ts';
import { grantMembership } from '../modules/accounts/accounts.service.ts';
import { bidAction, createBid, signPledge } from '../modules/challenges/bids.service.ts';
import { challengeAction, createChallenge } from '../modules/challenges/challenges.service.ts';
import {
  createRace,
  finalizeGate,
  listRaces,
  proposeGate,
  raiseObjection,
  recordEvaluation,
  resolveObjection,
  startRace,
} from '../modules/race/race.service.ts';
import { actorFor } from './actor.ts';

const DAY = 86_400_000;
const EMAIL = (who: string) => `${who}@demo.jiebang.cn`;

interface DemoRaceTeam {
  commander: string;
  route: string;
  budgetYuan: number;
  /** Per stage: measured value by target index, and the expert scores. */
  stages: { measured: string[]; scores: string[] }[];
}

interface DemoRace {
  proposer: string;
  titleZh: string;
  titleEn: string;
  statementZh: string;
  statementEn: string;
  keywords: string[];
  targets: {
    metric: string;
    unit: string;
    comparator: 'gte' | 'lte';
    threshold: string;
    verification: string;
  }[];
  awardYuan: number;
  /** Days before now the challenge was drafted. */
  startedDaysAgo: number;
  /** How many gates are decided (final) by now. */
  gatesDecided: 1 | 2;
  stages: {
    titleZh: string;
    titleEn: string;
    /** Days after the award. */
    gateDay: number;
    interim: (string | null)[];
    evidence: string;
    rule: { kind: 'top_k'; k: number } | { kind: 'threshold'; minScore: string };
  }[];
  teams: DemoRaceTeam[];
  objection?: { by: string; text: string; resolution: string };
}

const RACES: DemoRace[] = [
  {
    proposer: 'proposer4',
    titleZh: '固态电池硫化物电解质（赛马）',
    titleEn: 'Sulfide electrolyte for solid-state batteries (horse race)',
    statementZh: '三支团队并行攻关高离子电导率、空气稳定的硫化物固态电解质，按阶段关口择优支持。',
    statementEn:
      'Three teams in parallel develop an air-stable sulfide solid electrolyte with high ionic conductivity; support is concentrated at each stage gate.',
    keywords: ['固态电池', 'solid-state battery', '硫化物', 'sulfide electrolyte'],
    targets: [
      {
        metric: '室温离子电导率 / ionic conductivity at 25 °C',
        unit: 'mS/cm',
        comparator: 'gte',
        threshold: '10',
        verification: '第三方交流阻抗测试 / third-party EIS',
      },
      {
        metric: '露点 −40 °C 空气中 24 h 电导率衰减 / conductivity loss after 24 h in dry air',
        unit: '%',
        comparator: 'lte',
        threshold: '10',
        verification: '发榜方实验室复测 / re-tested in the proposer’s lab',
      },
    ],
    awardYuan: 18_000_000,
    startedDaysAgo: 110,
    gatesDecided: 1,
    stages: [
      {
        titleZh: '实验室样品',
        titleEn: 'Lab samples',
        gateDay: 60,
        interim: ['6', '20'],
        evidence: '第三方检测报告 / third-party test reports',
        rule: { kind: 'top_k', k: 2 },
      },
      {
        titleZh: '百公斤级中试',
        titleEn: '100 kg pilot',
        gateDay: 150,
        interim: [null, null],
        evidence: '中试批次记录与复测报告 / pilot batch records and re-tests',
        rule: { kind: 'top_k', k: 1 },
      },
    ],
    teams: [
      {
        commander: 'solver5',
        route: 'Li6PS5Cl 氯掺杂 + 表面氧化物包覆 / Cl-doped argyrodite with oxide coating',
        budgetYuan: 6_000_000,
        stages: [{ measured: ['8.2', '14'], scores: ['86', '88', '84'] }],
      },
      {
        commander: 'solver7',
        route: 'Li10GeP2S12 型低锗替代 / LGPS-type with reduced germanium',
        budgetYuan: 6_000_000,
        stages: [{ measured: ['11.5', '31'], scores: ['82', '80', '85'] }],
      },
      {
        commander: 'solver9',
        route: '玻璃陶瓷 Li7P3S11 / glass-ceramic Li7P3S11',
        budgetYuan: 6_000_000,
        stages: [{ measured: ['5.1', '18'], scores: ['74', '70', '76'] }],
      },
    ],
    objection: {
      by: 'solver9',
      text: '我方样品复测数据未纳入评分。/ Our re-test data were not considered.',
      resolution: '复测数据已在评分前纳入，异议不成立。/ The re-test data were included before scoring.',
    },
  },
  {
    proposer: 'proposer2',
    titleZh: '协作机器人关节模组（赛马）',
    titleEn: 'Collaborative-robot joint module (horse race)',
    statementZh: '三支团队并行研制一体化关节模组，两道关口后由最优团队承担量产验证。',
    statementEn:
      'Three teams build integrated joint modules in parallel; after two gates the best team takes on production validation.',
    keywords: ['关节模组', 'joint module', '协作机器人', 'cobot'],
    targets: [
      {
        metric: '额定扭矩密度 / rated torque density',
        unit: 'N·m/kg',
        comparator: 'gte',
        threshold: '40',
        verification: '第三方台架测试 / third-party bench test',
      },
      {
        metric: '回差 / backlash',
        unit: 'arcmin',
        comparator: 'lte',
        threshold: '1',
        verification: '发榜方产线实测 / measured on the proposer’s line',
      },
    ],
    awardYuan: 12_000_000,
    startedDaysAgo: 250,
    gatesDecided: 2,
    stages: [
      {
        titleZh: '原理样机',
        titleEn: 'Prototype',
        gateDay: 60,
        interim: ['30', '2'],
        evidence: '台架测试报告 / bench test reports',
        rule: { kind: 'threshold', minScore: '75' },
      },
      {
        titleZh: '工程样机',
        titleEn: 'Engineering prototype',
        gateDay: 150,
        interim: [null, null],
        evidence: '产线实测与第三方报告 / line measurements and third-party reports',
        rule: { kind: 'top_k', k: 1 },
      },
    ],
    teams: [
      {
        commander: 'solver10',
        route: '谐波减速 + 无框力矩电机 / harmonic drive with frameless torque motor',
        budgetYuan: 4_000_000,
        stages: [
          { measured: ['33', '1.5'], scores: ['84', '86'] },
          { measured: ['42', '0.8'], scores: ['91', '89'] },
        ],
      },
      {
        commander: 'solver11',
        route: '摆线针轮一体化 / integrated cycloidal drive',
        budgetYuan: 4_000_000,
        stages: [
          { measured: ['31', '1.8'], scores: ['80', '79'] },
          { measured: ['41', '0.9'], scores: ['85', '86'] },
        ],
      },
      {
        commander: 'solver8',
        route: '行星滚柱 / planetary roller',
        budgetYuan: 4_000_000,
        stages: [{ measured: ['26', '2.6'], scores: ['70', '72'] }],
      },
    ],
  },
];

const EVERY_RACE = { sort: 'createdAt', order: 'desc', page: 1, pageSize: 200 } as const;

/** Loads the demo races unless they exist; returns how many it made. `log` gets one line per race. */
export async function loadRaceDemo(
  base: Omit<Ctx, 'actor'>,
  log: (line: string) => void = () => {},
): Promise<number> {
  const realNow = base.now();
  const ctx0: Ctx = { ...base, actor: null };
  const existing = new Set((await listRaces(ctx0, EVERY_RACE)).items.map((r) => r.titleZh));
  const todo = RACES.filter((r) => !existing.has(r.titleZh));
  if (todo.length === 0) return 0;

  const ids = new Map<string, string>();
  const needed = [
    'organizer',
    'admin',
    ...RACES.flatMap((r) => [r.proposer, ...r.teams.map((t) => t.commander)]),
  ];
  for (const who of needed) {
    const email = who === 'admin' ? 'admin@demo.jiebang.cn' : EMAIL(who);
    const row = await accountsRepo.findPersonByEmail(base.db, email);
    if (!row) throw new Error(`demo person ${email} is missing: load the demo (loadDemo) first`);
    ids.set(who, row.id);
  }
  const as = async (who: string, at: Date): Promise<Ctx> => ({
    ...base,
    actor: await actorFor(base, ids.get(who)!),
    now: () => at,
  });
  const agencyId = (await as('organizer', realNow)).actor!.roles.find((r) => r.role === 'organizer')!.orgId;

  for (const r of todo) {
    await loadOne(r, realNow, agencyId, as, ids);
    log(`race: ${r.titleEn} (${r.gatesDecided === r.stages.length ? 'finished' : 'in progress'})`);
  }
  return todo.length;
}

async function loadOne(
  r: DemoRace,
  realNow: Date,
  agencyId: string,
  as: (who: string, at: Date) => Promise<Ctx>,
  ids: Map<string, string>,
) {
  const start = new Date(realNow.getTime() - r.startedDaysAgo * DAY);
  const at = (days: number) => new Date(start.getTime() + days * DAY);
  const proposer = await as(r.proposer, start);
  const orgId = proposer.actor!.roles.find((x) => x.role === 'proposer')!.orgId;
  const deadline = at(30);
  const c = await createChallenge(proposer, {
    orgId,
    organiserOrgId: agencyId,
    titleZh: r.titleZh,
    titleEn: r.titleEn,
    statementZh: r.statementZh,
    statementEn: r.statementEn,
    disciplineCodes: [],
    keywords: r.keywords,
    regionCode: null,
    budgetCeilingFen: Math.max(...r.teams.map((t) => t.budgetYuan)) * 100,
    cofundFen: 0,
    deadline: deadline.toISOString(),
    durationMonths: 24,
    ipTerms:
      '成果归揭榜方，发榜方享有优先实施许可。/ Results belong to the solvers; the proposer has a first licence.',
    winnerSlots: r.teams.length,
    mode: 'race',
    eligibility: [],
    noticeDays: 5,
    targets: r.targets.map((t) => ({
      ...t,
      thresholdHigh: null,
      verifier: 'proposer' as const,
      verifierName: '',
      mandatory: true,
    })),
  });
  await challengeAction(await as(r.proposer, at(0.05)), c.id, 'submit', '');
  await challengeAction(await as('organizer', at(1)), c.id, 'publish', '通过审核 / approved');

  // The platform admin countersigns the pledges as an admin of each host organisation.
  const bidIds: string[] = [];
  for (const [j, team] of r.teams.entries()) {
    const t = at(3 + j);
    const commander = await as(team.commander, t);
    const hostOrgId = commander.actor!.roles.find((x) => x.role === 'solver')!.orgId;
    await grantMembership(await as('admin', t), {
      personId: ids.get('admin')!,
      orgId: hostOrgId,
      role: 'admin',
    });
    const { bid } = await createBid(commander, c.id, `demo-race-${r.proposer}-${j}`, {
      hostOrgId,
      technicalRoute: team.route,
      budgetFen: team.budgetYuan * 100,
      milestones: r.stages.map((s) => ({
        title: s.titleZh,
        due: new Date(deadline.getTime() + s.gateDay * DAY).toISOString().slice(0, 10),
        deliverables: s.evidence,
        targetValues: {},
      })),
      pledge: {
        commitments: '按关口提交全部证明材料 / submit every piece of evidence at each gate',
        consequences: '淘汰后不再获得后续拨付 / no later tranche once eliminated',
      },
      members: [],
    });
    await signPledge(commander, bid.id, 'commander');
    await signPledge(await as('admin', t), bid.id, 'host');
    await bidAction(commander, bid.id, 'submit');
    bidIds.push(bid.id);
  }

  const closed = new Date(deadline.getTime() + 3_600_000);
  await challengeAction(await as('organizer', closed), c.id, 'close_bidding', '');
  const decided = new Date(closed.getTime() + DAY);
  for (const id of bidIds) await bidAction(await as('organizer', decided), id, 'select');
  await challengeAction(await as('organizer', decided), c.id, 'announce', '');
  const awarded = new Date(decided.getTime() + 6 * DAY);
  await challengeAction(await as('organizer', awarded), c.id, 'award', '');

  // The race: declared the day after the award, started the day after that.
  const day = (d: number) => new Date(awarded.getTime() + d * DAY);
  const lot = [
    { kind: 'target' as const, targetId: c.targets[0].id },
    { kind: 'earlier_submission' as const },
    { kind: 'lot' as const },
  ];
  const board = await createRace(await as('organizer', day(1)), {
    challengeId: c.id,
    awardFen: r.awardYuan * 100,
    noticeDays: 5,
    tranchePlan: {
      signingPercent: 30,
      signingCapFen: 300_000_000,
      stages: [
        { sharePercent: 40, rankWeights: [1] },
        { sharePercent: 60, rankWeights: [3, 1] },
      ],
    },
    stages: r.stages.map((s) => ({
      titleZh: s.titleZh,
      titleEn: s.titleEn,
      gateAt: day(s.gateDay).toISOString(),
      targetIds: c.targets.map((t) => t.id),
      targetValues: Object.fromEntries(
        c.targets.flatMap((t, k) => (s.interim[k] ? [[t.id, s.interim[k] as string]] : [])),
      ),
      evidence: s.evidence,
      scoreSource: 'manual' as const,
      evidenceRequired: false,
      rule: s.rule,
      tieBreak: lot,
    })),
  });
  await startRace(await as('organizer', day(2)), board.id);
  const teamOf = new Map(board.teams.map((t) => [t.bidId, t.id]));

  for (let g = 0; g < r.gatesDecided; g++) {
    const stage = r.stages[g];
    const gateDay = stage.gateDay;
    for (const [j, team] of r.teams.entries()) {
      const input = team.stages[g];
      if (!input) continue;
      await recordEvaluation(
        await as('organizer', day(gateDay - 2)),
        board.id,
        g + 1,
        teamOf.get(bidIds[j])!,
        {
          measured: Object.fromEntries(c.targets.map((t, k) => [t.id, input.measured[k]])),
          scores: input.scores,
          evidence: `${stage.evidence}（${team.commander}）`,
          submittedAt: day(gateDay - 3 - j * 0.1).toISOString(),
        },
      );
    }
    const proposed = await proposeGate(await as('organizer', day(gateDay)), board.id, g + 1);
    const gate = proposed.gates.find((x) => x.stageNo === g + 1 && x.state === 'proposed')!;
    if (g === 0 && r.objection) {
      const o = await raiseObjection(
        await as(r.objection.by, day(gateDay + 1)),
        board.id,
        gate.id,
        r.objection.text,
      );
      await resolveObjection(
        await as('organizer', day(gateDay + 3)),
        o.id,
        'dismissed',
        r.objection.resolution,
      );
    }
    await finalizeGate(await as('organizer', day(gateDay + 6)), board.id, gate.id);
  }
}
