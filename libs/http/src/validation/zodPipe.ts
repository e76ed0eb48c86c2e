import type { PipeTransform } from '@nestjs/common';
import type { ZodType, ZodTypeDef } from 'zod';

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

  transform(value: unknown): Output {
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
