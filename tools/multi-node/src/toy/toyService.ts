import { Body, Controller, Get, HttpCode, Inject, Module, Post } from '@nestjs/common';
import type { Pool } from 'pg';
import { OnFollowedEvents, type DeliveredRun, type DeliveryContext } from '@ledger/bus';
import { z } from '@ledger/contracts';
import { defineService } from '@ledger/host';
import { Ctx, DB_POOL, LEDGER, PROJECTION_WAITER, Roles, ZodPipe } from '@ledger/http';
import type { Ledger } from '@ledger/ledger';
import { applyDeliveredRun, type ProjectionDefinition, type ProjectionWaiter } from '@ledger/projections';
import { eventMetadata, type RequestContext } from '@ledger/tenancy';

/**
 * A fifth service declared here alone, to show that a service is its descriptor: its own
 * events, a projection over them and over evidence's, a route, and nothing else anywhere.
 */
export const TOY_PROJECTION = 'toy.activity';

export const toyProjection: ProjectionDefinition = {
  name: TOY_PROJECTION,
  version: 1,
  prefix: 'toy_',
  tables: [
    // Its own notes, and the documents it learnt of from evidence.
    { name: 'toy_notes', key: { note_id: 'text' }, columns: { org_seq: 'bigint' }, notNull: ['org_seq'] },
    { name: 'toy_documents', key: { document_id: 'text' }, columns: { org_seq: 'bigint' }, notNull: ['org_seq'] },
  ],
  handlers: {
    ToyNoteWritten: (event, tx) =>
      tx.upsert('toy_notes', { note_id: String(event.data.noteId), org_seq: event.orgSeq }),
    DocumentIngested: (event, tx) =>
      tx.upsert('toy_documents', { document_id: String(event.data.documentId), org_seq: event.orgSeq }),
  },
};

const NoteBody = z.object({ noteId: z.string().regex(/^[a-z0-9]{1,20}$/) }).strict();

export interface ToyActivity {
  notes: string[];
  documents: number;
}

@Controller('v1/toy/notes')
class ToyController {
  constructor(
    @Inject(LEDGER) private readonly ledger: Ledger,
    @Inject(DB_POOL) private readonly pool: Pool,
    @Inject(PROJECTION_WAITER) private readonly waiter: ProjectionWaiter,
  ) {}

  @Post()
  @Roles('advisor')
  @HttpCode(201)
  async write(@Ctx() ctx: RequestContext, @Body(new ZodPipe(NoteBody)) body: z.infer<typeof NoteBody>) {
    const appended = await this.ledger.append({
      orgId: ctx.orgId,
      streamId: `toy-${body.noteId}`,
      expectedRevision: 'no_stream',
      events: [{ type: 'ToyNoteWritten', data: { noteId: body.noteId }, metadata: eventMetadata(ctx) }],
    });
    await this.waiter.waitForOrgHead(ctx.orgId);
    return { noteId: body.noteId, revision: appended.lastRevision };
  }

  @Get()
  @Roles('advisor')
  async read(@Ctx() ctx: RequestContext): Promise<ToyActivity> {
    const active = `generation = coalesce((SELECT active_generation FROM projection_state
                                               WHERE projection = $2 AND org_id = $1), 1)`;
    const notes = await this.pool.query<{ note_id: string }>(
      `SELECT note_id FROM toy_notes WHERE org_id = $1 AND ${active} ORDER BY note_id`,
      [ctx.orgId, TOY_PROJECTION],
    );
    const documents = await this.pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM toy_documents WHERE org_id = $1 AND ${active}`,
      [ctx.orgId, TOY_PROJECTION],
    );
    return { notes: notes.rows.map((row) => row.note_id), documents: documents.rows[0].n };
  }
}

/** Its Kafka side in multi-node: evidence's events, which it follows, folded into its projection. */
@Controller()
class ToyMessageController {
  @OnFollowedEvents('evidence')
  async evidenceEvents(run: DeliveredRun<'evidence'>, context: DeliveryContext): Promise<void> {
    await applyDeliveredRun(context.tx, toyProjection, run);
  }
}

@Module({ controllers: [ToyController, ToyMessageController] })
class ToyModule {}

export const toyService = defineService({
  name: 'toy',
  prefix: 'toy_',
  categories: ['toy'],
  follows: ['evidence'],
  projections: [toyProjection],
  module: ToyModule,
  registerRoutes: (registry) => {
    for (const method of ['get', 'post'] as const) {
      registry.registerPath({ method, path: '/v1/toy/notes', responses: { 200: { description: 'toy activity' } } });
    }
  },
  paths: ['/v1/toy'],
});
