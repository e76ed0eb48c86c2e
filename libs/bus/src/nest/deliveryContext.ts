import { BaseRpcContext } from '@nestjs/microservices';
import type { PoolClient } from 'pg';

/**
 * What a message handler gets beside its run of events: the topic the run was read from and the
 * transaction that already holds the run's inbox rows. Writing through `tx` is what makes the
 * effect happen once per event id: it commits with the inbox rows or not at all.
 */
export class DeliveryContext extends BaseRpcContext<[topic: string, tx: PoolClient]> {
  get topic(): string {
    return this.args[0];
  }

  get tx(): PoolClient {
    return this.args[1];
  }
}
