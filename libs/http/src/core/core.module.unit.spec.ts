import { ACCESS_RECORDER, AUTH_OPTIONS, DB_POOL, LEDGER, PROJECTION_WAITER, READINESS } from '../tokens';
import { CoreModule } from './core.module';
import type { HttpCore } from './httpCore';

const core: HttpCore = {
  ledger: { name: 'ledger' },
  pool: { name: 'pool' },
  waiter: { name: 'waiter' },
  access: { name: 'access' },
  auth: { issuer: 'test', audience: 'test', key: Buffer.from('k'), algorithms: ['HS256'] },
  readiness: { check: async () => ({ ready: true, checks: {} }) },
};

describe('CoreModule.forRoot', () => {
  it('provides each object of the core under its token, and shared values under theirs', () => {
    const extra = Symbol.for('ledger.test-extra');
    const module = CoreModule.forRoot(core, [{ provide: extra, useValue: 42 }]);
    const values = new Map(
      (module.providers ?? []).flatMap((p) => ('useValue' in p ? [[p.provide, p.useValue] as const] : [])),
    );
    expect(values.get(LEDGER)).toBe(core.ledger);
    expect(values.get(DB_POOL)).toBe(core.pool);
    expect(values.get(PROJECTION_WAITER)).toBe(core.waiter);
    expect(values.get(ACCESS_RECORDER)).toBe(core.access);
    expect(values.get(AUTH_OPTIONS)).toBe(core.auth);
    expect(values.get(READINESS)).toBe(core.readiness);
    expect(values.get(extra)).toBe(42);
    expect(module.exports).toEqual(expect.arrayContaining([LEDGER, DB_POOL, PROJECTION_WAITER, READINESS, extra]));
  });
});
