import { Body, Controller, Get, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { AddMentionBody, CreateEntityBody, IdSchema, RetractMentionBody } from '@ledger/contracts';
import { Ctx, Roles, ZodPipe } from '@ledger/http';
import type { RequestContext } from '@ledger/tenancy';
import type { ClaimsApp } from '../app/claimsApp';
import { CLAIMS_APP } from './claimsAppToken';

@Controller('v1/entities')
export class EntitiesHttpController {
  constructor(@Inject(CLAIMS_APP) private readonly app: ClaimsApp) {}

  @Post()
  @Roles('advisor')
  @HttpCode(201)
  create(@Ctx() ctx: RequestContext, @Body(new ZodPipe(CreateEntityBody)) body: CreateEntityBody) {
    return this.app.createEntity(ctx, body);
  }

  @Get(':entityId')
  @Roles('advisor', 'compliance')
  get(@Ctx() ctx: RequestContext, @Param('entityId', new ZodPipe(IdSchema, 'entityId')) entityId: string) {
    return this.app.getEntity(ctx, entityId);
  }

  @Post(':entityId/mentions')
  @Roles('advisor')
  @HttpCode(201)
  addMention(
    @Ctx() ctx: RequestContext,
    @Param('entityId', new ZodPipe(IdSchema, 'entityId')) entityId: string,
    @Body(new ZodPipe(AddMentionBody)) body: AddMentionBody,
  ) {
    return this.app.addMention(ctx, entityId, body);
  }

  @Post(':entityId/mentions/:mentionId/retract')
  @Roles('advisor')
  @HttpCode(200)
  retractMention(
    @Ctx() ctx: RequestContext,
    @Param('entityId', new ZodPipe(IdSchema, 'entityId')) entityId: string,
    @Param('mentionId', new ZodPipe(IdSchema, 'mentionId')) mentionId: string,
    @Body(new ZodPipe(RetractMentionBody)) body: RetractMentionBody,
  ) {
    return this.app.retractMention(ctx, entityId, mentionId, body);
  }
}
