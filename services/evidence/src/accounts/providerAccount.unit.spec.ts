import { selectProviderAccount, type ProviderAccount } from './providerAccount';

const work: ProviderAccount = {
  id: 'acct-work',
  provider: 'gmail',
  label: 'Work',
  labelState: 'present',
  status: 'active',
};
const home: ProviderAccount = {
  id: 'acct-home',
  provider: 'gmail',
  label: 'Home',
  labelState: 'present',
  status: 'active',
};
const revoked: ProviderAccount = {
  id: 'acct-old',
  provider: 'gmail',
  label: 'Old',
  labelState: 'present',
  status: 'revoked',
};

describe('provider account selection (C-06)', () => {
  it('never picks a default among several: the error lists ids and labels only', () => {
    expect(() => selectProviderAccount([work, home])).toThrow(
      expect.objectContaining({
        code: 'EVIDENCE.PROVIDER_ACCOUNT_SELECTION_REQUIRED',
        details: {
          candidates: [
            { id: 'acct-work', label: 'Work' },
            { id: 'acct-home', label: 'Home' },
          ],
        },
      }),
    );
  });

  it('uses the named account, or the only one', () => {
    expect(selectProviderAccount([work, home], 'acct-home')).toBe(home);
    expect(selectProviderAccount([work])).toBe(work);
  });

  it('refuses an unknown, a revoked or a missing account', () => {
    expect(() => selectProviderAccount([work], 'acct-x')).toThrow(
      expect.objectContaining({ code: 'EVIDENCE.PROVIDER_ACCOUNT_NOT_FOUND' }),
    );
    expect(() => selectProviderAccount([work, revoked], 'acct-old')).toThrow(
      expect.objectContaining({ code: 'EVIDENCE.PROVIDER_ACCOUNT_INACTIVE' }),
    );
    expect(() => selectProviderAccount([revoked])).toThrow(
      expect.objectContaining({ code: 'EVIDENCE.PROVIDER_ACCOUNT_SELECTION_REQUIRED' }),
    );
    expect(() => selectProviderAccount([])).toThrow(
      expect.objectContaining({ code: 'EVIDENCE.PROVIDER_ACCOUNT_SELECTION_REQUIRED' }),
    );
  });
});
