// build* factories for test data.
import { usccCheckChar } from '../../src/modules/accounts/identifiers.ts';

let n = 0;
/** A valid unified social credit code, different on every call. */
export function buildUscc(region = '110108'): string {
  n++;
  const body = `91${region}${String(100000000 + n * 7919).slice(-9)}`;
  return body + usccCheckChar(body);
}

export function buildOrganisation(overrides: Record<string, unknown> = {}) {
  return {
    kind: 'enterprise',
    nameZh: `测试企业${++n}`,
    nameEn: `Test Co ${n}`,
    uscc: buildUscc(),
    regionCode: '110108',
    ...overrides,
  };
}

export function buildProfile(overrides: Record<string, unknown> = {}) {
  return {
    version: 1,
    nameZh: '张伟',
    nameEn: 'Zhang Wei',
    orcid: '0000-0002-1825-0097',
    title: '研究员',
    phone: '',
    bio: '',
    locale: 'zh-CN',
    disciplineCodes: ['F0201', '520.2010'],
    keywords: ['机器人', 'reducer'],
    employment: [
      { orgId: null, orgName: '清华大学', jobTitle: '教授', startDate: '2015-09-01', endDate: null },
    ],
    publications: [
      {
        title: 'Harmonic drives with low backlash',
        year: 2024,
        venue: 'IEEE T-Mech',
        doi: '10.1109/tmech.2024.1',
        coauthors: ['Li Na'],
      },
    ],
    projects: [{ title: '精密减速器', role: '负责人', funder: 'NSFC', startYear: 2022, endYear: null }],
    ...overrides,
  };
}
