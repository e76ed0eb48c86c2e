import { PassThrough } from 'node:stream';
import { confirmOrg } from './confirmOrg';

async function answer(typed: string): Promise<{ confirmed: boolean; shown: string }> {
  const input = new PassThrough();
  const output = new PassThrough();
  let shown = '';
  output.on('data', (chunk) => (shown += String(chunk)));
  const pending = confirmOrg('org-42', input, output);
  input.end(`${typed}\n`);
  return { confirmed: await pending, shown };
}

describe('confirmOrg', () => {
  it('goes ahead only when the org id is typed back exactly', async () => {
    expect(await answer('org-42')).toEqual({
      confirmed: true,
      shown: 'This rebuilds org-42 and replaces its live generation. Type org-42 to continue: ',
    });
    expect((await answer(' org-42 ')).confirmed).toBe(true);
    expect((await answer('org-4')).confirmed).toBe(false);
    expect((await answer('y')).confirmed).toBe(false);
  });
});
