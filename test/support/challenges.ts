// A cast for challenge tests: an agency with an organizer, an enterprise with a proposer,
// a university hosting solver teams (with an admin to countersign pledges), all logged in.

import type { buildTestApp } from './app.ts';
import type { TestClient } from './client.ts';
import { buildOrganisation } from './factories.ts';

type App = Awaited<ReturnType<typeof buildTestApp>>;

export async function buildCast(t: App, tag = '') {
  const admin = await t.admin(`admin${tag}@jiebang.test`);
  const agency = (
    await admin.post('/api/organisations', buildOrganisation({ kind: 'agency', nameZh: '东海省科学技术厅' }))
  ).body;
  const enterprise = (
    await admin.post('/api/organisations', buildOrganisation({ kind: 'enterprise', nameZh: '华晶石英' }))
  ).body;
  const university = (
    await admin.post(
      '/api/organisations',
      buildOrganisation({ kind: 'university', nameZh: '东海大学', regionCode: '330106' }),
    )
  ).body;
  const person = async (name: string, grants: [string, string][]) => {
    const c = t.client();
    const email = `${name}${tag}@example.cn`;
    const r = await c.register(email, 'correct horse battery', name);
    for (const [orgId, role] of grants) {
      const g = await admin.post('/api/memberships/grant', { personId: r.body.id, orgId, role });
      if (g.status !== 201) throw new Error(JSON.stringify(g.body));
    }
    await c.login(email);
    return Object.assign(c, { id: r.body.id as string });
  };
  const organizer = await person('organizer', [[agency.id, 'organizer']]);
  const proposer = await person('proposer', [[enterprise.id, 'proposer']]);
  const solver1 = await person('solver1', [[university.id, 'solver']]);
  const solver2 = await person('solver2', [[university.id, 'solver']]);
  const member = await person('member', [[university.id, 'solver']]);
  const hostAdmin = await person('hostadmin', [[university.id, 'admin']]);
  const outsider = await person('outsider', []);
  return {
    admin,
    agency,
    enterprise,
    university,
    organizer,
    proposer,
    solver1,
    solver2,
    member,
    hostAdmin,
    outsider,
  };
}

export function buildChallenge(
  orgId: string,
  organiserOrgId: string,
  overrides: Record<string, unknown> = {},
) {
  return {
    orgId,
    organiserOrgId,
    titleZh: '半导体级高纯石英坩埚',
    titleEn: 'Semiconductor-grade high-purity quartz crucible',
    statementZh: '研制用于单晶硅拉制的高纯石英坩埚，内层气泡与金属杂质满足指标。',
    statementEn: 'Develop high-purity quartz crucibles for Czochralski silicon growth.',
    disciplineCodes: ['E0207'],
    keywords: ['石英', 'crucible'],
    regionCode: '330106',
    budgetCeilingFen: 500_000_000,
    cofundFen: 100_000_000,
    deadline: '2026-12-31T17:00:00+08:00',
    durationMonths: 24,
    ipTerms: '成果归揭榜方，发榜方享有优先实施许可。',
    winnerSlots: 1,
    mode: 'single',
    targets: [
      {
        metric: '总金属杂质含量',
        unit: 'ppm',
        comparator: 'lte',
        threshold: '10',
        verification: '第三方 ICP-MS 检测',
        verifier: 'lab',
        verifierName: '国家石英材料质检中心',
      },
      {
        metric: '连续拉晶时间',
        unit: 'h',
        comparator: 'gte',
        threshold: '400',
        verification: '产线试用记录',
        verifier: 'proposer',
      },
    ],
    ...overrides,
  };
}

export function buildBid(hostOrgId: string, targetIds: string[], overrides: Record<string, unknown> = {}) {
  return {
    hostOrgId,
    technicalRoute: '酸浸提纯 + 电弧熔制内层透明层',
    budgetFen: 400_000_000,
    milestones: [
      {
        title: '小批量样品',
        due: '2027-06-30',
        deliverables: '10 只样品与检测报告',
        targetValues: { [targetIds[0]]: '15' },
      },
      {
        title: '产线验证',
        due: '2028-06-30',
        deliverables: '产线连续拉晶验证',
        targetValues: { [targetIds[0]]: '8', [targetIds[1]]: '420' },
      },
    ],
    pledge: { commitments: '按期完成全部约束性指标', consequences: '未完成则退还未使用经费并记入信用记录' },
    members: [] as { personId: string; role: string }[],
    ...overrides,
  };
}

export async function publishedChallenge(
  cast: Awaited<ReturnType<typeof buildCast>>,
  overrides: Record<string, unknown> = {},
) {
  const c = (
    await cast.proposer.post('/api/challenges', buildChallenge(cast.enterprise.id, cast.agency.id, overrides))
  ).body;
  await cast.proposer.post(`/api/challenges/${c.id}/actions/submit`, {});
  const p = await cast.organizer.post(`/api/challenges/${c.id}/actions/publish`, {});
  if (p.status !== 200) throw new Error(JSON.stringify(p.body));
  return c as { id: string; targets: { id: string }[] };
}

/** A bid taken all the way to submitted: members confirm, both sign the pledge, the commander submits. */
export async function submittedBid(
  commander: TestClient,
  hostAdmin: TestClient,
  challenge: { id: string; targets: { id: string }[] },
  hostOrgId: string,
  key: string,
) {
  const b = await commander.request(
    'POST',
    `/api/challenges/${challenge.id}/bids`,
    buildBid(
      hostOrgId,
      challenge.targets.map((x) => x.id),
    ),
    {
      headers: { 'idempotency-key': key },
    },
  );
  if (b.status !== 201) throw new Error(JSON.stringify(b.body));
  await commander.post(`/api/bids/${b.body.id}/sign`, { as: 'commander' });
  await hostAdmin.post(`/api/bids/${b.body.id}/sign`, { as: 'host' });
  const s = await commander.post(`/api/bids/${b.body.id}/actions/submit`);
  if (s.status !== 200) throw new Error(JSON.stringify(s.body));
  return b.body as { id: string };
}
