// Use-cases of the expert pool: import from CSV/XLSX (all or nothing unless bad rows are skipped),
// list and search, read and edit one expert. Organizers (of any agency) and the platform admin
// manage the pool; every change is audited in its transaction.
import { randomBytes } from 'node:crypto';
import { type Actor, type Ctx, inTx } from '../../app/context.ts';
import { AppError, forbidden, notFound } from '../../errors.ts';
import { t } from '../../i18n/messages.ts';
import { hasRole, isPlatformAdmin } from '../accounts/accounts.policy.ts';
import { findPeople, findPlatformOrganisation, upsertMembership } from '../accounts/accounts.repo.ts';
import { hashPassword, normaliseEmail } from '../accounts/accounts.service.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { requireActor } from '../challenges/challenges.access.ts';
import * as repo from './pool.repo.ts';
import type { ExpertPatch } from './pool.schema.ts';
import { type ExpertRow, type OrgRef, orgRef, type RowError, readTable, validateRecords } from './pool.ts';

/** Organizers of any agency and the platform admin manage the pool. */
export function canManagePool(actor: Actor | null): boolean {
  return isPlatformAdmin(actor) || hasRole(actor, 'organizer');
}

function requirePoolManager(ctx: Ctx): Actor {
  const actor = requireActor(ctx.actor);
  if (!canManagePool(actor)) throw forbidden(t('pool.onlyOrganizers'));
  return actor;
}

/** The agency whose evaluator role imported experts receive. */
async function agencyFor(ctx: Ctx, actor: Actor, agencyId: string | undefined): Promise<string> {
  if (agencyId) {
    if (!isPlatformAdmin(actor) && !hasRole(actor, 'organizer', agencyId))
      throw new AppError('FORBIDDEN', t('pool.notAgencyOrganizer'), 'agencyId');
    return agencyId;
  }
  const mine = actor.roles.find((r) => r.role === 'organizer');
  if (mine) return mine.orgId;
  const platform = await findPlatformOrganisation(ctx.db);
  if (!platform) throw new AppError('VALIDATION', t('pool.nameAgency'), 'agencyId');
  return platform.id;
}

export interface ImportReport {
  /** False when the file was refused as a whole (nothing was written). */
  ok: boolean;
  created: number;
  updated: number;
  /** Bad rows left out (only with skipBadRows). */
  skipped: number;
  errors: RowError[];
}

const today = (d: Date) => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);

const orgKeyOf = (o: OrgRef) => ('uscc' in o ? `u:${o.uscc}` : `n:${o.name.toLowerCase()}`);

/** Imports experts from a CSV or XLSX file; see docs/expert-import.md. */
export async function importExperts(
  ctx: Ctx,
  bytes: Uint8Array,
  opts: { skipBadRows: boolean; agencyId?: string; fileName?: string },
): Promise<ImportReport> {
  const actor = requirePoolManager(ctx);
  const agencyId = await agencyFor(ctx, actor, opts.agencyId);
  const table = await readTable(bytes);
  if (table.error)
    return {
      ok: false,
      created: 0,
      updated: 0,
      skipped: 0,
      errors: [{ row: 1, field: 'file', reason: table.error }],
    };
  const { rows, errors } = validateRecords(table.records);

  // Organisations: the current one must be registered; employment history may name others.
  const refs = new Map<string, OrgRef>();
  for (const r of rows) {
    refs.set(orgKeyOf(r.organisation), r.organisation);
    for (const e of r.employment ?? []) refs.set(orgKeyOf(e.org), e.org);
  }
  // Rows refused for other reasons still get their organisation checked, so one pass shows all.
  const refusedRows = new Set(errors.map((e) => e.row));
  const refusedOrgs: { row: number; ref: OrgRef }[] = [];
  table.records.forEach((rec, i) => {
    const cell = (rec.organisation ?? '').trim();
    if (!refusedRows.has(i + 2) || !cell) return;
    const ref = orgRef(cell);
    refs.set(orgKeyOf(ref), ref);
    refusedOrgs.push({ row: i + 2, ref });
  });
  const refList = [...refs.values()];
  const found = await repo.findOrganisations(
    ctx.db,
    refList.flatMap((o) => ('uscc' in o ? [o.uscc] : [])),
    refList.flatMap((o) => ('name' in o ? [o.name] : [])),
  );
  const orgs = new Map<string, { id: string; name: string }>();
  for (const o of found) {
    const v = { id: o.id, name: o.name_zh || o.name_en };
    if (o.uscc && !orgs.has(`u:${o.uscc}`)) orgs.set(`u:${o.uscc}`, v);
    for (const n of [o.name_zh, o.name_en])
      if (n && !orgs.has(`n:${n.toLowerCase()}`)) orgs.set(`n:${n.toLowerCase()}`, v);
  }
  const fileEmails = new Set(rows.map((r) => normaliseEmail(r.email)));
  const relationEmails = rows.flatMap((r) =>
    (r.relations ?? []).filter((x) => x.other.includes('@')).map((x) => normaliseEmail(x.other)),
  );
  const known = new Map(
    (await repo.peopleByEmail(ctx.db, [...new Set([...fileEmails, ...relationEmails])])).map((p) => [
      p.email_norm,
      p.id,
    ]),
  );

  for (const { row, ref } of refusedOrgs)
    if (!orgs.has(orgKeyOf(ref))) errors.push({ row, field: 'organisation', reason: t('import.noSuchOrg') });
  const good: ExpertRow[] = [];
  for (const r of rows) {
    const rowErrors: RowError[] = [];
    if (!orgs.has(orgKeyOf(r.organisation)))
      rowErrors.push({
        row: r.row,
        field: 'organisation',
        reason: t('import.noSuchOrg'),
      });
    for (const e of r.employment ?? [])
      if ('uscc' in e.org && !orgs.has(orgKeyOf(e.org)))
        rowErrors.push({
          row: r.row,
          field: 'employment',
          reason: t('import.noOrgWithUscc', { uscc: e.org.uscc }),
        });
    for (const x of r.relations ?? []) {
      if (!x.other.includes('@')) continue;
      const em = normaliseEmail(x.other);
      if (!known.has(em) && !fileEmails.has(em))
        rowErrors.push({
          row: r.row,
          field: 'relations',
          reason: t('import.noPersonWithEmail', { other: x.other }),
        });
    }
    if (rowErrors.length) errors.push(...rowErrors);
    else good.push(r);
  }
  errors.sort((a, b) => a.row - b.row || (a.field < b.field ? -1 : a.field > b.field ? 1 : 0));
  const badRows = new Set(errors.map((e) => e.row)).size;
  if (errors.length && !opts.skipBadRows) return { ok: false, created: 0, updated: 0, skipped: 0, errors };

  // Imported people cannot log in until they reset their password: the hash is of a secret
  // nobody keeps (one per import: hashing is deliberately slow).
  const unusable = good.some((r) => !known.has(normaliseEmail(r.email)))
    ? await hashPassword(randomBytes(32).toString('hex'))
    : '';
  const now = ctx.now();
  const day = today(now);
  return inTx(ctx, async (tx) => {
    let created = 0;
    let updated = 0;
    const ids = new Map(known);
    for (const r of good) {
      const emailNorm = normaliseEmail(r.email);
      let personId = ids.get(emailNorm);
      const isNew = personId === undefined;
      if (personId === undefined) {
        personId = (
          await repo.insertImportedPerson(tx, {
            email: r.email,
            emailNorm,
            passwordHash: unusable,
            nameZh: r.nameZh,
            nameEn: r.nameEn,
            disciplineCodes: r.disciplineCodes,
            keywords: r.keywords,
          })
        ).id;
        ids.set(emailNorm, personId);
        await recordAudit(tx, actor, now, {
          action: 'person.register',
          objectType: 'person',
          objectId: personId,
          detail: { via: 'expert.import' },
        });
      } else {
        await repo.updatePersonFromImport(tx, personId, {
          nameZh: r.nameZh,
          nameEn: r.nameEn,
          disciplineCodes: r.disciplineCodes,
          keywords: r.keywords,
          now,
        });
      }
      const current = orgs.get(orgKeyOf(r.organisation))!;
      const stints =
        r.employment?.map((e) => {
          const o = orgs.get(orgKeyOf(e.org));
          return {
            orgId: o?.id ?? null,
            orgName: o?.name ?? ('name' in e.org ? e.org.name : e.org.uscc),
            start: e.start,
            end: e.end,
          };
        }) ??
        (await repo.employmentOf(tx, personId)).map((e) => ({
          orgId: e.org_id,
          orgName: e.org_name,
          start: e.start_date,
          end: e.end_date,
        }));
      // The organisation column is the current employer: make sure an open stint says so.
      if (!stints.some((s) => s.orgId === current.id && s.end === null))
        stints.push({ orgId: current.id, orgName: current.name, start: day, end: null });
      await repo.replaceEmployment(tx, personId, stints);
      if (r.publications) await repo.replacePublications(tx, personId, r.publications);
      if (r.projects) await repo.replaceProjects(tx, personId, r.projects);
      const inserted = await repo.upsertExpert(tx, {
        personId,
        maxLoad: r.maxLoad,
        availability: r.availability,
        source: 'import',
        now,
      });
      const m = await upsertMembership(tx, {
        personId,
        orgId: agencyId,
        role: 'evaluator',
        status: 'active',
        decidedBy: actor.personId,
        now,
      });
      await recordAudit(tx, actor, now, {
        action: inserted ? 'expert.import.create' : 'expert.import.update',
        objectType: 'expert',
        objectId: personId,
        after: { maxLoad: r.maxLoad, availability: r.availability, orgId: current.id, membership: m.id },
        detail: { row: r.row, file: opts.fileName ?? '', newPerson: isNew },
      });
      if (inserted) created++;
      else updated++;
    }
    // Relations may point at people created later in the same file: resolved once all exist.
    for (const r of good) {
      if (!r.relations) continue;
      const personId = ids.get(normaliseEmail(r.email))!;
      await repo.replaceRelations(
        tx,
        personId,
        r.relations.map((x) => {
          const other = x.other.includes('@') ? (ids.get(normaliseEmail(x.other)) ?? null) : null;
          return { otherPersonId: other, otherName: other ? '' : x.other, kind: x.kind, note: x.note };
        }),
        now,
      );
    }
    return { ok: true, created, updated, skipped: badRows, errors };
  });
}

/** One page of the pool, searched by name, email, keyword or discipline code. */
export async function listExperts(ctx: Ctx, q: Parameters<typeof repo.listExperts>[1]) {
  requirePoolManager(ctx);
  const { rows, total } = await repo.listExperts(ctx.db, q);
  return {
    total,
    page: q.page,
    pageSize: q.pageSize,
    items: rows.map((r) => ({
      id: r.person_id,
      email: r.email,
      nameZh: r.name_zh,
      nameEn: r.name_en,
      organisationZh: r.org_name_zh ?? null,
      organisationEn: r.org_name_en ?? null,
      disciplineCodes: r.discipline_codes,
      keywords: r.keywords,
      maxLoad: r.max_load,
      load: Number(r.load ?? 0),
      availability: r.availability as unknown as { from: string; to: string }[],
      active: r.active,
      source: r.source,
    })),
  };
}

/** One expert with the declared relations. */
export async function getExpert(ctx: Ctx, id: string) {
  requirePoolManager(ctx);
  const e = await repo.findExpert(ctx.db, id);
  if (!e) throw notFound(t('notFound.expert'));
  const relations = await repo.relationsOf(ctx.db, [id]);
  const linked = relations.flatMap((r) => (r.other_person_id ? [r.other_person_id] : []));
  const names = new Map((await findPeople(ctx.db, linked)).map((p) => [p.id, p.name_zh || p.name_en]));
  return {
    id,
    maxLoad: e.max_load,
    availability: e.availability as unknown as { from: string; to: string }[],
    active: e.active,
    relations: relations.map((r) => ({
      otherPersonId: r.other_person_id,
      otherName: r.other_name,
      /** The related person's name when linked (else the declared name). */
      displayName: r.other_person_id ? (names.get(r.other_person_id) ?? '') : r.other_name,
      kind: r.kind,
      note: r.note,
    })),
  };
}

/** Edits the load cap, availability, active flag or declared relations of one expert. */
export async function editExpert(ctx: Ctx, id: string, patch: ExpertPatch) {
  const actor = requirePoolManager(ctx);
  const now = ctx.now();
  await inTx(ctx, async (tx) => {
    const before = await repo.lockExpert(tx, id);
    if (!before) throw notFound(t('notFound.expert'));
    await repo.updateExpert(tx, id, { ...patch, now });
    if (patch.relations) {
      for (const [i, r] of patch.relations.entries())
        if (r.otherPersonId === id)
          throw new AppError('VALIDATION', t('pool.selfRelation'), `relations.${i}.otherPersonId`);
      await repo.replaceRelations(
        tx,
        id,
        patch.relations.map((r) => ({
          otherPersonId: r.otherPersonId ?? null,
          otherName: r.otherName ?? '',
          kind: r.kind,
          note: r.note ?? '',
        })),
        now,
      );
    }
    await recordAudit(tx, actor, now, {
      action: 'expert.edit',
      objectType: 'expert',
      objectId: id,
      before: { maxLoad: before.max_load, availability: before.availability, active: before.active },
      after: patch,
      detail: { fields: Object.keys(patch) },
    });
  });
  return getExpert(ctx, id);
}
