// The duplicate-submission rescan as a job on the queue: an integrity officer starts it, any
// instance's worker runs it, and its progress (texts checked of all) is kept in app_setting
// 'integrity_rescan' so every instance answers the polls. A rescan whose instance died is retried
// by the queue (it only adds flags not raised yet, so running it again is harmless).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Ctx } from '../../app/context.ts';
import type { DB } from '../../db/schema.ts';
import { forbidden } from '../../errors.ts';
import { t } from '../../i18n/messages.ts';
import { defineJob, enqueue } from '../../jobs/queue.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { requireActor } from '../challenges/challenges.access.ts';
import './integrity.messages.ts';
import { isIntegrityOfficer, rescanTexts } from './integrity.service.ts';

export const RESCAN_JOB = 'integrity.rescan';

const KEY = 'integrity_rescan';

const Status = z.object({
  state: z.enum(['none', 'queued', 'running', 'done', 'failed']),
  done: z.number(),
  total: z.number(),
  flagged: z.number(),
  error: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
});
type Status = z.infer<typeof Status>;
const NONE: Status = {
  state: 'none',
  done: 0,
  total: 0,
  flagged: 0,
  error: '',
  startedAt: null,
  finishedAt: null,
};

async function save(db: Kysely<DB>, s: Status) {
  const value = JSON.stringify(s);
  await db
    .insertInto('app_setting')
    .values({ key: KEY, value })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
    .execute();
}

export async function rescanStatus(db: Kysely<DB>): Promise<Status> {
  const r = await db.selectFrom('app_setting').select('value').where('key', '=', KEY).executeTakeFirst();
  return r ? { ...NONE, ...(JSON.parse(r.value) as Partial<Status>) } : NONE;
}

/** Queues a rescan (integrity officers); the answer is the status, polled at GET. */
export async function startRescan(ctx: Ctx, threshold?: number): Promise<Status> {
  const actor = requireActor(ctx.actor);
  if (!isIntegrityOfficer(actor)) throw forbidden(t('integrity.rescanOfficersOnly'));
  const now = ctx.now();
  await ctx.db.transaction().execute(async (tx) => {
    await enqueue(tx, RESCAN_JOB, [{ threshold: threshold ?? null }]);
    await tx
      .insertInto('app_setting')
      .values({ key: KEY, value: JSON.stringify({ ...NONE, state: 'queued', startedAt: now.toISOString() }) })
      .onConflict((oc) =>
        oc
          .column('key')
          .doUpdateSet({ value: JSON.stringify({ ...NONE, state: 'queued', startedAt: now.toISOString() }) }),
      )
      .execute();
    await recordAudit(tx, actor, now, {
      action: 'integrity.rescan',
      objectType: 'integrity',
      objectId: 'duplicates',
      detail: { threshold: threshold ?? null },
    });
  });
  return rescanStatus(ctx.db);
}

defineJob<{ threshold: number | null }>({
  name: RESCAN_JOB,
  title: t('integrity.job.rescan'),
  options: { retryLimit: 2, retryDelay: 60, retryBackoff: true, expireInSeconds: 3600 },
  async handle(jobs, env) {
    for (const j of jobs) {
      const startedAt = env.now().toISOString();
      let last = 0;
      await save(env.db, { ...NONE, state: 'running', startedAt });
      try {
        const r = await rescanTexts(
          env.db,
          env.now(),
          (done, total) => {
            if (Date.now() - last < 500) return;
            last = Date.now();
            save(env.db, { ...NONE, state: 'running', done, total, startedAt }).catch(() => {});
          },
          { threshold: j.data.threshold ?? undefined },
        );
        await save(env.db, {
          ...NONE,
          state: 'done',
          done: r.checked,
          total: r.checked,
          flagged: r.flagged,
          startedAt,
          finishedAt: env.now().toISOString(),
        });
      } catch (e) {
        await save(env.db, {
          ...NONE,
          state: 'failed',
          error: (e as Error).message,
          startedAt,
          finishedAt: env.now().toISOString(),
        });
        throw e;
      }
    }
  },
});

export const rescanRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/integrity/rescan',
    {
      schema: {
        tags: ['integrity'],
        summary: 'Queue a rescan of every submitted text for duplicates (integrity officers)',
        body: z.strictObject({ threshold: z.number().gt(0).lte(1).optional() }),
        response: { 202: Status },
      },
    },
    async (req, reply) => reply.status(202).send(await startRescan(req.ctx, req.body.threshold)),
  );
  app.get(
    '/integrity/rescan',
    {
      schema: {
        tags: ['integrity'],
        summary: 'The latest rescan: queued, running (texts checked of all), done or failed',
        response: { 200: Status },
      },
    },
    async (req) => {
      const actor = requireActor(req.actor);
      if (!isIntegrityOfficer(actor)) throw forbidden(t('integrity.rescanOfficersOnly'));
      return rescanStatus(req.ctx.db);
    },
  );
};
