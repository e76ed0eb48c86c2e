import { EventEmitter } from 'node:events';
import { Client } from 'pg';
import { SEQUENCED_CHANNEL } from '../sequencer/sequenceBatch';

/**
 * Tells subscribers that new events were sequenced: from this process's sequencer directly,
 * and from other processes through LISTEN/NOTIFY. Subscribers also poll, so a lost
 * notification delays delivery but never loses an event.
 */
export class SequencedSignal extends EventEmitter {
  private listener: Client | null = null;
  private listening: Promise<void> | null = null;

  constructor(private readonly connectionString: string | undefined) {
    super();
    this.setMaxListeners(0);
  }

  notify(lastLogSeq: number): void {
    this.emit('sequenced', lastLogSeq);
  }

  /** Starts listening once, on its own connection; without a URL, polling alone is used. */
  ensureListening(): Promise<void> {
    if (!this.connectionString) return Promise.resolve();
    this.listening ??= (async () => {
      const client = new Client({ connectionString: this.connectionString });
      client.on('notification', (message) => this.notify(Number(message.payload)));
      // A dropped listener leaves polling in charge; it is not fatal.
      client.on('error', () => undefined);
      await client.connect();
      await client.query(`LISTEN ${SEQUENCED_CHANNEL}`);
      this.listener = client;
    })();
    return this.listening;
  }

  async close(): Promise<void> {
    await this.listening?.catch(() => undefined);
    await this.listener?.end().catch(() => undefined);
    this.listener = null;
    this.listening = null;
  }
}
