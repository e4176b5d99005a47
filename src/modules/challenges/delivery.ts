// Pure rules of delivery: how reviewers' verdicts make a milestone report's standing, and who
// counts as the verifier of a target at acceptance.

import { type Msg, t } from '../../i18n/messages.ts';
import { normName } from '../evaluation/coi.ts';
import type { Target, Verifier } from './challenges.ts';

export type ReviewRole = 'proposer' | 'organizer' | 'expert';
export type ReviewDecision = 'accepted' | 'revise';
export type ReportStanding = 'pending' | ReviewDecision;

export interface Verdict {
  reviewerId: string;
  role: ReviewRole;
  decision: ReviewDecision;
}

/**
 * A report's standing from its reviewers' current verdicts (one per reviewer): any request to
 * revise makes it 'revise'; it is 'accepted' once the proposer's side (the proposer, or the
 * organizer standing in) accepted it and so did every expert named on the task book; else 'pending'.
 */
export function reportStanding(verdicts: readonly Verdict[], expertIds: ReadonlySet<string>): ReportStanding {
  if (verdicts.some((v) => v.decision === 'revise')) return 'revise';
  const sponsor = verdicts.some((v) => v.role !== 'expert' && v.decision === 'accepted');
  const accepted = new Set(verdicts.filter((v) => v.role === 'expert').map((v) => v.reviewerId));
  for (const id of expertIds) if (!accepted.has(id)) return 'pending';
  return sponsor ? 'accepted' : 'pending';
}

export interface VerifierInput {
  kind?: Verifier | undefined;
  name?: string | undefined;
  reason?: string | undefined;
}

export type VerifierDecision =
  | { ok: true; kind: Verifier; name: string; reason: string; departs: boolean }
  | { ok: false; field: 'verifier' | 'verifierReason'; message: Msg };

/**
 * Who verified a target. Defaults to the target's declared verifier: the proposer (named by
 * `defaults.proposer`), the named third-party lab, or the expert panel (its declared name, else
 * `defaults.panel`). Another kind, or another lab or panel than the one declared, is allowed only
 * with a reason.
 */
export function resolveVerifier(
  target: Pick<Target, 'verifier' | 'verifierName'>,
  input: VerifierInput,
  defaults: { proposer: string; panel: string },
): VerifierDecision {
  const kind = input.kind ?? target.verifier;
  // The name a kind of verifier goes by when none is given: the declared lab or panel, the
  // proposer organisation, the experts named on the task book.
  const defaultName =
    kind === 'proposer'
      ? defaults.proposer
      : kind === target.verifier
        ? target.verifierName || (kind === 'panel' ? defaults.panel : '')
        : kind === 'panel'
          ? defaults.panel
          : '';
  const name = input.name?.trim() || defaultName;
  if (!name) return { ok: false, field: 'verifier', message: t('delivery.nameVerifier') };
  const reason = input.reason?.trim() ?? '';
  const namedBody = kind !== 'proposer' && target.verifierName !== '';
  const departs = kind !== target.verifier || (namedBody && normName(name) !== normName(target.verifierName));
  if (departs && !reason) {
    const declared = target.verifierName ? `${target.verifier} (${target.verifierName})` : target.verifier;
    return {
      ok: false,
      field: 'verifierReason',
      message: t('delivery.verifierReason', { declared }),
    };
  }
  return { ok: true, kind, name, reason: departs ? reason : '', departs };
}
