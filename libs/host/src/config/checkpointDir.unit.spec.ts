import { join } from 'node:path';
import { checkpointStoreFromEnv } from './checkpointDir';
import { StartRefused } from './startRefused';

describe('checkpointStoreFromEnv', () => {
  const cwd = '/srv/ledger';

  it('takes LEDGER_CHECKPOINT_DIR over the fallback, relative to the working folder', () => {
    expect(checkpointStoreFromEnv({ LEDGER_CHECKPOINT_DIR: 'heads' }, '/data/checkpoints', cwd)?.dir).toBe(
      join(cwd, 'heads'),
    );
    expect(checkpointStoreFromEnv({}, '/data/checkpoints', cwd)?.dir).toBe('/data/checkpoints');
  });

  it('is none without either, and refuses an empty value', () => {
    expect(checkpointStoreFromEnv({}, undefined, cwd)).toBeUndefined();
    expect(() => checkpointStoreFromEnv({ LEDGER_CHECKPOINT_DIR: ' ' }, undefined, cwd)).toThrow(StartRefused);
  });
});
