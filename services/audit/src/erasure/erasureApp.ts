import type { ErasureCertificate } from '@ledger/ledger';
import { eventMetadata, type RequestContext } from '@ledger/tenancy';
import { carryOutDueErasures, readErasure, requestErasure, type ErasureDeps } from './erasure.handler';
import { erasureView, type ErasureView } from './erasureView';

export interface AppliedErasure {
  requestId: string;
  certificateId: string;
  streams: string[];
}

/** The erasure use cases as the controller calls them, over the audit service's dependencies. */
export class ErasureApp {
  constructor(private readonly deps: ErasureDeps) {}

  request(ctx: RequestContext, body: { entityId: string }): Promise<ErasureView> {
    return requestErasure(this.deps, ctx, body);
  }

  async view(ctx: RequestContext, requestId: string): Promise<ErasureView> {
    return erasureView(await readErasure(this.deps, ctx, requestId));
  }

  async certificates(ctx: RequestContext, requestId: string): Promise<ErasureCertificate[]> {
    return (await readErasure(this.deps, ctx, requestId)).carriedOut.map((c) => c.certificate);
  }

  /** The token's org only, at the server's time; recorded as the compliance officer's action. */
  async applyDue(ctx: RequestContext): Promise<AppliedErasure[]> {
    const now = (this.deps.now ?? (() => new Date()))();
    const done = await carryOutDueErasures(this.deps, ctx.orgId, now, eventMetadata(ctx));
    return done.map(({ requestId, certificate }) => ({
      requestId,
      certificateId: certificate.certificateId,
      streams: certificate.streams.map((s) => s.streamId),
    }));
  }
}
