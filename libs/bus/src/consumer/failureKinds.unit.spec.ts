import { describeFailure, isInfrastructureFailure } from './failureKinds';
import { inboxTableSql } from './inboxTable';
import { backoffAfter, DEFAULT_RETRY_POLICY } from './retryBackoff';

const withCode = (code: string, message = 'x') => Object.assign(new Error(message), { code });

describe('isInfrastructureFailure', () => {
  it('recognises an unreachable or shutting-down database', () => {
    expect(isInfrastructureFailure(withCode('ECONNREFUSED'))).toBe(true);
    expect(isInfrastructureFailure(withCode('08006'))).toBe(true);
    expect(isInfrastructureFailure(withCode('57P01'))).toBe(true);
    expect(isInfrastructureFailure(withCode('53300'))).toBe(true);
    expect(isInfrastructureFailure(new Error('Connection terminated unexpectedly'))).toBe(true);
  });

  it('leaves failures a message can cause to the retry-then-DLQ path', () => {
    expect(isInfrastructureFailure(withCode('23505'))).toBe(false);
    expect(isInfrastructureFailure(withCode('40001'))).toBe(false);
    expect(isInfrastructureFailure(withCode('57014'))).toBe(false);
    expect(isInfrastructureFailure(new Error('handler bug'))).toBe(false);
    expect(isInfrastructureFailure('oops')).toBe(false);
  });
});

describe('describeFailure', () => {
  it('keeps the type and code and drops the message, which may quote data', () => {
    expect(describeFailure(withCode('22P02', 'invalid input syntax for type uuid: "Jane Doe"'))).toBe('Error (22P02)');
    expect(describeFailure(new RangeError('Jane Doe'))).toBe('RangeError');
    expect(describeFailure('Jane Doe')).toBe('string');
  });
});

describe('inboxTableSql', () => {
  it('creates the inbox keyed by event id and refuses names that are not plain identifiers', () => {
    expect(inboxTableSql('claims_inbox')).toMatch(/^CREATE TABLE claims_inbox \(\n  event_id uuid PRIMARY KEY,/);
    expect(() => inboxTableSql('claims_inbox; DROP TABLE x')).toThrow(/plain lower-case identifier/);
    expect(() => inboxTableSql('Claims')).toThrow();
  });
});

describe('backoffAfter', () => {
  it('doubles from the initial wait up to the maximum', () => {
    const policy = { ...DEFAULT_RETRY_POLICY, initialBackoffMs: 100, maxBackoffMs: 350 };
    expect([1, 2, 3, 4].map((attempt) => backoffAfter(attempt, policy))).toEqual([100, 200, 350, 350]);
  });
});
