import { spawnSync } from 'node:child_process';
import { RELAY_MAIN } from '../testing/relayProcess';

describe('relayMain', () => {
  it('refuses to start with one line naming the setting that is missing', () => {
    const run = spawnSync(process.execPath, [require.resolve('tsx/cli'), RELAY_MAIN], {
      env: {
        ...process.env,
        DATABASE_URL: 'postgres://127.0.0.1:1/none',
        KAFKA_BROKERS: '127.0.0.1:1',
        RELAY_SERVICE: '',
      },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr.trim().split('\n')).toEqual([
      'relay: RELAY_SERVICE must be a service name (lower-case words joined by "-"), got ""',
    ]);
  });
});
