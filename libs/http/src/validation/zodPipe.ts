import type { PipeTransform } from '@nestjs/common';
import type { ZodType, ZodTypeDef } from 'zod';
import { findUnsafeText, UNSAFE_TEXT_RULE } from '@ledger/contracts';

/** Request input that broke the contract: every offending field with the rule it broke. Nothing was done. */
export class RequestValidationError extends Error {
  readonly code = 'REQUEST.INVALID_INPUT';
  constructor(readonly details: { errors: Array<{ field: string; rule: string }> }) {
    super(details.errors.map((e) => `${e.field}: ${e.rule}`).join('; '));
    this.name = 'RequestValidationError';
  }
}

/** Validates a body, query or parameter against its contract schema and returns the parsed value. */
export class ZodPipe<Output, Input = Output> implements PipeTransform<unknown, Output> {
  constructor(
    private readonly schema: ZodType<Output, ZodTypeDef, Input>,
    private readonly root = '',
  ) {}

  /**
   * Before the schema: no string of the input, wherever it sits, may hold NUL or a lone
   * surrogate (see `findUnsafeText`), whatever the schema says of that field.
   */
  transform(value: unknown): Output {
    const unsafe = findUnsafeText(value, this.root);
    if (unsafe !== null) throw new RequestValidationError({ errors: [{ field: unsafe, rule: UNSAFE_TEXT_RULE }] });
    const parsed = this.schema.safeParse(value);
    if (parsed.success) return parsed.data;
    const errors = parsed.error.issues.map((issue) => {
      const path = [this.root, ...issue.path.map(String)].filter((part) => part !== '').join('.');
      const unknownKeys = issue.code === 'unrecognized_keys' ? issue.keys : [];
      return unknownKeys.length > 0
        ? { field: [path, unknownKeys[0]].filter(Boolean).join('.'), rule: 'is not a known field' }
        : { field: path || '(body)', rule: issue.message };
    });
    throw new RequestValidationError({ errors });
  }
}
