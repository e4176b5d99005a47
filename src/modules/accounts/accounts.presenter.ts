// Shapes accounts objects for responses; decides what each viewer may see.
import type { HnteDomain } from '../../shared/policy/hnte.ts';
import type { MembershipRow, OrganisationRow, PersonRow } from './accounts.repo.ts';
import type { SPECIAL_CATEGORIES } from './accounts.schema.ts';

/** The enterprise profile of an enterprise (null for other kinds of organisation). */
export const presentEnterprise = (o: OrganisationRow) =>
  o.kind !== 'enterprise'
    ? null
    : {
        registrationDate: o.registration_date,
        industryCode: o.industry_code,
        mainBusiness: o.main_business,
        hnteDomain: o.hnte_domain as HnteDomain | null,
        employeeCount: o.employee_count,
        specialCategory: o.special_category as (typeof SPECIAL_CATEGORIES)[number] | null,
      };

/** An organisation; its enterprise profile only when `withEnterprise` (the viewer may read it). */
export const presentOrganisation = (o: OrganisationRow, withEnterprise = false) => ({
  id: o.id,
  kind: o.kind as 'enterprise',
  nameZh: o.name_zh,
  nameEn: o.name_en,
  uscc: o.uscc,
  regionCode: o.region_code,
  enterprise: withEnterprise ? presentEnterprise(o) : null,
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
