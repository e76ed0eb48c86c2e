import type { AppendRequest, NewEvent } from '@ledger/ledger';

/** Deterministic example traffic for one account stream: open, movements, maybe close. */
export function demoAccountEvents(accountIndex: number, movements: number, firstDay = 0): NewEvent[] {
  const accountId = `acc-${accountIndex}`;
  const metadata = { actor: 'demo-generator' };
  const events: NewEvent[] = [
    { type: 'DemoAccountOpened', data: { accountId, product: accountIndex % 2 === 0 ? 'isa' : 'gia' }, metadata },
  ];
  for (let i = 0; i < movements; i++) {
    const day = dayString(firstDay + Math.floor(i / 10));
    const amount = 100 + ((accountIndex * 7919 + i * 104729) % 9900);
    const type = i % 3 === 2 ? 'DemoFundsWithdrawn' : 'DemoFundsDeposited';
    events.push({ type, data: { accountId, amount, day }, metadata });
  }
  return events;
}

export function dayString(offset: number): string {
  return new Date(Date.UTC(2026, 0, 1) + offset * 86_400_000).toISOString().slice(0, 10);
}

/** Movements only, for appending more traffic to an account that is already open. */
export function demoMovements(orgId: string, accountIndex: number, count: number, startAt: number): AppendRequest {
  const accountId = `acc-${accountIndex}`;
  const events: NewEvent[] = [];
  for (let i = startAt; i < startAt + count; i++) {
    const amount = 100 + ((accountIndex * 7919 + i * 104729) % 9900);
    events.push({
      type: i % 3 === 2 ? 'DemoFundsWithdrawn' : 'DemoFundsDeposited',
      data: { accountId, amount, day: dayString(Math.floor(i / 10)) },
      metadata: { actor: 'demo-generator' },
    });
  }
  return { orgId, streamId: `demo-${accountId}`, expectedRevision: 'any', events };
}
