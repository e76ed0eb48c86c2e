import { Body, Controller, Delete, Get, Inject, Param, Post, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { DeleteDocumentQuery, IdSchema, IngestDocumentBody, NoQuery, ReadDocumentQuery } from '@ledger/contracts';
import { Ctx, Roles, ZodPipe } from '@ledger/http';
import type { RequestContext } from '@ledger/tenancy';
import type { EvidenceApp } from '../app/evidenceApp';
import { EVIDENCE_APP } from './evidenceAppToken';

@Controller('v1/documents')
export class DocumentsHttpController {
  constructor(@Inject(EVIDENCE_APP) private readonly app: EvidenceApp) {}

  /** 201 when the message was new, 200 when it landed in an existing document (C-03). */
  @Post('ingest')
  @Roles('advisor')
  async ingest(
    @Ctx() ctx: RequestContext,
    @Body(new ZodPipe(IngestDocumentBody)) body: IngestDocumentBody,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const result = await this.app.ingest(ctx, body);
    void reply.status(result.created ? 201 : 200);
    return result;
  }

  @Get(':documentId')
  @Roles('advisor', 'compliance')
  read(
    @Ctx() ctx: RequestContext,
    @Param('documentId', new ZodPipe(IdSchema, 'documentId')) documentId: string,
    @Query(new ZodPipe(ReadDocumentQuery)) query: ReadDocumentQuery,
  ) {
    const { asOf, version } = query;
    return this.app.readDocument(ctx, documentId, { version, asOf: asOf === undefined ? undefined : new Date(asOf) });
  }

  @Get(':documentId/history')
  @Roles('advisor', 'compliance')
  history(
    @Ctx() ctx: RequestContext,
    @Param('documentId', new ZodPipe(IdSchema, 'documentId')) documentId: string,
    @Query(new ZodPipe(NoQuery)) _query: NoQuery,
  ) {
    return this.app.documentHistory(ctx, documentId);
  }

  @Delete(':documentId')
  @Roles('advisor')
  delete(
    @Ctx() ctx: RequestContext,
    @Param('documentId', new ZodPipe(IdSchema, 'documentId')) documentId: string,
    @Query(new ZodPipe(DeleteDocumentQuery)) query: DeleteDocumentQuery,
  ) {
    return this.app.deleteDocument(ctx, documentId, query.reason);
  }

  @Get(':documentId/stale-spans')
  @Roles('advisor', 'compliance')
  staleSpans(
    @Ctx() ctx: RequestContext,
    @Param('documentId', new ZodPipe(IdSchema, 'documentId')) documentId: string,
    @Query(new ZodPipe(NoQuery)) _query: NoQuery,
  ) {
    return this.app.staleSpans(ctx, documentId);
  }
}
