import type { KafkaMessage, Producer } from 'kafkajs';
import { dlqTopicFor, withDlqHeaders, type DlqFailure, type DlqOrigin } from './dlqHeaders';

/**
 * Produces a poison message to `<topic>.dlq` exactly as it arrived (key, value, headers) so a
 * replay can put it back unchanged, with the failure in headers. acks = all: the consumer
 * commits past the message only once the DLQ holds it.
 */
export class DlqPublisher {
  constructor(private readonly producer: Producer) {}

  async publish(message: KafkaMessage, origin: DlqOrigin, failure: DlqFailure, at = new Date()): Promise<void> {
    await this.producer.send({
      topic: dlqTopicFor(origin.topic),
      acks: -1,
      messages: [
        { key: message.key, value: message.value, headers: withDlqHeaders(message.headers, failure, origin, at) },
      ],
    });
  }
}
