import type { Role } from '@ledger/tenancy';
import { DEMO_ACCOUNT_ID, DEMO_BRIEF_ID, DEMO_BRIEF_SUBJECT, MEETING_DATE } from './demoHousehold';

/** One step of the printed walk-through; the end-to-end test runs the same steps. */
export interface WalkthroughStep {
  title: string;
  role: Role;
  method: 'GET' | 'POST';
  path: string;
  body?: unknown;
}

const NEW_BODY =
  'Priya,\nOne more topic for December 8: we would like to open a college savings plan for the baby.\nMaren';
const SPAN_TEXT = 'open a college savings plan';
const SPAN_START = NEW_BODY.indexOf(SPAN_TEXT);

export const NEW_MESSAGE = {
  messageId: 'msg-501',
  threadId: 'thread-review',
  internalDate: Date.parse('2026-11-24T10:00:00Z'),
  historyId: '5006',
  from: 'Maren Lind <maren.lind@example.net>',
  to: ['Priya Raman <priya.raman@northfield-advisors.example.com>'],
  cc: [],
  subject: 'Re: Annual review',
  body: NEW_BODY,
};

/** Ids the server assigns in earlier steps: the new document's (step 1) and the span's (step 2). */
export interface WalkthroughIds {
  documentId: string;
  documentVersionId: string;
  spanId: string;
}

/**
 * From an email to a cited brief to the audit trail of who saw the evidence. `documentId` and
 * `documentVersionId` are placeholders the ingest step's answer fills in.
 */
export function walkthroughSteps(ids: WalkthroughIds): WalkthroughStep[] {
  return [
    {
      title: '1. Ingest a new email (C-03: one document per message; re-sending it adds nothing)',
      role: 'advisor',
      method: 'POST',
      path: '/v1/documents/ingest',
      body: { providerAccountId: DEMO_ACCOUNT_ID, ...NEW_MESSAGE },
    },
    {
      title: '2. Pin a span of it (C-05: offsets into that exact version; the text must match)',
      role: 'advisor',
      method: 'POST',
      path: '/v1/spans',
      body: {
        documentId: ids.documentId,
        documentVersionId: ids.documentVersionId,
        startChar: SPAN_START,
        endChar: SPAN_START + SPAN_TEXT.length,
        text: SPAN_TEXT,
      },
    },
    {
      title: '3. Record a claim citing the span',
      role: 'advisor',
      method: 'POST',
      path: '/v1/claims',
      body: {
        claimId: 'claim-c1-college-plan',
        subjectEntityId: DEMO_BRIEF_SUBJECT,
        predicate: 'statedPreference',
        object: { kind: 'literal', value: 'open a college savings plan' },
        spanIds: [ids.spanId],
      },
    },
    {
      title: '4. Compose the meeting brief (every bullet cites claims, mentions or spans; disclaimer included)',
      role: 'advisor',
      method: 'POST',
      path: '/v1/briefs',
      body: { briefId: DEMO_BRIEF_ID, subjectEntityId: DEMO_BRIEF_SUBJECT, meetingDate: MEETING_DATE },
    },
    {
      title: '5. Evidence.List for the brief’s first bullet (this read is audited)',
      role: 'advisor',
      method: 'GET',
      path: `/v1/evidence?meetingPrepBulletId=${encodeURIComponent(`${DEMO_BRIEF_ID}:b0`)}`,
    },
    {
      title: '6. The audit trail of that access, as compliance sees it',
      role: 'compliance',
      method: 'GET',
      path: '/v1/audit/events?accessOnly=true',
    },
  ];
}

const TOKEN_VARIABLE: Record<Role, string> = { advisor: 'ADVISOR', compliance: 'COMPLIANCE', operator: 'OPERATOR' };

function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/** A node one-liner printing the named fields of the JSON answer on stdin, space-separated. */
function fieldsOf(...fields: string[]): string {
  const printed = fields.map((field) => `r.${field}`).join('+" "+');
  return `node -e 'const r=JSON.parse(require("fs").readFileSync(0,"utf8"));console.log(${printed})'`;
}

/**
 * The steps as copy-paste curl commands for bash. The ingest and span steps keep the ids they get
 * in the shell variables $DOC, $VERSION and $SPAN (read from a process substitution), so nothing
 * is written to disk and two users on one machine do not share anything.
 */
export function printableWalkthrough(baseUrl: string): string {
  const steps = walkthroughSteps({ documentId: '__DOC__', documentVersionId: '__VERSION__', spanId: '__SPAN__' });
  const lines: string[] = [];
  for (const step of steps) {
    lines.push(`# ${step.title}`);
    let command = `curl -s -X ${step.method} "${baseUrl}${step.path}" -H "authorization: Bearer $${TOKEN_VARIABLE[step.role]}"`;
    if (step.body !== undefined) {
      // Inside single quotes, '"$DOC"' closes the quote, expands the variable, and reopens it.
      const json = shellQuote(JSON.stringify(step.body)).replace(/__(DOC|VERSION|SPAN)__/g, `'"$$$1"'`);
      command += ` -H 'content-type: application/json' -d ${json}`;
    }
    // The answer still shows (tee to stderr) while its ids go into variables of this shell.
    if (step.path === '/v1/documents/ingest') {
      command = `read -r DOC VERSION < <(${command} | tee /dev/stderr | ${fieldsOf('documentId', 'documentVersionId')}); echo`;
    }
    if (step.path === '/v1/spans') {
      command = `read -r SPAN < <(${command} | tee /dev/stderr | ${fieldsOf('spanId')}); echo`;
    }
    lines.push(command, '');
  }
  return lines.join('\n');
}

/** Runs the first `count` steps through `call`, threading the ids each answer gives to later steps. */
export async function runWalkthrough(
  call: (step: WalkthroughStep) => Promise<unknown>,
  count = 6,
): Promise<{ answers: unknown[]; ids: WalkthroughIds }> {
  const ids: WalkthroughIds = { documentId: '', documentVersionId: '', spanId: '' };
  const answers: unknown[] = [];
  for (let i = 0; i < count; i++) {
    const answer = await call(walkthroughSteps(ids)[i]);
    answers.push(answer);
    if (i === 0) Object.assign(ids, pick(answer, ['documentId', 'documentVersionId']));
    if (i === 1) Object.assign(ids, pick(answer, ['spanId']));
  }
  return { answers, ids };
}

function pick(answer: unknown, keys: readonly string[]): Record<string, string> {
  const record = answer as Record<string, unknown>;
  return Object.fromEntries(keys.map((key) => [key, String(record[key])]));
}
