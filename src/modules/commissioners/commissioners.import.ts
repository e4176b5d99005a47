// The registry import: a CSV or XLSX file (first sheet), one commissioner per row, read by the
// expert pool's sheet reader; every row checked ({row, field, reason}) before anything is written.
// A file with bad rows imports nothing unless `skipBadRows`; then the good rows go in, in one
// transaction with one audit entry. Columns and syntax: docs/commissioners-import.md.
import type { Ctx } from '../../app/context.ts';
import { AppError } from '../../errors.ts';
import { type Msg, t } from '../../i18n/messages.ts';
import { isPlatformAdmin } from '../accounts/accounts.policy.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { requireActor } from '../challenges/challenges.access.ts';
import { type RowError, readSheet, splitList } from '../evaluation/pool.ts';
import { staffedAgencies } from './commissioners.access.ts';
import { COMMISSIONER_KINDS } from './commissioners.ts';
import { divisions } from './divisions.ts';

export const COMMISSIONER_COLUMNS = [
  'kind',
  'name_zh',
  'name_en',
  'email',
  'home_org',
  'keywords',
  'discipline_codes',
  'industries',
  'regions',
  'capacity',
  'available',
] as const;

export interface CommissionerRecord {
  row: number;
  kind: (typeof COMMISSIONER_KINDS)[number];
  nameZh: string;
  nameEn: string;
  email: string | null;
  homeOrg: string;
  keywords: string[];
  disciplineCodes: string[];
  industries: string[];
  regions: string[];
  capacity: number;
  available: boolean;
}

const YES = new Set(['', 'yes', 'y', 'true', '1', '是']);
const NO = new Set(['no', 'n', 'false', '0', '否']);

/** One row (numbered as in the spreadsheet, header = 1): the record, or its problems. */
export function validateCommissionerRow(rec: Record<string, string>, row: number) {
  const errors: RowError[] = [];
  const err = (field: string, reason: Msg) => errors.push({ row, field, reason });
  const kind = (rec.kind || 'individual').toLowerCase();
  if (!(COMMISSIONER_KINDS as readonly string[]).includes(kind))
    err('kind', t('commissioners.import.kind', { kinds: COMMISSIONER_KINDS.join(', ') }));
  const nameZh = rec.name_zh ?? '';
  if (!nameZh) err('name_zh', t('validation.required'));
  if (nameZh.length > 200) err('name_zh', t('commissioners.import.tooLong', { max: 200 }));
  const email = (rec.email ?? '').toLowerCase() || null;
  if (!email && kind === 'individual') err('email', t('commissioners.needsAccount'));
  const regions = splitList(rec.regions ?? '');
  if (!regions.length) err('regions', t('validation.required'));
  for (const code of regions)
    if (!divisions().has(code)) err('regions', t('commissioners.unknownDivision', { code }));
  const cap = rec.capacity || '1';
  if (!/^\d{1,2}$/.test(cap) || Number(cap) < 1 || Number(cap) > 50)
    err('capacity', t('commissioners.import.capacity'));
  const av = (rec.available ?? '').toLowerCase();
  if (!YES.has(av) && !NO.has(av)) err('available', t('commissioners.import.yesNo'));
  const keywords = splitList(rec.keywords ?? '');
  if (keywords.length > 50) err('keywords', t('commissioners.import.tooMany', { max: 50 }));
  if (errors.length) return { errors };
  return {
    record: {
      row,
      kind: kind as CommissionerRecord['kind'],
      nameZh,
      nameEn: rec.name_en ?? '',
      email,
      homeOrg: rec.home_org ?? '',
      keywords,
      disciplineCodes: splitList(rec.discipline_codes ?? ''),
      industries: splitList(rec.industries ?? ''),
      regions: [...new Set(regions)],
      capacity: Number(cap),
      available: !NO.has(av),
    } satisfies CommissionerRecord,
    errors,
  };
}

export interface ImportReport {
  ok: boolean;
  created: number;
  skipped: number;
  errors: RowError[];
}

export async function importCommissioners(
  ctx: Ctx,
  bytes: Uint8Array,
  opts: { agencyId: string; skipBadRows: boolean },
): Promise<ImportReport> {
  const actor = requireActor(ctx.actor);
  if (!staffedAgencies(actor).includes(opts.agencyId) && !isPlatformAdmin(actor))
    throw new AppError('FORBIDDEN', t('commissioners.notAgency'), 'agencyId');
  const agency = await ctx.db
    .selectFrom('organisation')
    .select('kind')
    .where('id', '=', opts.agencyId)
    .executeTakeFirst();
  if (agency?.kind !== 'agency')
    throw new AppError('VALIDATION', t('commissioners.agencyNotAgency'), 'agencyId');
  const sheet = await readSheet(bytes, { required: ['name_zh', 'regions'], known: COMMISSIONER_COLUMNS });
  if (sheet.error)
    return { ok: false, created: 0, skipped: 0, errors: [{ row: 1, field: 'file', reason: sheet.error }] };
  const now = ctx.now();
  return ctx.db.transaction().execute(async (tx) => {
    const errors: RowError[] = [];
    const good: CommissionerRecord[] = [];
    sheet.records.forEach((rec, i) => {
      if (Object.values(rec).every((v) => !v)) return; // a blank line
      const r = validateCommissionerRow(rec, i + 2);
      errors.push(...r.errors);
      if (r.record) good.push(r.record);
    });
    // Accounts named by email must exist, be named once in the file and not be registered yet.
    const emails = [...new Set(good.filter((r) => r.email).map((r) => r.email!))];
    const people = emails.length
      ? await tx.selectFrom('person').select(['id', 'email_norm']).where('email_norm', 'in', emails).execute()
      : [];
    const idOf = new Map(people.map((p) => [p.email_norm, p.id]));
    const taken = new Set(
      people.length
        ? (
            await tx
              .selectFrom('commissioner')
              .select('person_id')
              .where(
                'person_id',
                'in',
                people.map((p) => p.id),
              )
              .execute()
          ).map((r) => r.person_id)
        : [],
    );
    const seen = new Set<string>();
    const rows: (CommissionerRecord & { personId: string | null })[] = [];
    for (const r of good) {
      const personId = r.email ? idOf.get(r.email) : null;
      if (r.email && !personId)
        errors.push({ row: r.row, field: 'email', reason: t('commissioners.noSuchPerson') });
      else if (personId && (taken.has(personId) || seen.has(personId)))
        errors.push({ row: r.row, field: 'email', reason: t('commissioners.personTaken') });
      else {
        if (personId) seen.add(personId);
        rows.push({ ...r, personId: personId ?? null });
      }
    }
    errors.sort((a, b) => a.row - b.row || (a.field < b.field ? -1 : 1));
    const bad = new Set(errors.map((e) => e.row)).size;
    if (errors.length && !opts.skipBadRows) return { ok: false, created: 0, skipped: 0, errors };
    if (rows.length) {
      await tx
        .insertInto('commissioner')
        .values(
          rows.map((r) => ({
            kind: r.kind,
            person_id: r.personId,
            name_zh: r.nameZh,
            name_en: r.nameEn,
            home_org: r.homeOrg,
            keywords: r.keywords,
            discipline_codes: r.disciplineCodes,
            industries: r.industries,
            regions: r.regions,
            capacity: r.capacity,
            available: r.available,
            agency_org_id: opts.agencyId,
            created_at: now,
            updated_at: now,
          })),
        )
        .execute();
      await recordAudit(tx, actor, now, {
        action: 'commissioner.import',
        objectType: 'organisation',
        objectId: opts.agencyId,
        after: { created: rows.length, skipped: bad },
      });
    }
    return { ok: true, created: rows.length, skipped: bad, errors };
  });
}
