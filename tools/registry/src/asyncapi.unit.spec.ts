import { join } from 'node:path';
import { DiagnosticSeverity, fromFile, Parser, type Diagnostic, type SchemaParser } from '@asyncapi/parser';
import Ajv2020 from 'ajv/dist/2020';
import {
  consumerGroupId,
  DEAD_LETTER_ERROR_CODES,
  DEAD_LETTER_HEADERS,
  deadLetterTopic,
  EVENT_CATALOG,
  EVENT_HEADERS,
  eventTopic,
  type EventService,
} from '@ledger/contracts';
import type { ServiceDescriptor } from '@ledger/host';
import { SERVICES } from './services';

/** The published contract: it must say what the registry runs. */
const DOCUMENT = join(__dirname, '..', '..', '..', 'contracts', 'asyncapi.yaml');
const JSON_SCHEMA_2020 = 'application/schema+json;version=2020-12';

/** Meta-schema errors of a resolved payload schema, as the parser's diagnostics want them. */
function metaSchemaErrors(schema: unknown, path: readonly (string | number)[]) {
  const ajv = new Ajv2020({ strict: false });
  if (ajv.validateSchema(schema as object)) return [];
  return (ajv.errors ?? []).map((e) => ({
    message: `${e.instancePath} ${e.message}`,
    path: [...path, ...e.instancePath.split('/').filter(Boolean)],
  }));
}

/**
 * The parser knows JSON Schema only up to draft-07; our payloads are 2020-12, so the format is
 * registered here. For AsyncAPI 3 documents the parser calls only `parse` (its `validate` hook
 * runs for version 2 documents), so `parse` refuses a payload that is not a valid 2020-12
 * schema: the parse then fails with an error diagnostic naming it.
 */
const jsonSchema2020: SchemaParser = {
  getMimeTypes: () => [JSON_SCHEMA_2020],
  validate: (input) => metaSchemaErrors(input.data, input.path),
  parse(input) {
    const errors = metaSchemaErrors(input.data, input.path);
    if (errors.length > 0) throw new Error(errors.map((e) => `${e.path.join('.')}: ${e.message}`).join('; '));
    return input.data as object;
  },
};

type Json = Record<string, any>;
let parsed: Json;
let diagnostics: Diagnostic[];

beforeAll(async () => {
  const parser = new Parser({ schemaParsers: [jsonSchema2020] });
  const result = await fromFile(parser, DOCUMENT).parse();
  diagnostics = result.diagnostics;
  parsed = result.document?.json() as Json;
});

const channelOf = (service: ServiceDescriptor) =>
  Object.values<Json>(parsed.channels).find((c) => c.address === service.topic);
const operations = () => Object.entries<Json>(parsed.operations);

describe('contracts/asyncapi.yaml', () => {
  it('parses and validates with no error or warning, payload schemas included', () => {
    const serious = diagnostics.filter(
      (d) => d.severity === DiagnosticSeverity.Error || d.severity === DiagnosticSeverity.Warning,
    );
    expect(serious.map((d) => `${d.path.join('.')}: ${d.message}`)).toEqual([]);
    expect(parsed.asyncapi).toMatch(/^3\./);
  });

  it('has one topic per service and its dead-letter topic, and no other', () => {
    const topics = SERVICES.flatMap((s) => [s.topic, deadLetterTopic(s.topic)]);
    expect(
      Object.values<Json>(parsed.channels)
        .map((c) => c.address)
        .sort(),
    ).toEqual(topics.sort());
    for (const channel of Object.values<Json>(parsed.channels))
      expect(channel.bindings.kafka.topic).toBe(channel.address);
  });

  it.each(SERVICES.map((s) => [s.name, s] as const))(
    'carries every %s event type on its topic, each with its own schema',
    (name, service) => {
      const messages = Object.values<Json>(channelOf(service)?.messages ?? {});
      expect(messages.map((m) => m.name)).toEqual([...EVENT_CATALOG[name as EventService]]);
      for (const message of messages) {
        expect(message.payload.schemaFormat).toBe(JSON_SCHEMA_2020);
        expect(message.payload.schema.properties.type).toEqual({ const: message.name });
      }
    },
  );

  it('keys every message by org id and names the headers the code uses', () => {
    const event = parsed.components.messages.DocumentIngested;
    expect(event.bindings.kafka.key.pattern).toBe(event.payload.schema.allOf[0].properties.orgId.pattern);
    const headers = parsed.components.schemas.EventHeaders;
    expect(Object.keys(headers.properties).sort()).toEqual(Object.values(EVENT_HEADERS).sort());
    expect(headers.required.sort()).toEqual(
      Object.values(EVENT_HEADERS)
        .filter((h) => h !== 'traceparent')
        .sort(),
    );
    const deadLetter = parsed.components.schemas.DeadLetterHeaders;
    expect(deadLetter.required.sort()).toEqual(Object.values(DEAD_LETTER_HEADERS).sort());
    expect(Object.keys(deadLetter.properties)).toEqual(expect.arrayContaining(Object.values(EVENT_HEADERS)));
    expect(deadLetter.properties[DEAD_LETTER_HEADERS.errorCode].enum).toEqual([...DEAD_LETTER_ERROR_CODES]);
  });

  it('has each service send only on its own topic', () => {
    const sends = operations()
      .filter(([, op]) => op.action === 'send' && !op.channel.address.endsWith('.dlq'))
      .map(([, op]) => [op.channel.address, op.bindings.kafka.clientId.const]);
    expect(sends.sort()).toEqual(SERVICES.map((s) => [s.topic, `todox.${s.name}.relay`]).sort());
  });

  it('has each service receive exactly what it follows, in its own group, dead-lettering what it cannot process', () => {
    const receives = operations()
      .filter(([, op]) => op.action === 'receive')
      .map(([, op]) => `${op.bindings.kafka.groupId.const} <- ${op.channel.address}`);
    const expected = SERVICES.flatMap((s) => s.follows.map((f) => `${consumerGroupId(s.name)} <- ${eventTopic(f)}`));
    expect(receives.sort()).toEqual(expected.sort());
    const deadLetters = operations()
      .filter(([, op]) => op.action === 'send' && op.channel.address.endsWith('.dlq'))
      .map(([id]) => id);
    for (const [id, op] of operations().filter(([, o]) => o.action === 'receive')) {
      expect(deadLetters).toContain(id.replace('Receives', 'DeadLetters'));
      expect(parsed.operations[id.replace('Receives', 'DeadLetters')].channel.address).toBe(
        deadLetterTopic(op.channel.address),
      );
    }
  });
});
