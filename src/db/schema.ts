// Row types of every table, as Kysely sees them. Rows stay inside repositories.
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
/** 'YYYY-MM-DD' (the date type parser keeps dates as text). */
type DateText = string;

export interface AppSettingTable {
  key: string;
  value: string;
}

export interface OrganisationTable {
  id: Generated<string>;
  kind: string;
  name_zh: string;
  name_en: Generated<string>;
  uscc: string | null;
  region_code: string | null;
  created_at: CreatedAt;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface PersonTable {
  id: Generated<string>;
  email: string;
  email_norm: string;
  password_hash: string;
  name_zh: Generated<string>;
  name_en: Generated<string>;
  orcid: string | null;
  title: Generated<string>;
  phone: Generated<string>;
  bio: Generated<string>;
  discipline_codes: Generated<string[]>;
  keywords: Generated<string[]>;
  locale: Generated<string>;
  disabled_at: Timestamp | null;
  version: Generated<number>;
  created_at: CreatedAt;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface EmploymentTable {
  id: Generated<string>;
  person_id: string;
  position_no: number;
  org_id: string | null;
  org_name: string;
  job_title: Generated<string>;
  start_date: DateText;
  end_date: DateText | null;
}

export interface PublicationTable {
  id: Generated<string>;
  person_id: string;
  position_no: number;
  title: string;
  year: number;
  venue: Generated<string>;
  doi: string | null;
  coauthors: Generated<string[]>;
}

export interface PersonProjectTable {
  id: Generated<string>;
  person_id: string;
  position_no: number;
  title: string;
  role: Generated<string>;
  funder: Generated<string>;
  start_year: number;
  end_year: number | null;
}

export interface MembershipTable {
  id: Generated<string>;
  person_id: string;
  org_id: string;
  role: string;
  status: string;
  created_at: CreatedAt;
  decided_at: Timestamp | null;
  decided_by: string | null;
}

export interface SessionTable {
  id: string;
  person_id: string;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
  revoked_at: Timestamp | null;
  ip: string;
  user_agent: string;
}

export interface AuditLogTable {
  seq: number;
  at: Timestamp;
  actor_id: string | null;
  action: string;
  object_type: string;
  object_id: string;
  before_digest: string | null;
  after_digest: string | null;
  detail: ColumnType<Record<string, unknown>, string, never>;
  prev_hash: string;
  hash: string;
}

export interface AuditHeadTable {
  id: number;
  seq: number;
  hash: string;
}

export interface DB {
  app_setting: AppSettingTable;
  organisation: OrganisationTable;
  person: PersonTable;
  employment: EmploymentTable;
  publication: PublicationTable;
  person_project: PersonProjectTable;
  membership: MembershipTable;
  session: SessionTable;
  audit_log: AuditLogTable;
  audit_head: AuditHeadTable;
}
