// HTTP adapter for shared large research instruments. The catalogue (search, an instrument, its
// openness figures) answers without login; everything else needs an account.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sendTable } from '../../http/export.ts';
import { NameRef } from '../../http/names.ts';
import { IdParam } from '../accounts/accounts.schema.ts';
import * as s from './instruments.schema.ts';
import * as svc from './instruments.service.ts';
import './instruments.tasks.ts';

export const instrumentsRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['instruments'];
  app.get(
    '/instruments',
    {
      schema: {
        tags,
        summary:
          'Search the catalogue of open instruments (no login needed) by capability, category, region, free time',
        querystring: s.SearchQuery,
        response: { 200: s.InstrumentPage },
      },
    },
    async (req) => svc.search(req.ctx, req.query),
  );
  app.post(
    '/instruments',
    {
      schema: {
        tags,
        summary: 'List an instrument of my organisation (its admins)',
        body: s.InstrumentBody,
        response: { 201: s.InstrumentDetail },
      },
      config: { idempotent: true },
    },
    async (req, reply) => reply.status(201).send(await svc.createInstrument(req.ctx, req.body)),
  );
  app.get(
    '/instruments/listing-orgs',
    {
      schema: {
        tags,
        summary: 'Organisations whose instruments I may list (their admins)',
        response: { 200: z.array(NameRef) },
      },
    },
    async (req) => svc.listingOrgs(req.ctx),
  );
  app.get(
    '/organisations/:id/instrument-managers',
    {
      schema: {
        tags,
        summary: 'People who may manage an instrument of this organisation (its active members)',
        params: IdParam,
        response: { 200: z.array(NameRef) },
      },
    },
    async (req) => svc.managerCandidates(req.ctx, req.params.id),
  );
  app.get(
    '/instruments/managed',
    {
      schema: {
        tags,
        summary: 'Instruments I manage, with bookings awaiting approval',
        response: { 200: z.array(s.ManagedInstrument) },
      },
    },
    async (req) => svc.managed(req.ctx),
  );
  app.get(
    '/instruments/bookings',
    {
      schema: {
        tags,
        summary: 'My bookings, newest first; or those an award pays for or a task book reserved',
        querystring: s.MyBookingsQuery,
        response: { 200: s.MyBookingPage },
      },
    },
    async (req) => svc.myBookings(req.ctx, req.query),
  );
  app.get(
    '/instruments/bookings/:id',
    {
      schema: {
        tags,
        summary: 'A booking, its use, fee and rating (the printable record)',
        params: IdParam,
        response: { 200: s.BookingDetail },
      },
    },
    async (req) => svc.getBooking(req.ctx, req.params.id),
  );
  app.get(
    '/instruments/:id',
    {
      schema: {
        tags,
        summary: 'An instrument: rules, prices, maintenance, taken times',
        params: IdParam,
        response: { 200: s.InstrumentDetail },
      },
    },
    async (req) => svc.getInstrument(req.ctx, req.params.id),
  );
  app.put(
    '/instruments/:id',
    {
      schema: {
        tags,
        summary: 'Change an instrument (its organisation’s admins)',
        params: IdParam,
        body: s.InstrumentBody,
        response: { 200: s.InstrumentDetail },
      },
    },
    async (req) => svc.updateInstrument(req.ctx, req.params.id, req.body),
  );
  app.post(
    '/instruments/:id/maintenance',
    {
      schema: {
        tags,
        summary: 'Block a maintenance window (manager)',
        params: IdParam,
        body: s.MaintenanceBody,
        response: { 201: s.InstrumentDetail },
      },
    },
    async (req, reply) => reply.status(201).send(await svc.addMaintenance(req.ctx, req.params.id, req.body)),
  );
  app.delete(
    '/instruments/:id/maintenance/:windowId',
    {
      schema: {
        tags,
        summary: 'Remove a maintenance window (manager); its time is bookable again',
        params: s.MaintenanceParams,
        response: { 200: s.InstrumentDetail },
      },
    },
    async (req) => svc.removeMaintenance(req.ctx, req.params.id, req.params.windowId),
  );
  app.get(
    '/instruments/payers',
    {
      schema: {
        tags,
        summary: 'What I may pay a booking with: my organisations and the active awards I work on',
        response: { 200: s.Payers },
      },
    },
    async (req) => svc.payers(req.ctx),
  );
  app.get(
    '/instruments/:id/calendar',
    {
      schema: {
        tags,
        summary: 'The manager’s calendar: bookings with who booked and who pays',
        params: IdParam,
        querystring: s.CalendarQuery,
        response: { 200: s.Calendar },
      },
    },
    async (req) => svc.calendar(req.ctx, req.params.id, req.query.from, req.query.to),
  );
  app.post(
    '/instruments/:id/bookings',
    {
      schema: {
        tags,
        summary: 'Book a slot; an overlap with another booking or maintenance answers 409 SLOT_TAKEN',
        params: IdParam,
        body: s.BookBody,
        response: { 201: s.BookingDetail },
      },
      config: { idempotent: true },
    },
    async (req, reply) => reply.status(201).send(await svc.book(req.ctx, req.params.id, req.body)),
  );
  for (const action of ['approve', 'reject', 'cancel'] as const)
    app.post(
      `/instruments/bookings/:id/${action}`,
      {
        schema: {
          tags,
          summary: {
            approve: 'Approve a pending booking (manager)',
            reject: 'Reject a pending booking with a reason (manager)',
            cancel: 'Cancel a booking (booker before its start; manager with a reason)',
          }[action],
          params: IdParam,
          body: s.ActBody,
          response: { 200: s.BookingDetail },
        },
      },
      async (req) => svc.act(req.ctx, req.params.id, action, req.body.reason),
    );
  app.post(
    '/instruments/bookings/:id/use',
    {
      schema: {
        tags,
        summary: 'Record the use; the fee is posted to the ledger (manager)',
        params: IdParam,
        body: s.UseBody,
        response: { 200: s.BookingDetail },
      },
    },
    async (req) => svc.recordUse(req.ctx, req.params.id, req.body),
  );
  app.post(
    '/instruments/bookings/:id/rating',
    {
      schema: {
        tags,
        summary: 'Rate a recorded use (the booker, once)',
        params: IdParam,
        body: s.RateBody,
        response: { 200: s.BookingDetail },
      },
    },
    async (req) => svc.rate(req.ctx, req.params.id, req.body),
  );
  app.get(
    '/instruments/:id/openness',
    {
      schema: {
        tags,
        summary: 'Annual open-sharing figures of an instrument',
        params: IdParam,
        querystring: s.YearQuery,
        response: { 200: s.Openness },
      },
    },
    async (req) => svc.openness(req.ctx, req.params.id, req.query.year),
  );
  app.get(
    '/organisations/:id/instruments/openness',
    {
      schema: {
        tags,
        summary: 'Open-sharing figures of every instrument of an organisation for a year',
        params: IdParam,
        querystring: s.YearQuery,
        response: { 200: z.array(s.OpennessRow) },
      },
    },
    async (req) => svc.opennessTable(req.ctx, req.params.id, req.query.year),
  );
  app.get(
    '/organisations/:id/instruments/openness/export',
    {
      schema: {
        tags,
        summary: 'The same table as CSV or XLSX',
        params: IdParam,
        querystring: s.OpennessExportQuery,
      },
    },
    async (req, reply) => {
      const rows = await svc.opennessTable(req.ctx, req.params.id, req.query.year);
      return sendTable(
        reply,
        req.query.format,
        `instruments-openness-${req.query.year}`,
        [
          'instrument',
          'instrument_en',
          'value_fen',
          'uses',
          'machine_hours',
          'external_hours',
          'external_share_pct',
          'users',
          'external_users',
          'income_fen',
          'ratings',
          'mean_score',
        ],
        rows.map((r) => [
          r.nameZh,
          r.nameEn,
          r.valueFen,
          r.uses,
          (r.tenths / 10).toFixed(1),
          (r.externalTenths / 10).toFixed(1),
          r.externalShareMille === null ? '' : (r.externalShareMille / 10).toFixed(1),
          r.users,
          r.externalUsers,
          r.incomeFen,
          r.ratings,
          r.meanScoreCenti === null ? '' : (r.meanScoreCenti / 100).toFixed(2),
        ]),
      );
    },
  );
};
