import { providerAccountStreamId } from '../accounts/accountEvents';
import { inMemoryCommands, type InMemoryCommands } from '../testing/inMemoryCommands';
import { changeProviderAccountStatus, registerProviderAccount } from './providerAccounts.handler';

const streamId = providerAccountStreamId('acct-1');
const registered = {
  type: 'ProviderAccountRegistered',
  schemaVersion: 2,
  data: { accountId: 'acct-1', provider: 'gmail', status: 'active' },
  personal: { label: 'Work' },
};
/** As appended before labels were sealed: still read. */
const registeredV1 = {
  type: 'ProviderAccountRegistered',
  data: { accountId: 'acct-1', provider: 'gmail', label: 'Home', status: 'active' },
};

describe('provider accounts (in memory)', () => {
  let t: InMemoryCommands;
  const events = async () => (await t.events(streamId)).map((e) => [e.type, e.data]);
  beforeEach(() => {
    t = inMemoryCommands();
  });

  it('registers an account, active, with its label sealed and no token', async () => {
    const account = await registerProviderAccount(t.deps, t.ctx, { id: 'acct-1', provider: 'gmail', label: 'Work' });
    expect(account).toEqual({
      id: 'acct-1',
      provider: 'gmail',
      label: 'Work',
      labelState: 'present',
      status: 'active',
    });
    expect(await events()).toEqual([[registered.type, registered.data]]);
    const [stored] = await t.events(streamId);
    expect([stored.schemaVersion, stored.personal]).toEqual([2, { label: 'Work' }]);
    expect(t.waited).toHaveLength(1);
  });

  it('refuses to register an id twice and appends nothing', async () => {
    await t.given(streamId, [registered]);
    await expect(
      registerProviderAccount(t.deps, t.ctx, { id: 'acct-1', provider: 'gmail', label: 'Other' }),
    ).rejects.toMatchObject({ code: 'EVIDENCE.PROVIDER_ACCOUNT_EXISTS', details: { providerAccountId: 'acct-1' } });
    expect(await events()).toHaveLength(1);
  });

  it('hears a registration that won the race as an existing account', async () => {
    const append = t.store.append.bind(t.store);
    t.store.append = async (request) => {
      await append({ ...request, events: [{ ...registered, metadata: { actor: 'other' } }] });
      return append(request);
    };
    await expect(
      registerProviderAccount(t.deps, t.ctx, { id: 'acct-1', provider: 'gmail', label: 'Work' }),
    ).rejects.toMatchObject({ code: 'EVIDENCE.PROVIDER_ACCOUNT_EXISTS' });
    expect(await events()).toHaveLength(1);
  });

  it('changes the status, and appends nothing when it is already the status asked for', async () => {
    await t.given(streamId, [registered]);
    const changed = await changeProviderAccountStatus(t.deps, t.ctx, 'acct-1', { status: 'needs_relink' });
    expect(changed).toEqual({
      id: 'acct-1',
      provider: 'gmail',
      label: 'Work',
      labelState: 'present',
      status: 'needs_relink',
    });
    const same = await changeProviderAccountStatus(t.deps, t.ctx, 'acct-1', { status: 'needs_relink' });
    expect(same.status).toBe('needs_relink');
    expect(await events()).toEqual([
      [registered.type, registered.data],
      ['ProviderAccountStatusChanged', { accountId: 'acct-1', status: 'needs_relink' }],
    ]);
    expect(t.waited).toHaveLength(1);
  });

  it('reads the clear label of an account registered at v1', async () => {
    await t.given(streamId, [registeredV1]);
    const changed = await changeProviderAccountStatus(t.deps, t.ctx, 'acct-1', { status: 'revoked' });
    expect(changed).toMatchObject({ label: 'Home', labelState: 'present', status: 'revoked' });
  });

  it('refuses an unknown account and an unknown status', async () => {
    await expect(changeProviderAccountStatus(t.deps, t.ctx, 'acct-9', { status: 'revoked' })).rejects.toMatchObject({
      code: 'EVIDENCE.PROVIDER_ACCOUNT_NOT_FOUND',
    });
    await t.given(streamId, [registered]);
    await expect(
      changeProviderAccountStatus(t.deps, t.ctx, 'acct-1', { status: 'paused' as unknown as 'revoked' }),
    ).rejects.toMatchObject({ code: 'EVIDENCE.INVALID_FIELD' });
    expect(await t.store.hasEvents('org-mem')).toBe(true);
    expect(await events()).toHaveLength(1);
  });
});
