import { BriefSchema } from '@ledger/contracts';
import { composeBrief } from '../compose/composeBrief';
import { REQUEST } from '../testing/briefFixtures';

/** A composed brief as the API would return it. */
function response(): Record<string, unknown> & { sections: { bullets: Record<string, unknown>[] }[] } {
  const brief = composeBrief(REQUEST);
  return JSON.parse(
    JSON.stringify({ ...brief, personalState: 'present', composedAt: '2025-06-02T10:00:00.000Z', composedBy: 'u-1' }),
  );
}

describe('the brief response contract', () => {
  it('accepts a composed brief', () => {
    expect(BriefSchema.safeParse(response()).success).toBe(true);
  });

  it('cannot carry a bullet without a citation, nor a claim citation without a span', () => {
    const uncited = response();
    uncited.sections[0].bullets[0].citations = [];
    expect(BriefSchema.safeParse(uncited).success).toBe(false);
    const hollow = response();
    hollow.sections[0].bullets[1].citations = [{ kind: 'claim', claimId: 'c-1', claimRevision: 0, spans: [] }];
    expect(BriefSchema.safeParse(hollow).success).toBe(false);
    const missing = response();
    delete missing.sections[0].bullets[0].citations;
    expect(BriefSchema.safeParse(missing).success).toBe(false);
  });

  it('cannot be returned without the disclaimer, or with other wording', () => {
    const without = response();
    delete without.disclaimer;
    expect(BriefSchema.safeParse(without).success).toBe(false);
    expect(BriefSchema.safeParse({ ...response(), disclaimer: 'Advice: buy.' }).success).toBe(false);
  });
});
