// HTTP adapter for horse races: thin, every body checked by its zod schema first.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { pageOf } from '../../http/paging.ts';
import {
  EvaluationBody,
  EvaluationParam,
  GateParam,
  InviteBody,
  MergeBody,
  RaceBoard,
  RaceBody,
  RaceListItem,
  RaceListQuery,
  RaceObjectionBody,
  RaceObjectionDecisionBody,
  RaceParam,
  ReasonBody,
  StageParam,
  TeamEvidenceBody,
  TeamParam,
} from './race.schema.ts';
import * as svc from './race.service.ts';
import './race.tasks.ts';

const Empty = z.strictObject({}).default({});

export const raceRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['races'];
  app.get(
    '/races',
    {
      schema: {
        tags,
        summary: 'A page of races, newest first (public)',
        querystring: RaceListQuery,
        response: { 200: pageOf(RaceListItem) },
      },
    },
    async (req) => svc.listRaces(req.ctx, req.query),
  );
  app.post(
    '/races',
    {
      schema: {
        tags,
        summary:
          'Run an awarded race-mode challenge as a race: stages with gates, advance rules, tie-breaks and the tranche plan (organizer)',
        body: RaceBody,
        response: { 201: RaceBoard },
      },
      config: { idempotent: true },
    },
    async (req, reply) => reply.status(201).send(await svc.createRace(req.ctx, req.body)),
  );
  app.get(
    '/races/:id',
    {
      schema: {
        tags,
        summary: 'The race board: public; explanations and inputs only for the team itself and organizers',
        params: RaceParam,
        response: { 200: RaceBoard },
      },
    },
    async (req) => svc.getBoard(req.ctx, req.params.id),
  );
  app.post(
    '/races/:id/invite',
    {
      schema: {
        tags,
        summary: 'Invite a further submitted bid before the start (organizer)',
        params: RaceParam,
        body: InviteBody,
      },
    },
    async (req) => svc.inviteBid(req.ctx, req.params.id, req.body.bidId),
  );
  app.post(
    '/races/:id/start',
    {
      schema: {
        tags,
        summary: 'Start the race: the signing tranches are released (organizer)',
        params: RaceParam,
        body: Empty,
      },
    },
    async (req) => svc.startRace(req.ctx, req.params.id),
  );
  app.put(
    '/races/:id/stages/:no/evaluations/:teamId',
    {
      schema: {
        tags,
        summary:
          'Record a team’s evaluation inputs for a stage: measured values and expert scores (organizer)',
        params: EvaluationParam,
        body: EvaluationBody,
      },
    },
    async (req) => svc.recordEvaluation(req.ctx, req.params.id, req.params.no, req.params.teamId, req.body),
  );
  app.put(
    '/races/:id/stages/:no/evidence/:teamId',
    {
      schema: {
        tags,
        summary:
          'A team submits its own evidence for the open stage: text and files attached to its task book (commander or member)',
        params: EvaluationParam,
        body: TeamEvidenceBody,
      },
    },
    async (req) => svc.submitTeamEvidence(req.ctx, req.params.id, req.params.no, req.params.teamId, req.body),
  );
  app.post(
    '/races/:id/stages/:no/gate',
    {
      schema: {
        tags,
        summary: 'Propose the gate decision: ranked and explained, then open for objections (organizer)',
        params: StageParam,
        body: Empty,
      },
    },
    async (req) => svc.proposeGate(req.ctx, req.params.id, req.params.no),
  );
  app.post(
    '/races/:id/gates/:gateId/finalize',
    {
      schema: {
        tags,
        summary: 'Make a gate decision final after its notice: eliminate, release tranches (organizer)',
        params: GateParam,
        body: Empty,
      },
    },
    async (req) => svc.finalizeGate(req.ctx, req.params.id, req.params.gateId),
  );
  app.post(
    '/races/:id/gates/:gateId/withdraw',
    {
      schema: {
        tags,
        summary: 'Withdraw a proposed gate decision, e.g. after an upheld objection (organizer)',
        params: GateParam,
        body: ReasonBody,
      },
    },
    async (req) => svc.withdrawGate(req.ctx, req.params.id, req.params.gateId, req.body.reason),
  );
  app.post(
    '/races/:id/gates/:gateId/objections',
    {
      schema: {
        tags,
        summary: 'Object to a proposed gate decision during its notice period',
        params: GateParam,
        body: RaceObjectionBody,
      },
      config: { idempotent: true },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(await svc.raiseObjection(req.ctx, req.params.id, req.params.gateId, req.body.text)),
  );
  app.post(
    '/race-objections/:id/resolve',
    {
      schema: {
        tags,
        summary: 'Uphold or dismiss an objection to a gate decision (organizer)',
        params: RaceParam,
        body: RaceObjectionDecisionBody,
      },
    },
    async (req) => svc.resolveObjection(req.ctx, req.params.id, req.body.decision, req.body.resolution),
  );
  app.post(
    '/races/:id/teams/:teamId/withdraw',
    {
      schema: {
        tags,
        summary: 'Withdraw a team from the race (its commander or an organizer), with the reason',
        params: TeamParam,
        body: ReasonBody,
      },
    },
    async (req) => svc.withdrawTeam(req.ctx, req.params.id, req.params.teamId, req.body.reason),
  );
  app.post(
    '/races/:id/merge',
    {
      schema: {
        tags,
        summary: 'Merge one team into another after a gate (强强联合), with the reason (organizer)',
        params: RaceParam,
        body: MergeBody,
      },
    },
    async (req) =>
      svc.mergeTeams(req.ctx, req.params.id, req.body.intoTeamId, req.body.fromTeamId, req.body.reason),
  );
  app.post(
    '/races/:id/end',
    {
      schema: {
        tags,
        summary: 'End the race early after a gate, with the reason (organizer)',
        params: RaceParam,
        body: ReasonBody,
      },
    },
    async (req) => svc.endEarly(req.ctx, req.params.id, req.body.reason),
  );
};
