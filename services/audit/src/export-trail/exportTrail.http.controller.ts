import { Body, Controller, HttpCode, Inject, Post, Res, StreamableFile } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { AUDIT_EXPORT_HEADERS, CreateAuditExportBody } from '@ledger/contracts';
import { Ctx, Roles, ZodPipe } from '@ledger/http';
import type { RequestContext } from '@ledger/tenancy';
import type { AuditApp } from '../audit.app';
import { AUDIT_APP } from '../http/tokens';

@Controller('v1/audit/exports')
export class AuditExportHttpController {
  constructor(@Inject(AUDIT_APP) private readonly app: AuditApp) {}

  /**
   * The bundle is streamed from disk as gzip; the export is already recorded in the ledger when
   * the first byte goes out, and its ids travel in headers since the body is the archive.
   */
  @Post()
  @Roles('compliance')
  @HttpCode(200)
  async create(
    @Ctx() ctx: RequestContext,
    @Body(new ZodPipe(CreateAuditExportBody)) body: CreateAuditExportBody,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StreamableFile> {
    const result = await this.app.exportTrail(ctx, body);
    void reply.header(AUDIT_EXPORT_HEADERS.exportId, result.exportId);
    void reply.header(AUDIT_EXPORT_HEADERS.eventId, result.eventId);
    void reply.header(AUDIT_EXPORT_HEADERS.manifestSha256, result.manifestSha256);
    return new StreamableFile(result.archive, {
      type: 'application/gzip',
      disposition: `attachment; filename="${result.fileName}"`,
    });
  }
}
