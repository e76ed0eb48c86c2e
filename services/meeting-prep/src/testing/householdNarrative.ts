import type { LedgerFixtures } from './ledgerFixtures';

/** Invented people and addresses: a household of two clients, their threads and claims. */
export const MEETING_DATE = '2025-06-15';
export const AVERY = 'client-avery';
export const BLAKE = 'client-blake';
export const HOUSEHOLD = 'household-quinn';

export const DOC_A_V1 =
  'Hi, we would like to review the IRA ending 4421 before our meeting. I plan to retire next spring.\nThanks, Avery (avery@example.test)';
export const DOC_A_V2 =
  'Hi, we would like to review the IRA ending 4421 before our meeting on June 15. I plan to retire in 2026.\nThanks, Avery (avery@example.test)';
export const DOC_B =
  'My neighbour says his fund has guaranteed returns. Could we get Guaranteed\nreturns too?\n- Avery (avery.q@example.test)';
export const DOC_C = 'Reminder: send the beneficiary form for the IRA.';
export const DOC_G = 'Blake here: please call me about the 529 plan. (blake@example.test)';

/** Personal strings that must never appear in clear in the ledger. */
export const PERSONAL_STRINGS = [
  'Avery Quinn',
  'Blake Quinn',
  'Quinn household',
  'IRA ending',
  'ending 4421',
  'avery@example.test',
  'avery.q@example.test',
  'beneficiary',
  'guaranteed returns',
  'Traditional IRA',
];

/** Appends the whole narrative; returns nothing but what tests look up by id. */
export async function seedHousehold(f: LedgerFixtures): Promise<void> {
  const advisor = 'Morgan Advisor <advisor@firm.test>';
  const aV1 = await f.message({
    documentId: 'doc-a',
    threadId: 'thr-1',
    sentAt: '2025-06-01T09:00:00Z',
    from: 'Avery Quinn <avery@example.test>',
    to: [advisor],
    content: DOC_A_V1,
  });
  const retire = await f.span(aV1, 'retire next spring', 'span-retire');
  const aV2 = await f.message({
    documentId: 'doc-a',
    threadId: 'thr-1',
    sentAt: '2025-06-01T09:00:00Z',
    from: 'Avery Quinn <avery@example.test>',
    to: [advisor],
    content: DOC_A_V2,
  });
  const b = await f.message({
    documentId: 'doc-b',
    threadId: 'thr-2',
    sentAt: '2025-06-10T12:30:00+02:00',
    from: 'avery.q@example.test',
    to: [advisor],
    content: DOC_B,
  });
  const c = await f.message({
    documentId: 'doc-c',
    threadId: 'thr-3',
    sentAt: '2025-07-10T08:00:00Z',
    from: advisor,
    to: ['avery@example.test'],
    cc: ['Blake Quinn <blake@example.test>'],
    content: DOC_C,
  });
  await f.message({
    documentId: 'doc-d',
    threadId: 'thr-1',
    sentAt: '2025-04-01T09:00:00Z',
    from: 'Avery Quinn <avery@example.test>',
    to: [advisor],
    content: 'Old message outside the window.',
  });
  await f.message({
    documentId: 'doc-e',
    threadId: 'thr-9',
    sentAt: '2025-06-14T10:00:00Z',
    from: 'someone@other.test',
    to: ['advisor@firm.test'],
    content: 'A thread among other people.',
  });
  await f.message({
    documentId: 'doc-f',
    threadId: 'thr-1',
    sentAt: '2025-06-05T10:00:00Z',
    from: 'Avery Quinn <avery@example.test>',
    to: [advisor],
    content: 'A deleted message.',
  });
  await f.tombstone('doc-f');
  const g = await f.message({
    documentId: 'doc-g',
    threadId: 'thr-4',
    sentAt: '2025-06-20T15:00:00Z',
    from: 'Blake Quinn <blake@example.test>',
    to: [advisor],
    content: DOC_G,
  });

  await f.entity(HOUSEHOLD, 'Household', 'Quinn household');
  await f.entity(AVERY, 'Client', 'Avery Quinn');
  await f.entity(BLAKE, 'Client', 'Blake Quinn');
  await f.entity('acct-ira', 'Account', 'IRA ending 4421');
  await f.entity('action-form', 'ActionItem', 'Send the beneficiary form');
  await f.entity('life-retire', 'LifeEvent', 'Retirement');
  await f.entity('acct-other', 'Account', 'Brokerage ending 0007');

  await f.mention(AVERY, 'm-avery', await f.span(aV2, 'Avery', 'span-avery'));
  await f.mention(AVERY, 'm-wrong', await f.span(b, 'neighbour', 'span-neighbour'));
  await f.retractMention(AVERY, 'm-wrong');

  await f.claim('c-member-a', AVERY, 'memberOf', { entityId: HOUSEHOLD }, [await f.span(aV2, 'we', 'span-we')]);
  await f.claim('c-member-b', BLAKE, 'memberOf', { entityId: HOUSEHOLD }, [await f.span(g, 'Blake', 'span-blake')]);
  await f.claim('c-email-1', AVERY, 'emailAddress', { literal: 'avery@example.test' }, [
    await f.span(aV2, 'avery@example.test', 'span-email-1'),
  ]);
  await f.claim('c-email-2', AVERY, 'emailAddress', { literal: 'avery.q@example.test' }, [
    await f.span(b, 'avery.q@example.test', 'span-email-2'),
  ]);
  await f.claim('c-email-b', BLAKE, 'emailAddress', { literal: 'blake@example.test' }, [
    await f.span(g, 'blake@example.test', 'span-email-b'),
  ]);
  await f.claim('c-ira', AVERY, 'holdsAccount', { entityId: 'acct-ira' }, [
    await f.span(aV2, 'IRA ending 4421', 'span-ira'),
  ]);
  await f.claim('c-ira-type', 'acct-ira', 'accountType', { literal: 'Traditional IRA' }, [
    await f.span(c, 'IRA', 'span-ira-c'),
  ]);
  await f.claim('c-retire', AVERY, 'experienced', { entityId: 'life-retire' }, [retire]);
  const form = await f.span(c, 'send the beneficiary form', 'span-form');
  await f.claim('c-form', AVERY, 'hasActionItem', { entityId: 'action-form' }, [form]);
  const reminder = await f.span(c, 'Reminder', 'span-reminder');
  await f.claim('c-form-status-old', 'action-form', 'status', { literal: 'pending' }, [reminder]);
  await f.claim('c-form-status', 'action-form', 'status', { literal: 'open' }, [reminder], 'c-form-status-old');
  await f.claim('c-pref', AVERY, 'statedPreference', { literal: 'wants guaranteed returns' }, [
    await f.span(b, 'guaranteed returns', 'span-pref'),
  ]);
  await f.claim('c-wrong', AVERY, 'holdsAccount', { entityId: 'acct-other' }, [form]);
  await f.retractClaim('c-wrong');
  await f.claim('c-plan', BLAKE, 'statedPreference', { literal: 'college savings for a grandchild' }, [
    await f.span(g, '529 plan', 'span-529'),
  ]);
}
