/**
 * The synthetic demo household. Every person, address and account number is invented; the
 * `example.net` and `example.com` domains are reserved for documentation (RFC 2606).
 */
export const DEMO_ORG = 'org-demo';
export const DEMO_ACCOUNT_ID = 'gmail-advisor-desk';
export const MEETING_DATE = '2026-12-08';

const ADVISOR = 'Priya Raman <priya.raman@northfield-advisors.example.com>';
const MAREN = 'Maren Lind <maren.lind@example.net>';
const TOBIAS = 'Tobias Okafor <tobias.okafor@example.net>';

export interface DemoMessage {
  messageId: string;
  threadId: string;
  internalDate: number;
  historyId: string;
  from: string;
  to: string[];
  cc: string[];
  subject: string;
  body: string;
}

const at = (iso: string) => Date.parse(iso);

export const DEMO_MESSAGES: readonly DemoMessage[] = [
  {
    messageId: 'msg-101',
    threadId: 'thread-review',
    internalDate: at('2026-11-10T09:12:00Z'),
    historyId: '5001',
    from: MAREN,
    to: [ADVISOR],
    cc: [TOBIAS],
    subject: 'Annual review',
    body:
      'Hi Priya,\nCould we meet on December 8, 2026 for our annual review? Tobias and I are both free that afternoon.\n' +
      'Thanks,\nMaren Lind <maren.lind@example.net>',
  },
  {
    messageId: 'msg-102',
    threadId: 'thread-review',
    internalDate: at('2026-11-10T15:40:00Z'),
    historyId: '5002',
    from: ADVISOR,
    to: [MAREN, TOBIAS],
    cc: [],
    subject: 'Re: Annual review',
    body:
      'Dear Maren and Tobias,\nDecember 8, 2026 at 2pm works. Action item: please send the beneficiary designation form ' +
      'for the IRA before the meeting.\nBest regards,\nPriya',
  },
  {
    messageId: 'msg-201',
    threadId: 'thread-ira',
    internalDate: at('2026-11-14T11:05:00Z'),
    historyId: '5003',
    from: TOBIAS,
    to: [ADVISOR],
    cc: [],
    subject: 'IRA rollover',
    body:
      'Priya,\nThe rollover from my old employer plan landed in the IRA ending 4821 this week.\n' +
      'Tobias Okafor <tobias.okafor@example.net>',
  },
  {
    messageId: 'msg-301',
    threadId: 'thread-news',
    internalDate: at('2026-11-18T19:30:00Z'),
    historyId: '5004',
    from: MAREN,
    to: [ADVISOR],
    cc: [],
    subject: 'Some news',
    body: 'Priya,\nWe are expecting our first child in March 2027, so we want to talk about a college savings plan.\nMaren',
  },
  {
    messageId: 'msg-401',
    threadId: 'thread-fund',
    internalDate: at('2026-11-21T08:45:00Z'),
    historyId: '5005',
    from: TOBIAS,
    to: [ADVISOR],
    cc: [MAREN],
    subject: 'A fund a colleague mentioned',
    body:
      'A colleague says his fund offers guaranteed returns of 12% a year. Should we move the IRA ending 4821 into it?\n' +
      'Tobias',
  },
];

/** A span the demo pins: the exact text, found once in its message's body. */
export interface DemoSpan {
  key: string;
  messageId: string;
  text: string;
}

export const DEMO_SPANS: readonly DemoSpan[] = [
  { key: 'marenEmail', messageId: 'msg-101', text: 'maren.lind@example.net' },
  { key: 'marenAndTobias', messageId: 'msg-101', text: 'Tobias and I' },
  { key: 'meetingDate', messageId: 'msg-102', text: 'December 8, 2026 at 2pm' },
  { key: 'beneficiaryForm', messageId: 'msg-102', text: 'please send the beneficiary designation form for the IRA' },
  { key: 'tobiasEmail', messageId: 'msg-201', text: 'tobias.okafor@example.net' },
  { key: 'ira', messageId: 'msg-201', text: 'IRA ending 4821' },
  { key: 'child', messageId: 'msg-301', text: 'expecting our first child in March 2027' },
  { key: 'guaranteed', messageId: 'msg-401', text: 'guaranteed returns of 12% a year' },
];

export interface DemoEntity {
  entityId: string;
  kind: 'Household' | 'Client' | 'Account' | 'LifeEvent' | 'ActionItem';
  label: string;
  /** Spans that mention it. */
  mentions: readonly string[];
}

export const DEMO_ENTITIES: readonly DemoEntity[] = [
  {
    entityId: 'household-h1',
    kind: 'Household',
    label: 'Lind-Okafor household',
    mentions: ['marenAndTobias'],
  },
  { entityId: 'client-c1', kind: 'Client', label: 'Maren Lind', mentions: ['marenEmail'] },
  { entityId: 'client-c2', kind: 'Client', label: 'Tobias Okafor', mentions: ['tobiasEmail'] },
  { entityId: 'account-a1', kind: 'Account', label: 'IRA ending 4821', mentions: ['ira'] },
  { entityId: 'lifeevent-e1', kind: 'LifeEvent', label: 'First child expected', mentions: ['child'] },
  {
    entityId: 'actionitem-t1',
    kind: 'ActionItem',
    label: 'Send beneficiary form',
    mentions: ['beneficiaryForm'],
  },
];

export interface DemoClaim {
  claimId: string;
  subjectEntityId: string;
  predicate: string;
  object: { kind: 'entity'; entityId: string } | { kind: 'literal'; value: string };
  spans: readonly string[];
}

export const DEMO_CLAIMS: readonly DemoClaim[] = [
  {
    claimId: 'claim-c1-email',
    subjectEntityId: 'client-c1',
    predicate: 'emailAddress',
    object: { kind: 'literal', value: 'maren.lind@example.net' },
    spans: ['marenEmail'],
  },
  {
    claimId: 'claim-c2-email',
    subjectEntityId: 'client-c2',
    predicate: 'emailAddress',
    object: { kind: 'literal', value: 'tobias.okafor@example.net' },
    spans: ['tobiasEmail'],
  },
  {
    claimId: 'claim-c1-member',
    subjectEntityId: 'client-c1',
    predicate: 'memberOf',
    object: { kind: 'entity', entityId: 'household-h1' },
    spans: ['marenAndTobias'],
  },
  {
    claimId: 'claim-c2-member',
    subjectEntityId: 'client-c2',
    predicate: 'memberOf',
    object: { kind: 'entity', entityId: 'household-h1' },
    spans: ['marenAndTobias'],
  },
  {
    claimId: 'claim-c2-account',
    subjectEntityId: 'client-c2',
    predicate: 'holdsAccount',
    object: { kind: 'entity', entityId: 'account-a1' },
    spans: ['ira'],
  },
  {
    claimId: 'claim-a1-type',
    subjectEntityId: 'account-a1',
    predicate: 'accountType',
    object: { kind: 'literal', value: 'IRA' },
    spans: ['ira'],
  },
  {
    claimId: 'claim-c1-lifeevent',
    subjectEntityId: 'client-c1',
    predicate: 'experienced',
    object: { kind: 'entity', entityId: 'lifeevent-e1' },
    spans: ['child'],
  },
  {
    claimId: 'claim-e1-date',
    subjectEntityId: 'lifeevent-e1',
    predicate: 'occurredOn',
    object: { kind: 'literal', value: '2027-03' },
    spans: ['child'],
  },
  {
    claimId: 'claim-c1-action',
    subjectEntityId: 'client-c1',
    predicate: 'hasActionItem',
    object: { kind: 'entity', entityId: 'actionitem-t1' },
    spans: ['beneficiaryForm'],
  },
  {
    claimId: 'claim-t1-status',
    subjectEntityId: 'actionitem-t1',
    predicate: 'status',
    object: { kind: 'literal', value: 'open' },
    spans: ['beneficiaryForm'],
  },
  {
    claimId: 'claim-c2-preference',
    subjectEntityId: 'client-c2',
    predicate: 'statedPreference',
    object: { kind: 'literal', value: 'asked about guaranteed returns of 12% a year' },
    spans: ['guaranteed'],
  },
];

export const DEMO_BRIEF_ID = 'brief-c1-2026-12-08';
export const DEMO_BRIEF_SUBJECT = 'client-c1';
