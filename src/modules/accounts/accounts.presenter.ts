// Shapes accounts objects for responses; decides what each viewer may see.
import type { MembershipRow, OrganisationRow, PersonRow } from './accounts.repo.ts';

export const presentOrganisation = (o: OrganisationRow) => ({
  id: o.id,
  kind: o.kind as 'enterprise',
  nameZh: o.name_zh,
  nameEn: o.name_en,
  uscc: o.uscc,
  regionCode: o.region_code,
});

export const presentSessionPerson = (p: PersonRow) => ({
  id: p.id,
  email: p.email,
  nameZh: p.name_zh,
  nameEn: p.name_en,
  locale: p.locale,
});

export const presentPublicPerson = (p: PersonRow, currentOrg: string | null) => ({
  id: p.id,
  nameZh: p.name_zh,
  nameEn: p.name_en,
  title: p.title,
  disciplineCodes: p.discipline_codes,
  keywords: p.keywords,
  currentOrg,
});

type MembershipListRow = Pick<
  MembershipRow,
  'id' | 'person_id' | 'org_id' | 'role' | 'status' | 'created_at'
> & {
  org_name_zh: string;
  org_name_en: string;
  person_name_zh: string;
  person_name_en: string;
};

export const presentMembership = (m: MembershipListRow) => ({
  id: m.id,
  personId: m.person_id,
  personName: m.person_name_zh || m.person_name_en,
  orgId: m.org_id,
  orgName: m.org_name_zh || m.org_name_en,
  role: m.role as 'solver',
  status: m.status as 'pending',
  createdAt: m.created_at.toISOString(),
});
