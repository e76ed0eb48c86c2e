import { Controller, Get, Inject, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { Public } from '../auth/roles.decorator';
import type { Readiness } from './readiness';
import { READINESS } from '../tokens';

@Controller('health')
export class HealthController {
  constructor(@Inject(READINESS) private readonly readiness: Readiness) {}

  /** The process is up; says nothing about its dependencies, so an orchestrator restarts only a hung process. */
  @Get('live')
  @Public()
  live() {
    return { status: 'ok' };
  }

  /** Whether to send traffic here: the database answers and this process's workers go round (never a tenant's state). */
  @Get('ready')
  @Public()
  async ready(@Res({ passthrough: true }) reply: FastifyReply) {
    const { ready, checks } = await this.readiness.check();
    void reply.status(ready ? 200 : 503);
    return { status: ready ? 'ok' : 'unavailable', checks };
  }
}
