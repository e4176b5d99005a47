// Use-cases of the policy tools: the three calculations (pure, for signed-in users) and the
// organisation's saved worksheets (per-object policy, one transaction with its audit entry).
import { type Actor, type Ctx, inTx } from '../../app/context.ts';
import { AppError, forbidden, invalid } from '../../errors.ts';
import { t } from '../../i18n/messages.ts';
import { checkHnte, type HnteInput, type HnteResult } from '../../shared/policy/hnte.ts';
import { INPUT_SCHEMAS, parsePolicyInput, type WorksheetKind } from '../../shared/policy/policy.schema.ts';
import {
  computeSuperDeduction,
  type DeductionInput,
  type DeductionResult,
} from '../../shared/policy/superDeduction.ts';
import {
  computeTechTransfer,
  type TransferInput,
  type TransferResult,
} from '../../shared/policy/techTransfer.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { can } from './policy.policy.ts';
import { presentWorksheet } from './policy.presenter.ts';
import * as repo from './policy.repo.ts';

function requireActor(ctx: Ctx): Actor {
  if (!ctx.actor) throw new AppError('UNAUTHENTICATED', t('auth.loginFirst'));
  return ctx.actor;
}

/** HNTE recognition self-check (国科发火〔2016〕32号 Art. 11). Changes nothing. */
export function hnteSelfCheck(ctx: Ctx, input: HnteInput): HnteResult {
  requireActor(ctx);
  return checkHnte(input);
}

/** R&D super-deduction (公告2023年第7号 and related rules). Changes nothing. */
export function superDeduction(ctx: Ctx, input: DeductionInput): DeductionResult {
  requireActor(ctx);
  return computeSuperDeduction(input);
}

/** Technology-transfer income tax (实施条例第九十条, 财税〔2020〕61号). Changes nothing. */
export function techTransfer(ctx: Ctx, input: TransferInput): TransferResult {
  requireActor(ctx);
  return computeTechTransfer(input);
}

/** The organisation's saved inputs, newest year first; members only. */
export async function listWorksheets(ctx: Ctx, orgId: string, kind?: WorksheetKind) {
  const actor = requireActor(ctx);
  if (!can(actor, 'worksheet.read', { type: 'worksheet', orgId }))
    throw forbidden(t('policy.onlyMembersRead'));
  return (await repo.listWorksheets(ctx.db, orgId, kind)).map(presentWorksheet);
}

/** The tax year an input belongs to: its own taxYear, or the HNTE input's latest fiscal year. */
function inputYear(kind: WorksheetKind, input: Record<string, unknown>): number | undefined {
  if (kind !== 'hnte') return input.taxYear as number;
  const years = input.years as { year: number }[];
  return years[years.length - 1]?.year;
}

/** Saves (or replaces) one tool's input for an organisation and tax year; members only; audited. */
export async function saveWorksheet(
  ctx: Ctx,
  body: { orgId: string; kind: WorksheetKind; taxYear: number; input: Record<string, unknown> },
) {
  const actor = requireActor(ctx);
  if (!can(actor, 'worksheet.write', { type: 'worksheet', orgId: body.orgId }))
    throw forbidden(t('policy.onlyMembersSave'));
  // Only input the tool accepts is kept, so a pre-filled form never starts from an error.
  const parsed = parsePolicyInput(INPUT_SCHEMAS[body.kind], body.input);
  if (!parsed.ok) {
    const first = parsed.errors[0];
    throw invalid(first.field ? `input.${first.field}` : 'input', first.msg);
  }
  if (inputYear(body.kind, body.input) !== body.taxYear) {
    throw invalid('taxYear', body.kind === 'hnte' ? t('policy.taxYearLatest') : t('policy.taxYearEqual'));
  }
  const now = ctx.now();
  return inTx(ctx, async (tx) => {
    const before = await repo.lockWorksheet(tx, body.orgId, body.kind, body.taxYear);
    const row = await repo.upsertWorksheet(tx, { ...body, by: actor.personId, now });
    await recordAudit(tx, actor, now, {
      action: 'policy.worksheet.save',
      objectType: 'policy_worksheet',
      objectId: row.id,
      before: before?.input,
      after: body.input,
      detail: { orgId: body.orgId, kind: body.kind, taxYear: body.taxYear },
    });
    return presentWorksheet(row);
  });
}
