// HTTP adapter for the home page: the signed-in person's tasks ("待办 / My tasks") in their
// language, and whether this installation has an administrator yet (a public yes/no, so a
// fresh install's home page can say how to create the first one).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { z } from 'zod';
import { AppError } from '../../errors.ts';
import { DEFAULT_LOCALE } from '../../i18n/locale.ts';
import { render, t } from '../../i18n/messages.ts';
import './home.messages.ts';
import { tasksFor } from './tasks.ts';

const Task = z.object({
  kind: z.string().meta({ description: 'stable kind, for grouping; never shown' }),
  count: z.number().int().min(1),
  title: z.string().meta({ description: "what to do, in the reader's language" }),
  href: z.string().meta({ description: 'the web page where the person acts' }),
  dueAt: z.string().nullable().meta({ description: 'the nearest deadline (ISO 8601 UTC), if any' }),
});

export const homeRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/me/tasks',
    {
      schema: {
        tags: ['home'],
        summary:
          'My tasks: each kind of work waiting for me, with how many, where to act, and the nearest deadline',
        response: { 200: z.object({ items: z.array(Task) }) },
      },
    },
    async (req) => {
      const actor = req.actor;
      if (!actor) throw new AppError('UNAUTHENTICATED', t('home.signInFirst'));
      const locale = req.ctx.locale ?? DEFAULT_LOCALE;
      const items = await tasksFor({ ...req.ctx, actor });
      return {
        items: items.map((x) => ({
          kind: x.kind,
          count: x.count,
          title: render(x.title, locale),
          href: x.href,
          dueAt: x.dueAt ?? null,
        })),
      };
    },
  );

  app.get(
    '/setup',
    {
      schema: {
        tags: ['home'],
        summary: 'Whether the platform has an administrator yet (a fresh install has none)',
        response: { 200: z.object({ hasAdmin: z.boolean() }) },
      },
    },
    async (req) => {
      const row = await req.ctx.db
        .selectFrom('membership as m')
        .innerJoin('organisation as o', 'o.id', 'm.org_id')
        .select(sql<number>`1`.as('one'))
        .where('m.role', '=', 'admin')
        .where('m.status', '=', 'active')
        .where('o.kind', '=', 'platform')
        .limit(1)
        .executeTakeFirst();
      return { hasAdmin: !!row };
    },
  );
};
