import type { ErrorObject, ValidateFunction } from 'ajv/dist/2020';
import { ENVELOPE_SCHEMA_FILE, eventSchemaFile } from './eventCatalog';
import { loadSchemaFiles, SCHEMA_BASE_URI, type JsonSchema } from './schemaFiles';

/**
 * `error` is every line of `errors` joined. The lines name fields and rules (and an unknown event
 * type), never payload values, so they may go into logs and dead-letter headers. The shape is what the bus's envelope
 * validators answer, so `validate` plugs in there as it is.
 */
export type EventValidation = { ok: true } | { ok: false; error: string; errors: string[] };

export interface EventValidator {
  /** Checks a message value against the schema its own `type` and `schemaVersion` name. */
  validate(message: unknown): EventValidation;
}

export interface EventValidatorOptions {
  /**
   * Consumers read tolerantly: fields a schema does not declare are allowed, so a producer can
   * add one within v1. A producer's own tests close every object instead, so a field that is
   * sent but not declared in the contract fails there rather than going out undocumented.
   * Likewise for event types: tolerantly, a type without a schema here (one added after this
   * consumer was built) is checked as an envelope only; closed, it is refused.
   */
  closed?: boolean;
  schemas?: Map<string, JsonSchema>;
}

/**
 * Forbids undeclared fields wherever a schema lists properties. `if` is a mere test and stays
 * as it is; `then`/`else` add constraints to an object described elsewhere, so only what is
 * nested in them is closed.
 */
function close(node: unknown, partial = false): unknown {
  if (Array.isArray(node)) return node.map((item) => close(item));
  if (typeof node !== 'object' || node === null) return node;
  const closed: JsonSchema = {};
  for (const [key, value] of Object.entries(node)) {
    closed[key] = key === 'if' ? value : close(value, key === 'then' || key === 'else');
  }
  if (!partial && 'properties' in closed && !('additionalProperties' in closed)) closed.unevaluatedProperties = false;
  return closed;
}

function refused(errors: string[]): EventValidation {
  return { ok: false, error: errors.join('; '), errors };
}

function errorLines(errors: readonly ErrorObject[] | null | undefined): string[] {
  return (errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? e.keyword}`);
}

export function createEventValidator(options: EventValidatorOptions = {}): EventValidator {
  // Loaded on first use: every service imports this package, few of them validate events.
  const { default: Ajv2020 } = require('ajv/dist/2020') as typeof import('ajv/dist/2020');
  const { default: addFormats } = require('ajv-formats') as typeof import('ajv-formats');
  const ajv = new Ajv2020({ allErrors: true, strictTypes: false });
  addFormats(ajv);
  for (const schema of (options.schemas ?? loadSchemaFiles()).values()) {
    ajv.addSchema((options.closed ? close(schema) : schema) as JsonSchema);
  }
  const compiled = new Map<string, ValidateFunction>();
  const validatorFor = (type: string, version: number): ValidateFunction | undefined => {
    const file = eventSchemaFile(type, version);
    if (!compiled.has(file)) {
      const validate = ajv.getSchema(SCHEMA_BASE_URI + file);
      if (validate) compiled.set(file, validate);
    }
    return compiled.get(file);
  };
  const envelope = () => ajv.getSchema(SCHEMA_BASE_URI + ENVELOPE_SCHEMA_FILE);
  return {
    validate(message) {
      const { type, schemaVersion } = (message ?? {}) as { type?: unknown; schemaVersion?: unknown };
      if (typeof type !== 'string' || typeof schemaVersion !== 'number') {
        return refused(['/ must have a string type and a numeric schemaVersion']);
      }
      const validate = validatorFor(type, schemaVersion) ?? (options.closed ? undefined : envelope());
      if (!validate) return refused([`/type no schema for ${type} v${schemaVersion}`]);
      return validate(message) ? { ok: true } : refused(errorLines(validate.errors));
    },
  };
}

/** For tests of code that produces messages: throws, listing every violation. */
export function assertValidEventMessage(validator: EventValidator, message: unknown): void {
  const result = validator.validate(message);
  if (!result.ok) {
    const { type } = (message ?? {}) as { type?: unknown };
    throw new Error(`event message ${String(type)} breaks its schema:\n  ${result.errors.join('\n  ')}`);
  }
}
