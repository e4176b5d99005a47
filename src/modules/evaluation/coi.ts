import { type Msg, t } from '../../i18n/messages.ts';
// Conflict-of-interest rules between an expert and an item (a bid under review). Pure: the repo
// gathers the facts (coi.repo.ts), these functions decide. Every conflict carries a reason code
// the organizer sees. `pairConflicts` is the definition; `ConflictIndex` only narrows which
// experts to check for an item (so a round does not test every expert against every bid) and
// confirms each hit with `pairConflicts`, so both always agree.

/** Why an expert may not review an item. */
export type ConflictCode =
  | 'team_member' // the expert is on the bid's own team
  | 'same_org' // same organisation now or within orgYears (employment history)
  | 'coauthor' // co-authored a publication within coauthorYears
  | 'joint_project' // worked on the same project within projectYears
  | 'declared_relation' // advisor, advisee, family, business… declared by the expert
  | 'named_exclusion' // the applicant named this expert (with a reason)
  | 'competing_team' // member of a competing bid in the same challenge or race
  | 'proposer_staff' // acceptance round: works for the proposer, so not independent
  | 'declared_on_open' // the expert declared a conflict or declined when opening the item
  | 'integrity_sanction'; // an integrity sanction bars the expert from reviewing (every item)

export const CONFLICT_CODES: readonly ConflictCode[] = [
  'team_member',
  'same_org',
  'coauthor',
  'joint_project',
  'declared_relation',
  'named_exclusion',
  'competing_team',
  'proposer_staff',
  'declared_on_open',
  'integrity_sanction',
];

export interface Conflict {
  code: ConflictCode;
  /** Short human detail (organisation name, year, reason given…), shown to the organizer only. */
  detail: string;
}

/** The round's `coi` settings. */
export interface CoiSettings {
  /** Same organisation counts if the stints overlap now or ended within this many years. */
  orgYears: number;
  coauthorYears: number;
  projectYears: number;
  /** How many experts an applicant may name for exclusion. */
  maxExclusions: number;
  /** Acceptance round: the proposer's own staff are not independent experts. */
  acceptance: boolean;
}

export const DEFAULT_COI: CoiSettings = {
  orgYears: 3,
  coauthorYears: 3,
  projectYears: 3,
  maxExclusions: 3,
  acceptance: false,
};

export interface Stint {
  orgId: string | null;
  orgName: string;
  /** 'YYYY-MM-DD'. */
  start: string;
  end: string | null;
}

export interface PersonFacts {
  id: string;
  /** Every name the person goes by (Chinese and English). */
  names: readonly string[];
  employment: readonly Stint[];
  publications: readonly { year: number; coauthors: readonly string[] }[];
  projects: readonly { title: string; startYear: number; endYear: number | null }[];
}

export interface ExpertFacts extends PersonFacts {
  relations: readonly { otherPersonId: string | null; otherName: string; kind: string }[];
}

export interface ItemFacts {
  id: string;
  hostOrgId: string;
  hostOrgName: string;
  /** Commander and team members. */
  members: readonly PersonFacts[];
  /** The applicant's named exclusions. */
  exclusions: readonly { expertId: string; reason: string }[];
  /** People on competing bids of the same challenge or race. */
  competitorIds: ReadonlySet<string>;
  /** Acceptance rounds: the proposer organisation whose staff are not independent. */
  proposerOrgId: string | null;
  /** Experts who already declined or declared a conflict on this item in this round. */
  declaredIds: ReadonlyMap<string, string>;
}

/** Names compared without case, spaces or punctuation ("Li Na" = "li-na" = "LI NA"). */
export function normName(name: string): string {
  return name.toLowerCase().replace(/[\s\p{P}\p{S}]+/gu, '');
}

const orgKey = (s: Pick<Stint, 'orgId' | 'orgName'>) =>
  s.orgId ? `id:${s.orgId}` : `n:${normName(s.orgName)}`;

/** Organisation keys of a person's stints that were current at `today` or ended within `years`. */
export function recentOrgs(employment: readonly Stint[], today: string, years: number): Map<string, Stint> {
  const cutoff = shiftYears(today, -years);
  const out = new Map<string, Stint>();
  for (const s of employment) {
    if (s.start > today) continue;
    if (s.end !== null && s.end < cutoff) continue;
    const k = orgKey(s);
    const prev = out.get(k);
    // Keep the most recent stint of an organisation, so "now" wins over "until 2024".
    if (!prev || (prev.end !== null && (s.end === null || s.end > prev.end))) out.set(k, s);
  }
  return out;
}

/** Shifts a 'YYYY-MM-DD' date by whole years. */
export function shiftYears(date: string, years: number): string {
  const y = Number(date.slice(0, 4)) + years;
  return `${String(y).padStart(4, '0')}${date.slice(4)}`;
}

const isCurrent = (s: Stint, today: string) => s.end === null || s.end >= today;

function coauthorNames(p: PersonFacts, sinceYear: number): Set<string> {
  const out = new Set<string>();
  for (const pub of p.publications)
    if (pub.year >= sinceYear) for (const c of pub.coauthors) out.add(normName(c));
  out.delete('');
  return out;
}

function recentProjects(p: PersonFacts, sinceYear: number, thisYear: number): Map<string, [number, number]> {
  const out = new Map<string, [number, number]>();
  for (const x of p.projects) {
    const end = x.endYear ?? thisYear;
    if (end < sinceYear) continue;
    out.set(normName(x.title), [x.startYear, end]);
  }
  out.delete('');
  return out;
}

/** Every conflict between one expert and one item; empty when the expert may review it. */
export function pairConflicts(
  expert: ExpertFacts,
  item: ItemFacts,
  settings: CoiSettings,
  today: string,
): Conflict[] {
  const out: Conflict[] = [];
  const thisYear = Number(today.slice(0, 4));
  const memberIds = new Set(item.members.map((m) => m.id));
  if (memberIds.has(expert.id)) out.push({ code: 'team_member', detail: '' });

  const declared = item.declaredIds.get(expert.id);
  if (declared !== undefined) out.push({ code: 'declared_on_open', detail: declared });

  const exclusion = item.exclusions.find((x) => x.expertId === expert.id);
  if (exclusion) out.push({ code: 'named_exclusion', detail: exclusion.reason });

  if (item.competitorIds.has(expert.id) && !memberIds.has(expert.id))
    out.push({ code: 'competing_team', detail: '' });

  // Same organisation: the expert's recent organisations against the host's and the team's.
  const mine = recentOrgs(expert.employment, today, settings.orgYears);
  const theirs = new Map<string, string>([[`id:${item.hostOrgId}`, item.hostOrgName]]);
  for (const m of item.members)
    for (const [k, s] of recentOrgs(m.employment, today, settings.orgYears)) theirs.set(k, s.orgName);
  const orgHits: string[] = [];
  for (const [k, s] of mine) {
    const name = theirs.get(k);
    if (name === undefined) continue;
    orgHits.push(
      isCurrent(s, today) ? `${s.orgName || name} (now)` : `${s.orgName || name} (until ${s.end})`,
    );
  }
  if (orgHits.length) out.push({ code: 'same_org', detail: orgHits.sort().join('; ') });

  if (settings.acceptance && item.proposerOrgId) {
    const k = `id:${item.proposerOrgId}`;
    const s = mine.get(k);
    if (s && isCurrent(s, today)) out.push({ code: 'proposer_staff', detail: s.orgName });
  }

  // Co-authorship in either direction: names on recent papers.
  const since = thisYear - settings.coauthorYears;
  const expertCo = coauthorNames(expert, since);
  const expertNames = new Set(expert.names.map(normName).filter(Boolean));
  const coHits = new Set<string>();
  for (const m of item.members) {
    if (m.id === expert.id) continue;
    const memberNames = m.names.map(normName).filter(Boolean);
    if (memberNames.some((n) => expertCo.has(n))) coHits.add(m.names.find(Boolean) ?? '');
    else
      for (const n of coauthorNames(m, since))
        if (expertNames.has(n)) coHits.add(m.names.find(Boolean) ?? '');
  }
  if (coHits.size) out.push({ code: 'coauthor', detail: [...coHits].sort().join('; ') });

  // Joint projects: the same project title with overlapping years, ending within the window.
  const pSince = thisYear - settings.projectYears;
  const expertProjects = recentProjects(expert, pSince, thisYear);
  const projHits = new Set<string>();
  if (expertProjects.size)
    for (const m of item.members) {
      if (m.id === expert.id) continue;
      for (const [title, [s, e]] of recentProjects(m, pSince, thisYear)) {
        const mineP = expertProjects.get(title);
        if (mineP && mineP[0] <= e && s <= mineP[1]) projHits.add(title);
      }
    }
  if (projHits.size) out.push({ code: 'joint_project', detail: [...projHits].sort().join('; ') });

  // Declared relations: by person when known, else by name.
  const memberNameSet = new Set(item.members.flatMap((m) => m.names.map(normName)).filter(Boolean));
  const relHits: string[] = [];
  for (const r of expert.relations) {
    if ((r.otherPersonId && memberIds.has(r.otherPersonId)) || memberNameSet.has(normName(r.otherName)))
      relHits.push(`${r.kind}${r.otherName ? `: ${r.otherName}` : ''}`);
  }
  if (relHits.length) out.push({ code: 'declared_relation', detail: relHits.sort().join('; ') });
  return out;
}

/**
 * Experts indexed by every key that could make them conflicted with some item (organisation,
 * name, coauthor name, project title, related person). `itemConflicts` looks up only the experts
 * an item's keys hit and confirms each with `pairConflicts`.
 */
export class ConflictIndex {
  private readonly byKey = new Map<string, number[]>();
  private readonly byId = new Map<string, number>();

  constructor(
    readonly experts: readonly ExpertFacts[],
    readonly settings: CoiSettings,
    readonly today: string,
  ) {
    const thisYear = Number(today.slice(0, 4));
    const years = Math.max(settings.orgYears, 0);
    experts.forEach((e, i) => {
      this.byId.set(e.id, i);
      const add = (k: string) => {
        const l = this.byKey.get(k) ?? [];
        this.byKey.set(k, l);
        if (l[l.length - 1] !== i) l.push(i);
      };
      for (const k of recentOrgs(e.employment, today, years).keys()) add(`org:${k}`);
      for (const n of e.names) if (normName(n)) add(`name:${normName(n)}`);
      for (const n of coauthorNames(e, thisYear - settings.coauthorYears)) add(`co:${n}`);
      for (const t of recentProjects(e, thisYear - settings.projectYears, thisYear).keys()) add(`proj:${t}`);
      for (const r of e.relations) {
        if (r.otherPersonId) add(`relid:${r.otherPersonId}`);
        if (normName(r.otherName)) add(`relname:${normName(r.otherName)}`);
      }
    });
  }

  /** Conflicted experts of an item (by expert position) with their reasons. */
  itemConflicts(item: ItemFacts): Map<number, Conflict[]> {
    const thisYear = Number(this.today.slice(0, 4));
    const hits = new Set<number>();
    const hit = (k: string) => {
      for (const i of this.byKey.get(k) ?? []) hits.add(i);
    };
    const byId = (id: string) => {
      const i = this.byId.get(id);
      if (i !== undefined) hits.add(i);
    };
    hit(`org:id:${item.hostOrgId}`);
    for (const m of item.members) {
      byId(m.id);
      hit(`relid:${m.id}`);
      for (const k of recentOrgs(m.employment, this.today, this.settings.orgYears).keys()) hit(`org:${k}`);
      for (const n of m.names) {
        hit(`co:${normName(n)}`);
        hit(`relname:${normName(n)}`);
      }
      for (const n of coauthorNames(m, thisYear - this.settings.coauthorYears)) hit(`name:${n}`);
      for (const t of recentProjects(m, thisYear - this.settings.projectYears, thisYear).keys())
        hit(`proj:${t}`);
    }
    if (this.settings.acceptance && item.proposerOrgId) hit(`org:id:${item.proposerOrgId}`);
    for (const x of item.exclusions) byId(x.expertId);
    for (const id of item.competitorIds) byId(id);
    for (const id of item.declaredIds.keys()) byId(id);
    const out = new Map<number, Conflict[]>();
    for (const i of [...hits].sort((a, b) => a - b)) {
      const c = pairConflicts(this.experts[i], item, this.settings, this.today);
      if (c.length) out.set(i, c);
    }
    return out;
  }
}

/** Why a list of named exclusions is refused, or null (at most `max`, each with a reason, no repeats). */
export function exclusionProblem(
  list: readonly { expertId: string; reason: string }[],
  max: number,
): { index: number; field: string; reason: Msg } | null {
  if (list.length > max)
    return { index: max, field: 'exclusions', reason: t('round.tooManyExclusions', { max }) };
  const seen = new Set<string>();
  for (const [i, x] of list.entries()) {
    if (!x.reason.trim())
      return { index: i, field: `exclusions.${i}.reason`, reason: t('round.exclusionReason') };
    if (seen.has(x.expertId)) return { index: i, field: `exclusions.${i}`, reason: t('round.expertTwice') };
    seen.add(x.expertId);
  }
  return null;
}
