import { Writable } from 'node:stream';
import { createLogger } from './logger';

/** Seeded personal data that must never appear in a log line. */
const CANARIES = ['Canary Person', 'canary.person@example.test', 'Canary secret body', 'IRA ending 4421'];

function capture() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { lines, logger: createLogger({ service: 'test', destination }) };
}

describe('the redacting logger', () => {
  it('removes personal fields at any depth and keeps ids', () => {
    const { lines, logger } = capture();
    logger.info(
      { orgId: 'org-1', documentId: 'doc-9', personal: { name: CANARIES[0] }, email: CANARIES[1] },
      'ingested',
    );
    logger.info({ request: { body: { text: CANARIES[2] } }, claim: { id: 'c-1', statement: CANARIES[3] } }, 'claim');
    const output = lines.join('');
    for (const canary of CANARIES) expect(output).not.toContain(canary);
    expect(output).toContain('"documentId":"doc-9"');
    expect(output).toContain('"id":"c-1"');
    expect(output).toContain('[redacted]');
  });

  it("drops the detail PostgreSQL echoes row values in, keeping the error's code", () => {
    const { lines, logger } = capture();
    const error = Object.assign(new Error('duplicate key value violates unique constraint'), {
      code: '23505',
      detail: `Key (email)=(${CANARIES[1]}) already exists.`,
    });
    logger.error({ err: error, orgId: 'org-1' }, 'insert failed');
    const output = lines.join('');
    expect(output).not.toContain(CANARIES[1]);
    expect(JSON.parse(lines[0]).err).toMatchObject({ code: '23505', type: 'Error' });
  });
});
