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
  // Enterprise profile (0004): filled by the organisation's admin, read by the policy tools.
  registration_date: DateText | null;
  industry_code: string | null;
  main_business: Generated<string>;
  hnte_domain: string | null;
  employee_count: number | null;
  special_category: string | null;
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
  public_id: Generated<string>;
}

export interface PasswordResetTable {
  id: Generated<string>;
  person_id: string;
  token_hash: string;
  created_at: Timestamp;
  expires_at: Timestamp;
  used_at: Timestamp | null;
  ip: Generated<string>;
}

export interface InsightIndicatorTable {
  id: Generated<string>;
  dimension: 'province' | 'industry';
  code: string;
  name_zh: string;
  name_en: Generated<string>;
  year: number;
  /** numeric(20,4) as exact text (亿元) */
  rd_expenditure: string;
  output: string;
  rd_personnel: string | null;
  imported_by: string | null;
  imported_at: Timestamp;
}

export interface PersonTotpTable {
  person_id: string;
  secret_enc: string;
  created_at: Timestamp;
  enabled_at: Timestamp | null;
  last_step: number | null;
  failures: Generated<number>;
  failures_since: Timestamp | null;
}

export interface TotpRecoveryCodeTable {
  id: Generated<string>;
  person_id: string;
  code_hash: string;
  created_at: Timestamp;
  used_at: Timestamp | null;
}

export interface TotpRequirementTable {
  org_id: string;
  role: string;
  set_by: string;
  set_at: Timestamp;
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

export interface PolicyWorksheetTable {
  id: Generated<string>;
  org_id: string;
  kind: 'hnte' | 'deduction' | 'transfer';
  tax_year: number;
  /** The request body as entered (yuan strings), validated before it was saved. */
  input: ColumnType<unknown, string, string>;
  created_by: string;
  /** When this input was last saved (a save replaces the year's input). */
  created_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

type Json<T> = ColumnType<T, string, string>;

export interface SanctionTable {
  id: Generated<string>;
  person_id: string | null;
  org_id: string | null;
  blocks: string[];
  starts_on: DateText;
  ends_on: DateText;
  reason: string;
  created_at: CreatedAt;
}

export interface ChallengeTable {
  id: Generated<string>;
  org_id: string;
  organiser_org_id: string;
  created_by: string;
  state: string;
  version: Generated<number>;
  title_zh: string;
  title_en: string;
  statement_zh: string;
  statement_en: string;
  discipline_codes: string[];
  keywords: string[];
  region_code: string | null;
  budget_ceiling_fen: number;
  cofund_fen: number;
  deadline: Timestamp;
  duration_months: number;
  ip_terms: string;
  winner_slots: number;
  mode: string;
  eligibility: Json<unknown[]>;
  notice_days: number;
  ethics_categories: Generated<string[]>;
  notice_ends_at: Timestamp | null;
  published_at: Timestamp | null;
  search_text: string;
  created_at: CreatedAt;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface ChallengeTargetTable {
  id: Generated<string>;
  challenge_id: string;
  position_no: number;
  metric: string;
  unit: string;
  comparator: string;
  threshold: string;
  threshold_high: string | null;
  verification: string;
  verifier: string;
  verifier_name: string;
  mandatory: boolean;
}

export interface ChallengeVettingTable {
  id: Generated<string>;
  n: Generated<number>;
  challenge_id: string;
  actor_id: string;
  action: string;
  comment: string;
  at: Timestamp;
}

export interface BidTable {
  id: Generated<string>;
  challenge_id: string;
  host_org_id: string;
  commander_id: string;
  state: string;
  version: Generated<number>;
  idempotency_key: string;
  request_digest: string;
  ethics_categories: Generated<string[]>;
  technical_route: string;
  budget_fen: number;
  milestones: Json<unknown[]>;
  pledge: Json<Record<string, unknown>>;
  pledge_version: Generated<number>;
  pledge_signed_commander_at: Timestamp | null;
  pledge_signed_host_at: Timestamp | null;
  pledge_signed_host_by: string | null;
  submitted_at: Timestamp | null;
  created_at: CreatedAt;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

/** 0017: each signed version of a bid's pledge (军令状): what was signed (digest), by whom, when. */
export interface BidPledgeVersionTable {
  bid_id: string;
  version: number;
  content: Json<Record<string, unknown>>;
  digest: string;
  signed_commander_by: string | null;
  signed_commander_at: Timestamp | null;
  signed_host_by: string | null;
  signed_host_at: Timestamp | null;
}

export interface BidMemberTable {
  bid_id: string;
  person_id: string;
  role: string;
  confirmed_at: Timestamp | null;
}

export interface BidScoreTable {
  bid_id: string;
  scorer_id: string;
  kind: string;
  score: string;
  comment: string;
  at: Timestamp;
}

export interface ObjectionTable {
  id: Generated<string>;
  challenge_id: string;
  raised_by: string;
  text: string;
  state: string;
  resolution: Generated<string>;
  resolved_by: string | null;
  created_at: Timestamp;
  resolved_at: Timestamp | null;
}

export interface TaskBookTable {
  id: Generated<string>;
  challenge_id: string;
  bid_id: string;
  state: string;
  targets: Json<unknown[]>;
  targets_digest: string;
  milestones: Json<unknown[]>;
  tranches: Json<unknown[]>;
  budget_fen: number;
  revision: Generated<number>;
  signed_proposer_at: Timestamp | null;
  signed_proposer_by: string | null;
  signed_commander_at: Timestamp | null;
  created_at: Timestamp;
  closed_at: Timestamp | null;
}

export interface MilestoneReportTable {
  id: Generated<string>;
  task_book_id: string;
  milestone_no: number;
  summary: string;
  measured: Json<Record<string, string>>;
  submitted_by: string;
  submitted_at: Timestamp;
  review_state: Generated<string>;
  review_comment: Generated<string>;
  reviewed_by: string | null;
}

export interface AcceptanceJudgementTable {
  task_book_id: string;
  target_id: string;
  measured: string;
  evidence: string;
  verifier: string;
  met: boolean;
  judged_by: string;
  judged_at: Timestamp;
  /** 0018: 'proposer' | 'lab' | 'panel' (null on judgements recorded before it). */
  verifier_kind: string | null;
  verifier_reason: Generated<string>;
  evidence_attachment_ids: Generated<string[]>;
}

// Delivery reviewed by the proposer and experts (0018).
export interface TaskBookExpertTable {
  task_book_id: string;
  person_id: string;
  named_by: string;
  named_at: Timestamp;
}

export interface MilestoneReportReviewTable {
  report_id: string;
  reviewer_id: string;
  role: string;
  decision: string;
  comment: Generated<string>;
  reviewed_at: Timestamp;
}

export interface IntegrityReferralTable {
  id: Generated<string>;
  subject_person_id: string | null;
  subject_org_id: string | null;
  source_type: string;
  source_id: string;
  summary: string;
  state: Generated<string>;
  created_by: string;
  created_at: Timestamp;
  outcome: string | null;
  reason: Generated<string>;
  record_id: string | null;
  closed_by: string | null;
  closed_at: Timestamp | null;
}

export interface IntegrityRecordTable {
  id: Generated<string>;
  subject_person_id: string | null;
  subject_org_id: string | null;
  finding_type: string;
  severity: string;
  evidence: string;
  decision: string;
  sanction_id: string | null;
  appeal_status: Generated<string>;
  appeal_grounds: Generated<string>;
  appeal_note: Generated<string>;
  created_by: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface DuplicateFlagTable {
  id: Generated<string>;
  a_type: string;
  a_id: string;
  b_type: string;
  b_id: string;
  similarity: string;
  state: Generated<string>;
  note: Generated<string>;
  reviewed_by: string | null;
  created_at: Timestamp;
}

export interface EthicsCommitteeTable {
  id: Generated<string>;
  org_id: string;
  name: string;
  min_members: Generated<number>;
  quorum: Generated<number>;
  decision_days: Generated<number>;
  created_at: Timestamp;
}

export interface EthicsCommitteeMemberTable {
  committee_id: string;
  person_id: string;
}

export interface EthicsReviewTable {
  id: Generated<string>;
  bid_id: string;
  committee_id: string;
  categories: string[];
  state: string;
  conditions: Generated<string>;
  opened_at: Timestamp;
  due_at: Timestamp;
  decided_at: Timestamp | null;
  /** 'standard' (30 days, extendable once) or 'emergency' (72 hours). */
  procedure: Generated<string>;
  emergency_reason: Generated<string>;
  extension_days: number | null;
  extension_reason: string | null;
  extended_at: Timestamp | null;
  extended_by: string | null;
}

export interface EthicsVoteTable {
  review_id: string;
  member_id: string;
  vote: string;
  comment: Generated<string>;
  at: Timestamp;
}

export interface AttachmentTable {
  id: Generated<string>;
  owner_type: string;
  owner_id: string;
  file_name: string;
  media_type: string;
  size_bytes: number;
  sha256: string;
  content: Uint8Array;
  uploaded_by: string;
  uploaded_at: Timestamp;
}

// Horse races (0007).
export interface RaceTable {
  id: Generated<string>;
  challenge_id: string;
  state: string;
  award_fen: number;
  tranche_plan: Json<unknown>;
  notice_days: number;
  created_by: string;
  created_at: Timestamp;
  started_at: Timestamp | null;
  ended_at: Timestamp | null;
  end_reason: Generated<string>;
}

export interface RaceStageTable {
  race_id: string;
  stage_no: number;
  title_zh: string;
  title_en: string;
  gate_at: Timestamp;
  target_ids: string[];
  target_values: Json<Record<string, string>>;
  evidence: string;
  rule: Json<unknown>;
  tie_break: Json<unknown[]>;
  /** 'manual' (typed-in scores) or 'review_round' (the calibrated ranking of the stage's review round). */
  score_source: Generated<string>;
  /** The lot's seed, fixed at the stage's first gate proposal. */
  lot_seed: string | null;
  /** A team without its own evidence submission does not advance (0020). */
  evidence_required: Generated<boolean>;
}

/** 0020: the evidence a team submits itself for a stage: text and attachments of its task book. */
export interface RaceEvidenceTable {
  race_id: string;
  stage_no: number;
  team_id: string;
  text: string;
  attachment_ids: string[];
  submitted_by: string;
  submitted_at: Timestamp;
}

export interface RaceTeamTable {
  id: Generated<string>;
  race_id: string;
  bid_id: string;
  entry_no: number;
  joined_via: string;
  status: string;
  status_reason: Generated<string>;
  status_at: Timestamp | null;
  merged_into: string | null;
}

export interface RaceEvaluationTable {
  race_id: string;
  stage_no: number;
  team_id: string;
  measured: Json<Record<string, string>>;
  scores: Json<string[]>;
  evidence: string;
  submitted_at: Timestamp | null;
  entered_by: string;
  entered_at: Timestamp;
}

export interface RaceGateTable {
  id: Generated<string>;
  race_id: string;
  stage_no: number;
  state: string;
  seed: string;
  inputs: Json<unknown>;
  outcome: Json<unknown>;
  proposed_by: string;
  proposed_at: Timestamp;
  notice_ends_at: Timestamp;
  decided_by: string | null;
  decided_at: Timestamp | null;
  withdraw_reason: Generated<string>;
}

export interface RaceObjectionTable {
  id: Generated<string>;
  gate_id: string;
  raised_by: string;
  text: string;
  state: string;
  resolution: Generated<string>;
  resolved_by: string | null;
  created_at: Timestamp;
  resolved_at: Timestamp | null;
}

export interface RaceTrancheTable {
  id: Generated<string>;
  race_id: string;
  team_id: string;
  stage_no: number;
  gate_id: string | null;
  amount_fen: number;
  released_at: Timestamp;
}

export interface RaceEventTable {
  id: Generated<string>;
  n: Generated<number>;
  race_id: string;
  kind: string;
  stage_no: number | null;
  team_ids: Generated<string[]>;
  reason: Generated<string>;
  detail: Json<Record<string, unknown>>;
  actor_id: string | null;
  at: Timestamp;
}

// Expert evaluation (0009).
export interface ExpertTable {
  person_id: string;
  max_load: number;
  availability: Json<{ from: DateText; to: DateText }[]>;
  active: Generated<boolean>;
  source: Generated<string>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ExpertRelationTable {
  id: Generated<string>;
  expert_id: string;
  other_person_id: string | null;
  other_name: Generated<string>;
  kind: string;
  note: Generated<string>;
  declared_at: Timestamp;
}

export interface BidExclusionTable {
  bid_id: string;
  expert_id: string;
  reason: string;
  created_at: Timestamp;
}

export interface ReviewRoundTable {
  id: Generated<string>;
  challenge_id: string;
  race_stage_no: number | null;
  state: string;
  title_zh: string;
  title_en: Generated<string>;
  rubric: Json<unknown[]>;
  reviewers_per_item: number;
  fairness: Generated<boolean>;
  coi: Json<Record<string, unknown>>;
  rebuttal_allowed: Generated<boolean>;
  due_at: Timestamp;
  budget_fen: Generated<number>;
  tie_break: Generated<string>;
  version: Generated<number>;
  created_by: string;
  created_at: Timestamp;
}

export interface ReviewAssignmentRunTable {
  id: Generated<string>;
  round_id: string;
  state: string;
  phase: Generated<string>;
  progress: Generated<number>;
  stats: Json<Record<string, unknown>>;
  error: Generated<string>;
  started_by: string;
  started_at: Timestamp;
  finished_at: Timestamp | null;
  heartbeat_at: ColumnType<Date, Date | string | undefined, Date | string>;
  job_id: string | null;
}

export interface ReviewAssignmentTable {
  id: Generated<string>;
  round_id: string;
  bid_id: string;
  expert_id: string;
  pseudonym: string;
  affinity: Generated<number>;
  shared_terms: Generated<string[]>;
  state: string;
  reason: Generated<string>;
  run_id: string | null;
  assigned_at: Timestamp;
  decided_at: Timestamp | null;
}

export interface ReviewTable {
  assignment_id: string;
  scores: Json<Record<string, number>>;
  total: string | null;
  confidence: number | null;
  comment_applicant: Generated<string>;
  comment_confidential: Generated<string>;
  state: string;
  saved_at: Timestamp;
  submitted_at: Timestamp | null;
}

export interface ReviewReminderTable {
  id: Generated<string>;
  round_id: string;
  assignment_id: string;
  sent_by: string;
  sent_at: Timestamp;
}

export interface ConsensusReportTable {
  round_id: string;
  bid_id: string;
  rapporteur_assignment_id: string;
  majority: Generated<string>;
  minority: Generated<string>;
  recommendation: Generated<string>;
  state: string;
  version: Generated<number>;
  updated_at: Timestamp;
  accepted_by: string | null;
  accepted_at: Timestamp | null;
}

export interface RebuttalWindowTable {
  round_id: string;
  opens_at: Timestamp;
  closes_at: Timestamp;
  set_by: string;
}

export interface RebuttalTable {
  round_id: string;
  bid_id: string;
  body: string;
  author_id: string;
  submitted_at: Timestamp;
}

export interface ReviewAppealTable {
  id: Generated<string>;
  round_id: string;
  bid_id: string;
  ground: string;
  statement: string;
  author_id: string;
  state: string;
  decision_reasons: Generated<string>;
  decided_by: string | null;
  filed_at: Timestamp;
  decided_at: Timestamp | null;
}

export interface RankingDecisionTable {
  id: Generated<string>;
  round_id: string;
  version: number;
  inputs: Json<Record<string, unknown>>;
  outcome: Json<Record<string, unknown>>;
  inputs_sha256: string;
  decided_by: string;
  decided_at: Timestamp;
}

/** 0012: the first request an (actor, Idempotency-Key) pair was used for, and its response. */
export interface IdempotencyRecordTable {
  actor_id: string;
  key: string;
  method: string;
  route: string;
  request_digest: string;
  status_code: number | null;
  response: unknown;
  created_at: Timestamp;
}

// Funding (0010).
export interface FundTable {
  id: Generated<string>;
  kind: string;
  org_id: string;
  challenge_id: string | null;
  name_zh: string;
  name_en: Generated<string>;
  fiscal_year: number;
  created_by: string;
  created_at: Timestamp;
}

export interface FundingRuleTable {
  challenge_id: string;
  budget_mode: string;
  indirect_cap_pct: number;
  negative_list: unknown;
  surplus: string;
  updated_by: string;
  updated_at: Timestamp;
}

export interface FundingAwardTable {
  id: Generated<string>;
  task_book_id: string;
  challenge_id: string;
  bid_id: string;
  fund_id: string;
  cofund_id: string | null;
  amount_fen: number;
  cofund_fen: Generated<number>;
  budget_mode: string;
  budget: unknown;
  report_every_months: number;
  state: string;
  created_by: string;
  created_at: Timestamp;
  closed_by: string | null;
  closed_at: Timestamp | null;
}

export interface LedgerAccountTable {
  code: string;
  kind: string;
  normal: string;
  floor: boolean;
  fund_id: string | null;
  award_id: string | null;
  org_id: Generated<string | null>;
}

export interface JournalEntryTable {
  id: Generated<string>;
  seq: Generated<number>;
  kind: string;
  memo: string;
  fund_id: string | null;
  award_id: string | null;
  reverses: string | null;
  idempotency_key: string;
  posted_by: string;
  posted_at: Timestamp;
}

export interface JournalLineTable {
  entry_id: string;
  line_no: number;
  account: string;
  side: string;
  amount_fen: number;
}

export interface FundingTrancheTable {
  id: Generated<string>;
  award_id: string;
  no: number;
  label: string;
  amount_fen: number;
  condition: string;
  milestone_no: number | null;
  state: string;
  evidence: Generated<unknown>;
  idempotency_key: string | null;
  entry_id: string | null;
  released_by: string | null;
  released_at: Timestamp | null;
}

export interface FundingExpenseTable {
  id: Generated<string>;
  award_id: string;
  period: string;
  category: string;
  kind: string;
  description: string;
  amount_fen: number;
  entry_id: string;
  submitted_by: string;
  submitted_at: Timestamp;
}

export interface PerformanceRecordTable {
  award_id: string;
  challenge_id: string;
  commander_id: string;
  host_org_id: string;
  outcome: string;
  targets_met: number;
  targets_total: number;
  amount_fen: number;
  released_fen: number;
  spent_fen: number;
  returned_fen: number;
  retained_fen: number;
  integrity_clean: boolean;
  grade: string;
  reasons: unknown;
  recorded_by: string;
  recorded_at: Timestamp;
}

export interface FormBurdenTable {
  id: Generated<string>;
  form: string;
  challenge_id: string;
  person_id: string;
  fields_total: number;
  fields_prefilled: number;
  documents: number;
  seconds: number;
  submitted_at: Timestamp;
}

export interface NotificationTable {
  id: Generated<string>;
  event_key: string;
  recipient_id: string;
  kind: string;
  object_type: string;
  object_id: string;
  params: Json<Record<string, unknown>>;
  href: string;
  created_at: Timestamp;
  read_at: Timestamp | null;
  mail_mode: string;
  mail_id: string | null;
}

export interface MailMessageTable {
  id: Generated<string>;
  mail_key: string;
  recipient_id: string;
  to_address: string;
  locale: string;
  message_id: string;
  state: Generated<string>;
  subject: Generated<string>;
  text_body: Generated<string>;
  html_body: Generated<string>;
  attempts: Generated<number>;
  claimed_at: Timestamp | null;
  sent_at: Timestamp | null;
  smtp_response: Generated<string>;
  last_error: Generated<string>;
  created_at: Timestamp;
}

export interface NotificationPreferenceTable {
  person_id: string;
  kind: string;
  enabled: Generated<boolean>;
  mode: Generated<string>;
  updated_at: Timestamp;
}

export interface CommissionerTable {
  id: Generated<string>;
  kind: string;
  person_id: string | null;
  name_zh: string;
  name_en: Generated<string>;
  home_org: Generated<string>;
  keywords: Generated<string[]>;
  discipline_codes: Generated<string[]>;
  industries: Generated<string[]>;
  regions: string[];
  capacity: number;
  available: Generated<boolean>;
  agency_org_id: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface CommissionerDemandTable {
  id: Generated<string>;
  title: string;
  description: string;
  industry: Generated<string>;
  region_code: string;
  urgency: string;
  requester: string;
  requester_kind: string;
  contact_name: Generated<string>;
  contact_phone: Generated<string>;
  posted_by: string;
  agency_org_id: string;
  state: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface CommissionerDispatchTable {
  id: Generated<string>;
  demand_id: string;
  commissioner_id: string;
  state: string;
  score: number;
  region_level: string;
  explanation: ColumnType<unknown, string, string>;
  term_start: DateText;
  term_end: DateText;
  goals: string;
  dispatched_by: string;
  dispatched_at: Timestamp;
  responded_at: Timestamp | null;
  decline_reason: string | null;
  completed_at: Timestamp | null;
}

export interface CommissionerVisitTable {
  id: Generated<string>;
  dispatch_id: string;
  visit_date: DateText;
  place: string;
  minutes: number;
  work_done: string;
  logged_by: string;
  logged_at: Timestamp;
  confirmed_by: string | null;
  confirmed_at: Timestamp | null;
  rating: number | null;
  rating_comment: Generated<string>;
}

export interface CommissionerAssessmentTable {
  commissioner_id: string;
  year: number;
  agency_org_id: string;
  minutes: number;
  visits: number;
  resolved: number;
  ratings: number;
  /** numeric(4,2), read as text. */
  rating: ColumnType<string | null, number | null, number | null>;
  grade: string;
  rule: ColumnType<unknown, string, string>;
  assessed_by: string;
  assessed_at: Timestamp;
}

// Shared large research instruments (0045). `during` is a tstzrange, read and written as text.
export interface InstrumentTable {
  id: Generated<string>;
  org_id: string;
  name_zh: string;
  name_en: Generated<string>;
  category: string;
  model: Generated<string>;
  maker: Generated<string>;
  value_fen: number;
  region_code: string;
  address: Generated<string>;
  capabilities_zh: Generated<string>;
  capabilities_en: Generated<string>;
  search_words: Generated<string>;
  manager_id: string;
  openness: string;
  price_internal_fen: number;
  price_external_fen: number;
  min_slot_minutes: number;
  lead_hours: number;
  needs_approval: boolean;
  state: Generated<string>;
  created_by: string;
  created_at: Timestamp;
}

export interface InstrumentMaintenanceTable {
  id: Generated<string>;
  instrument_id: string;
  during: string;
  reason: Generated<string>;
  created_by: string;
  created_at: Timestamp;
}

export interface InstrumentBookingTable {
  id: Generated<string>;
  instrument_id: string;
  booker_id: string;
  payer_org_id: string;
  award_id: string | null;
  task_book_id: string | null;
  milestone_no: number | null;
  during: string;
  purpose: string;
  external: boolean;
  price_fen_per_hour: number;
  state: string;
  decided_by: string | null;
  decided_at: Timestamp | null;
  reason: Generated<string>;
  created_at: Timestamp;
}

export interface InstrumentUseTable {
  booking_id: string;
  started_at: Timestamp;
  ended_at: Timestamp;
  machine_tenths: number;
  samples: number;
  fee_fen: number;
  entry_id: string | null;
  recorded_by: string;
  recorded_at: Timestamp;
}

export interface InstrumentRatingTable {
  booking_id: string;
  score: number;
  comment: Generated<string>;
  rated_by: string;
  rated_at: Timestamp;
}

// Achievement transformation (migration 0050).
export interface TransferAchievementTable {
  id: Generated<string>;
  org_id: string;
  created_by: string;
  state: string;
  kind: string;
  ip_number: string | null;
  patent_kind: string | null;
  filing_year: number | null;
  title_zh: string;
  title_en: Generated<string>;
  abstract_zh: Generated<string>;
  abstract_en: Generated<string>;
  keywords: Generated<string[]>;
  discipline_codes: Generated<string[]>;
  ipc_codes: Generated<string[]>;
  trl: number;
  offers: string[];
  asking_price_fen: number | null;
  source_challenge_id: string | null;
  source_task_book_id: string | null;
  listed_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface TransferInventorTable {
  id: Generated<string>;
  achievement_id: string;
  no: number;
  person_id: string | null;
  name_zh: string;
  name_en: Generated<string>;
  share_bp: number;
}

export interface TransferDemandTable {
  id: Generated<string>;
  org_id: string;
  created_by: string;
  state: string;
  title_zh: string;
  title_en: Generated<string>;
  problem_zh: Generated<string>;
  problem_en: Generated<string>;
  keywords: Generated<string[]>;
  discipline_codes: Generated<string[]>;
  industry_code: string | null;
  region_code: string | null;
  budget_min_fen: number;
  budget_max_fen: number;
  deadline: DateText;
  promoted_challenge_id: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface TransferSavedSearchTable {
  id: Generated<string>;
  demand_id: string;
  person_id: string;
  min_affinity: number;
  created_at: Timestamp;
}

export interface TransferAlertTable {
  search_id: string;
  achievement_id: string;
  affinity: number;
  at: Timestamp;
}

export interface TransferDealTable {
  id: Generated<string>;
  achievement_id: string;
  demand_id: string | null;
  seller_org_id: string;
  buyer_org_id: string;
  state: string;
  mode: string | null;
  price_fen: number | null;
  pricing: string | null;
  pricing_ref: Generated<string>;
  payment_schedule: ColumnType<unknown, string | undefined, string>;
  royalty_bp: Generated<number>;
  field: Generated<string>;
  territory: Generated<string>;
  term_months: number | null;
  proposed_side: string | null;
  notice_days: Generated<number>;
  notice_starts_at: Timestamp | null;
  notice_ends_at: Timestamp | null;
  seller_signed_by: string | null;
  seller_signed_at: Timestamp | null;
  buyer_signed_by: string | null;
  buyer_signed_at: Timestamp | null;
  contract_type: string | null;
  registration_no: string | null;
  registered_at: Timestamp | null;
  registered_by: string | null;
  tax_year: number | null;
  created_by: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface TransferMessageTable {
  id: Generated<string>;
  deal_id: string;
  author_id: string;
  side: string;
  body: string;
  at: Timestamp;
}

export interface TransferObjectionTable {
  id: Generated<string>;
  deal_id: string;
  author_id: string;
  text: string;
  at: Timestamp;
  state: string;
  resolution: Generated<string>;
  resolved_by: string | null;
  resolved_at: Timestamp | null;
}

export interface TransferJournalEntryTable {
  id: Generated<string>;
  seq: Generated<number>;
  deal_id: string;
  kind: string;
  memo: string;
  idempotency_key: string;
  posted_by: string;
  posted_at: Timestamp;
}

export interface TransferJournalLineTable {
  entry_id: string;
  line_no: number;
  account: string;
  side: string;
  amount_fen: number;
}

export interface TransferPaymentTable {
  id: Generated<string>;
  deal_id: string;
  amount_fen: number;
  received_on: DateText;
  entry_id: string;
  recorded_by: string;
  at: Timestamp;
}

export interface TransferDistributionTable {
  id: Generated<string>;
  deal_id: string;
  basis: string;
  income_fen: number;
  costs_fen: number;
  net_fen: number;
  rule: string;
  rate_bp: number;
  unit_rule_text: Generated<string>;
  pool_fen: number;
  steps: ColumnType<unknown, string, string>;
  entry_id: string | null;
  decided_by: string;
  at: Timestamp;
}

export interface TransferRewardTable {
  distribution_id: string;
  inventor_id: string;
  share_bp: number;
  amount_fen: number;
}

export interface DB {
  instrument: InstrumentTable;
  instrument_maintenance: InstrumentMaintenanceTable;
  instrument_booking: InstrumentBookingTable;
  instrument_use: InstrumentUseTable;
  instrument_rating: InstrumentRatingTable;
  app_setting: AppSettingTable;
  organisation: OrganisationTable;
  person: PersonTable;
  employment: EmploymentTable;
  publication: PublicationTable;
  person_project: PersonProjectTable;
  membership: MembershipTable;
  session: SessionTable;
  password_reset: PasswordResetTable;
  insight_indicator: InsightIndicatorTable;
  person_totp: PersonTotpTable;
  totp_recovery_code: TotpRecoveryCodeTable;
  totp_requirement: TotpRequirementTable;
  audit_log: AuditLogTable;
  audit_head: AuditHeadTable;
  sanction: SanctionTable;
  challenge: ChallengeTable;
  challenge_target: ChallengeTargetTable;
  challenge_vetting: ChallengeVettingTable;
  bid: BidTable;
  bid_pledge_version: BidPledgeVersionTable;
  bid_member: BidMemberTable;
  bid_score: BidScoreTable;
  objection: ObjectionTable;
  task_book: TaskBookTable;
  milestone_report: MilestoneReportTable;
  acceptance_judgement: AcceptanceJudgementTable;
  task_book_expert: TaskBookExpertTable;
  milestone_report_review: MilestoneReportReviewTable;
  integrity_referral: IntegrityReferralTable;
  attachment: AttachmentTable;
  ethics_committee: EthicsCommitteeTable;
  ethics_committee_member: EthicsCommitteeMemberTable;
  ethics_review: EthicsReviewTable;
  ethics_vote: EthicsVoteTable;
  integrity_record: IntegrityRecordTable;
  duplicate_flag: DuplicateFlagTable;
  policy_worksheet: PolicyWorksheetTable;
  race: RaceTable;
  race_stage: RaceStageTable;
  race_team: RaceTeamTable;
  race_evaluation: RaceEvaluationTable;
  race_evidence: RaceEvidenceTable;
  race_gate: RaceGateTable;
  race_objection: RaceObjectionTable;
  race_tranche: RaceTrancheTable;
  race_event: RaceEventTable;
  fund: FundTable;
  funding_rule: FundingRuleTable;
  funding_award: FundingAwardTable;
  ledger_account: LedgerAccountTable;
  journal_entry: JournalEntryTable;
  journal_line: JournalLineTable;
  funding_tranche: FundingTrancheTable;
  funding_expense: FundingExpenseTable;
  performance_record: PerformanceRecordTable;
  form_burden: FormBurdenTable;
  expert: ExpertTable;
  expert_relation: ExpertRelationTable;
  bid_exclusion: BidExclusionTable;
  review_round: ReviewRoundTable;
  review_assignment_run: ReviewAssignmentRunTable;
  review_assignment: ReviewAssignmentTable;
  review: ReviewTable;
  review_reminder: ReviewReminderTable;
  consensus_report: ConsensusReportTable;
  rebuttal_window: RebuttalWindowTable;
  rebuttal: RebuttalTable;
  review_appeal: ReviewAppealTable;
  ranking_decision: RankingDecisionTable;
  idempotency_record: IdempotencyRecordTable;
  notification: NotificationTable;
  mail_message: MailMessageTable;
  notification_preference: NotificationPreferenceTable;
  commissioner: CommissionerTable;
  commissioner_demand: CommissionerDemandTable;
  commissioner_dispatch: CommissionerDispatchTable;
  commissioner_visit: CommissionerVisitTable;
  commissioner_assessment: CommissionerAssessmentTable;
  transfer_achievement: TransferAchievementTable;
  transfer_inventor: TransferInventorTable;
  transfer_demand: TransferDemandTable;
  transfer_saved_search: TransferSavedSearchTable;
  transfer_alert: TransferAlertTable;
  transfer_deal: TransferDealTable;
  transfer_message: TransferMessageTable;
  transfer_objection: TransferObjectionTable;
  transfer_journal_entry: TransferJournalEntryTable;
  transfer_journal_line: TransferJournalLineTable;
  transfer_payment: TransferPaymentTable;
  transfer_distribution: TransferDistributionTable;
  transfer_reward: TransferRewardTable;
}
