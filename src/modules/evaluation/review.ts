// Pure rules of rubric review: reading a round's rubric, checking a score sheet against it, the
// weighted total, what counts as overdue, and which procedural grounds an appeal may claim.
// No I/O: the service loads rows and calls these.

import { type Msg, t } from '../../i18n/messages.ts';
import type { Criterion, Descriptor } from './rounds.ts';

export type { Criterion, Descriptor } from './rounds.ts';

export interface ScoreSheet {
  scores: Record<string, number>;
  confidence: number | null;
  commentApplicant: string;
  commentConfidential: string;
}

export interface SheetProblem {
  field: string;
  message: Msg;
}

const text = (v: unknown): string => (typeof v === 'string' ? v : '');

function readDescriptors(raw: unknown): Descriptor[] {
  if (Array.isArray(raw)) {
    return raw
      .filter((d): d is Record<string, unknown> => !!d && typeof d === 'object')
      .map((d) => ({
        score: Number(d.score ?? d.value),
        zh: text(d.zh ?? d.textZh ?? d.labelZh ?? d.text),
        en: text(d.en ?? d.textEn ?? d.labelEn ?? d.text),
      }))
      .filter((d) => Number.isFinite(d.score));
  }
  if (raw && typeof raw === 'object') {
    return Object.entries(raw as Record<string, unknown>)
      .map(([k, v]) => {
        const o = v && typeof v === 'object' ? (v as Record<string, unknown>) : {};
        return {
          score: Number(k),
          zh: typeof v === 'string' ? v : text(o.zh),
          en: typeof v === 'string' ? v : text(o.en),
        };
      })
      .filter((d) => Number.isFinite(d.score))
      .sort((a, b) => a.score - b.score);
  }
  return [];
}

/** The rubric stored on a round, normalised; throws on a rubric no score sheet could satisfy. */
export function readRubric(raw: unknown): Criterion[] {
  if (!Array.isArray(raw) || raw.length === 0) throw new Error('rubric: needs at least one criterion');
  const out: Criterion[] = raw.map((c, i) => {
    const o = (c ?? {}) as Record<string, unknown>;
    const crit = {
      key: text(o.key),
      nameZh: text(o.nameZh),
      nameEn: text(o.nameEn),
      weight: Number(o.weight),
      min: Number(o.min),
      max: Number(o.max),
      descriptors: readDescriptors(o.descriptors),
    };
    if (!crit.key) throw new Error(`rubric: criterion ${i} has no key`);
    if (!(crit.weight > 0)) throw new Error(`rubric: criterion ${crit.key} needs a positive weight`);
    if (!Number.isInteger(crit.min) || !Number.isInteger(crit.max) || crit.max <= crit.min)
      throw new Error(`rubric: criterion ${crit.key} needs an integer scale min < max`);
    return crit;
  });
  if (new Set(out.map((c) => c.key)).size !== out.length) throw new Error('rubric: duplicate criterion key');
  return out;
}

/**
 * The weighted total on a 0–100 scale: each criterion's score mapped linearly from its own scale
 * [min, max] to [0, 1], weighted, divided by the sum of weights. Criteria on different scales
 * are thereby comparable; rounded to 4 decimals so the stored value is exact. NaN if incomplete.
 */
export function weightedTotal(rubric: Criterion[], scores: Record<string, number>): number {
  let sum = 0;
  let weights = 0;
  for (const c of rubric) {
    const s = scores[c.key];
    if (typeof s !== 'number' || !Number.isFinite(s)) return Number.NaN;
    sum += (c.weight * (s - c.min)) / (c.max - c.min);
    weights += c.weight;
  }
  return Math.round((10_000 * 100 * sum) / weights) / 10_000;
}

export const MAX_COMMENT = 20_000;

/**
 * Problems of a score sheet. A draft may leave criteria and confidence empty; a submission may
 * not, and must also say something to the applicant. Scores are integers within the criterion's scale.
 */
export function sheetProblems(
  rubric: Criterion[],
  sheet: ScoreSheet,
  mode: 'draft' | 'submit',
): SheetProblem[] {
  const problems: SheetProblem[] = [];
  const keys = new Set(rubric.map((c) => c.key));
  for (const k of Object.keys(sheet.scores))
    if (!keys.has(k)) problems.push({ field: `scores.${k}`, message: t('review.notACriterion') });
  for (const c of rubric) {
    const s = sheet.scores[c.key];
    if (s === undefined) {
      if (mode === 'submit') problems.push({ field: `scores.${c.key}`, message: t('validation.required') });
      continue;
    }
    if (!Number.isInteger(s) || s < c.min || s > c.max)
      problems.push({
        field: `scores.${c.key}`,
        message: t('review.scoreRange', { min: c.min, max: c.max }),
      });
  }
  if (sheet.confidence === null) {
    if (mode === 'submit') problems.push({ field: 'confidence', message: t('validation.required') });
  } else if (!Number.isInteger(sheet.confidence) || sheet.confidence < 1 || sheet.confidence > 5) {
    problems.push({ field: 'confidence', message: t('review.confidenceRange') });
  }
  if (mode === 'submit' && sheet.commentApplicant.trim().length === 0)
    problems.push({ field: 'commentApplicant', message: t('validation.required') });
  if (sheet.commentApplicant.length > MAX_COMMENT)
    problems.push({ field: 'commentApplicant', message: t('validation.maxChars', { max: MAX_COMMENT }) });
  if (sheet.commentConfidential.length > MAX_COMMENT)
    problems.push({ field: 'commentConfidential', message: t('validation.maxChars', { max: MAX_COMMENT }) });
  return problems;
}

/** An assignment is overdue when its review is not submitted and the round's due time has passed. */
export const isOverdue = (dueAt: Date, submitted: boolean, now: Date) =>
  !submitted && now.getTime() > dueAt.getTime();

/** Appeals lie only for procedural error; disagreement with the experts' judgement is not a ground. */
export const APPEAL_GROUNDS = [
  'conflict_of_interest',
  'procedure_not_followed',
  'rubric_misapplied',
  'calculation_error',
] as const;
export type AppealGround = (typeof APPEAL_GROUNDS)[number];

/** Round states in which reviews are written (and reminded), consensus drafted, rankings computed, appeals filed. */
export const REVIEWING_STATES = new Set(['reviewing']);
export const CONSENSUS_STATES = new Set(['reviewing', 'consensus', 'ranked']);
export const RANKING_STATES = new Set(['consensus', 'ranked']);
export const APPEAL_STATES = new Set(['consensus', 'ranked']);

/** What itemAccess knows about the actor and the item. */
export interface ItemFacts {
  organizer: boolean;
  /** The actor's assignment state on this item, if any. */
  assignment: 'assigned' | 'declined' | 'conflict' | 'submitted' | null;
  applicant: boolean;
  roundState: string;
}

/**
 * The actor's role on a review item, or null (answered as NOT_FOUND). A conflict or decline
 * closes the item whatever else the actor is; rounds still being set up are the organizer's only.
 */
export function itemRole(f: ItemFacts): 'organizer' | 'reviewer' | 'applicant' | null {
  if (f.assignment === 'conflict' || f.assignment === 'declined') return null;
  if (f.organizer) return 'organizer';
  if (f.roundState === 'draft' || f.roundState === 'assigning') return null;
  if (f.assignment) return 'reviewer';
  if (f.applicant) return 'applicant';
  return null;
}
