// Shapes challenges, bids and task books for each viewer.
import type { ChallengeRow, noticeWinnersOf, TargetRow } from './challenges.repo.ts';
import type { Target } from './challenges.ts';

export const presentTarget = (t: TargetRow): Target => ({
  id: t.id,
  metric: t.metric,
  unit: t.unit,
  comparator: t.comparator as Target['comparator'],
  threshold: t.threshold,
  thresholdHigh: t.threshold_high,
  verification: t.verification,
  verifier: t.verifier as Target['verifier'],
  verifierName: t.verifier_name,
  mandatory: t.mandatory,
});

type Named = {
  org_name_zh?: string;
  org_name_en?: string;
  organiser_name_zh?: string;
  organiser_name_en?: string;
};

export function presentChallengeSummary(c: ChallengeRow & Named) {
  return {
    id: c.id,
    state: c.state,
    orgId: c.org_id,
    orgNameZh: c.org_name_zh ?? '',
    orgNameEn: c.org_name_en ?? '',
    org: { id: c.org_id, nameZh: c.org_name_zh ?? '', nameEn: c.org_name_en ?? '' },
    organiser: {
      id: c.organiser_org_id,
      nameZh: c.organiser_name_zh ?? '',
      nameEn: c.organiser_name_en ?? '',
    },
    titleZh: c.title_zh,
    titleEn: c.title_en,
    disciplineCodes: c.discipline_codes,
    keywords: c.keywords,
    regionCode: c.region_code,
    budgetCeilingFen: c.budget_ceiling_fen,
    deadline: c.deadline.toISOString(),
    mode: c.mode,
    winnerSlots: c.winner_slots,
    publishedAt: c.published_at?.toISOString() ?? null,
  };
}

export function presentChallenge(c: ChallengeRow & Named, targets: TargetRow[]) {
  return {
    ...presentChallengeSummary(c),
    organiserOrgId: c.organiser_org_id,
    version: c.version,
    statementZh: c.statement_zh,
    statementEn: c.statement_en,
    cofundFen: c.cofund_fen,
    durationMonths: c.duration_months,
    ipTerms: c.ip_terms,
    eligibility: c.eligibility,
    noticeDays: c.notice_days,
    ethicsCategories: c.ethics_categories,
    noticeEndsAt: c.notice_ends_at?.toISOString() ?? null,
    targets: targets.map(presentTarget),
  };
}

/** A winner as the public notice (公示) names it: commander, host organisation, budget requested. */
export const presentNoticeWinner = (w: Awaited<ReturnType<typeof noticeWinnersOf>>[number]) => ({
  bidId: w.id,
  commanderName: w.name_zh || w.name_en,
  commanderNameEn: w.name_en || w.name_zh,
  hostOrgNameZh: w.org_name_zh,
  hostOrgNameEn: w.org_name_en,
  budgetFen: w.budget_fen,
});
