import { documentIdFor } from '../documents/documentIdentity';
import {
  advisor,
  compliance,
  createEvidenceTestContext,
  message,
  orgEventCount,
  type EvidenceTestContext,
} from '../testing/evidenceTestContext';

describe('provider accounts and document ingest (C-03, C-06)', () => {
  let t: EvidenceTestContext;
  beforeAll(async () => {
    t = await createEvidenceTestContext();
  });
  afterAll(() => t.close());

  describe('provider accounts', () => {
    const org = 'org-accounts';

    it('registers with a given or a generated id, lists in order, changes status', async () => {
      const work = await t.app.registerProviderAccount(advisor(org), {
        id: 'acct-work',
        provider: 'gmail',
        label: 'Work',
      });
      expect(work).toEqual({
        id: 'acct-work',
        provider: 'gmail',
        label: 'Work',
        labelState: 'present',
        status: 'active',
      });
      const home = await t.app.registerProviderAccount(advisor(org), { provider: 'gmail', label: 'Home' });
      expect(home.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(await t.app.listProviderAccounts(compliance(org))).toEqual([work, home]);

      const changed = await t.app.changeProviderAccountStatus(advisor(org), 'acct-work', { status: 'needs_relink' });
      expect(changed.status).toBe('needs_relink');
      expect((await t.app.listProviderAccounts(advisor(org)))[0].status).toBe('needs_relink');
      const before = await orgEventCount(t, org);
      await t.app.changeProviderAccountStatus(advisor(org), 'acct-work', { status: 'needs_relink' });
      expect(await orgEventCount(t, org)).toBe(before);
    });

    it('refuses a taken id, an unknown account, a bad status, and writes nothing', async () => {
      const before = await orgEventCount(t, org);
      await expect(
        t.app.registerProviderAccount(advisor(org), { id: 'acct-work', provider: 'gmail', label: 'Again' }),
      ).rejects.toMatchObject({ code: 'EVIDENCE.PROVIDER_ACCOUNT_EXISTS' });
      await expect(
        t.app.changeProviderAccountStatus(advisor(org), 'acct-nope', { status: 'revoked' }),
      ).rejects.toMatchObject({ code: 'EVIDENCE.PROVIDER_ACCOUNT_NOT_FOUND' });
      await expect(
        t.app.changeProviderAccountStatus(advisor(org), 'acct-work', { status: 'gone' as 'revoked' }),
      ).rejects.toMatchObject({ code: 'EVIDENCE.INVALID_FIELD', details: { field: 'status' } });
      await expect(
        t.app.registerProviderAccount(advisor(org), { provider: 'gmail', label: '  ' }),
      ).rejects.toMatchObject({ code: 'EVIDENCE.INVALID_FIELD', details: { field: 'label' } });
      await expect(
        t.app.registerProviderAccount(advisor(org), { id: 'bad id', provider: 'gmail', label: 'x' }),
      ).rejects.toMatchObject({ code: 'EVIDENCE.INVALID_FIELD', details: { field: 'id' } });
      expect(await orgEventCount(t, org)).toBe(before);
    });

    it("keeps orgs apart: another org's account id is unknown, and the same id may be registered there", async () => {
      await expect(
        t.app.changeProviderAccountStatus(advisor('org-accounts-b'), 'acct-work', { status: 'revoked' }),
      ).rejects.toMatchObject({ code: 'EVIDENCE.PROVIDER_ACCOUNT_NOT_FOUND' });
      expect(await t.app.listProviderAccounts(advisor('org-accounts-b'))).toEqual([]);
      await t.app.registerProviderAccount(advisor('org-accounts-b'), {
        id: 'acct-work',
        provider: 'gmail',
        label: 'B',
      });
      expect((await t.app.listProviderAccounts(advisor(org)))[0].label).toBe('Work');
    });

    it('keeps the label out of the read model, reads a v1 clear label, and shows a shredded one as erased', async () => {
      const shredOrg = 'org-accounts-shred';
      await t.app.registerProviderAccount(advisor(shredOrg), {
        id: 'acct-s',
        provider: 'gmail',
        label: 'Private nickname',
      });
      // Registered before labels were sealed: the label is in the clear payload.
      await t.appendAndWait(shredOrg, 'evidenceaccount-acct-v1', [
        {
          type: 'ProviderAccountRegistered',
          data: { accountId: 'acct-v1', provider: 'gmail', label: 'Old', status: 'active' },
        },
      ]);
      const { rows } = await t.pool.query(`SELECT * FROM evidence_provider_accounts WHERE org_id = $1`, [shredOrg]);
      expect(JSON.stringify(rows)).not.toContain('Private nickname');
      const [sealed] = await t.ledger.readEvents(shredOrg, [
        rows.find((r) => r.account_id === 'acct-s').registered_event_id,
      ]);
      expect([sealed.schemaVersion, sealed.data, sealed.canonical.includes('Private nickname')]).toEqual([
        2,
        { accountId: 'acct-s', provider: 'gmail', status: 'active' },
        false,
      ]);

      await t.ledger.shred(shredOrg, 'evidenceaccount-acct-s');
      await t.app.changeProviderAccountStatus(advisor(shredOrg), 'acct-s', { status: 'revoked' });
      expect(await t.app.listProviderAccounts(compliance(shredOrg))).toEqual([
        { id: 'acct-s', provider: 'gmail', label: null, labelState: 'erased', status: 'revoked' },
        { id: 'acct-v1', provider: 'gmail', label: 'Old', labelState: 'present', status: 'active' },
      ]);
    });
  });

  describe('C-06 account selection', () => {
    const org = 'org-c06';

    it('with no account, or several and none named, refuses and lists the candidates (ids, labels)', async () => {
      await expect(t.app.ingest(advisor(org), message())).rejects.toMatchObject({
        code: 'EVIDENCE.PROVIDER_ACCOUNT_SELECTION_REQUIRED',
        details: { candidates: [] },
      });
      await t.app.registerProviderAccount(advisor(org), { id: 'a1', provider: 'gmail', label: 'Work' });
      const only = await t.app.ingest(advisor(org), message({ messageId: 'm-only' }));
      expect(only.documentId).toBe(documentIdFor(org, 'a1', 'm-only'));

      await t.app.registerProviderAccount(advisor(org), { id: 'a2', provider: 'gmail', label: 'Home' });
      const before = await orgEventCount(t, org);
      await expect(t.app.ingest(advisor(org), message())).rejects.toEqual(
        expect.objectContaining({
          code: 'EVIDENCE.PROVIDER_ACCOUNT_SELECTION_REQUIRED',
          details: {
            candidates: [
              { id: 'a1', label: 'Work' },
              { id: 'a2', label: 'Home' },
            ],
          },
        }),
      );
      expect(await orgEventCount(t, org)).toBe(before);
      const named = await t.app.ingest(advisor(org), message({ providerAccountId: 'a2', messageId: 'm-only' }));
      expect(named.documentId).toBe(documentIdFor(org, 'a2', 'm-only'));
    });

    it('refuses an inactive or unknown account by name', async () => {
      await t.app.changeProviderAccountStatus(advisor(org), 'a1', { status: 'revoked' });
      await expect(t.app.ingest(advisor(org), message({ providerAccountId: 'a1' }))).rejects.toMatchObject({
        code: 'EVIDENCE.PROVIDER_ACCOUNT_INACTIVE',
      });
      await expect(t.app.ingest(advisor(org), message({ providerAccountId: 'a9' }))).rejects.toMatchObject({
        code: 'EVIDENCE.PROVIDER_ACCOUNT_NOT_FOUND',
      });
    });
  });

  describe('C-03 idempotency', () => {
    const org = 'org-c03';
    beforeAll(async () => {
      await t.app.registerProviderAccount(advisor(org), { id: 'acct-1', provider: 'gmail', label: 'Work' });
    });

    it('creates version 1, then adds no version for the same source hash whatever else changed', async () => {
      const input = message({ providerAccountId: 'acct-1', messageId: 'same' });
      const first = await t.app.ingest(advisor(org), input);
      expect(first).toEqual({
        documentId: documentIdFor(org, 'acct-1', 'same'),
        documentVersionId: `${documentIdFor(org, 'acct-1', 'same')}:v1`,
        version: 1,
        created: true,
        newVersion: true,
        resurrected: false,
      });
      const before = await orgEventCount(t, org);
      const again = await t.app.ingest(advisor(org), {
        ...input,
        historyId: 'h-later',
        labels: ['ARCHIVED'],
        to: ['someone-else@example.test'],
      });
      expect(again).toEqual({ ...first, created: false, newVersion: false });
      expect(await orgEventCount(t, org)).toBe(before);
      const doc = await t.app.readDocument(advisor(org), first.documentId);
      expect(doc.versions).toHaveLength(1);
    });

    it('adds exactly one version when the title or the content changed, keeping the earlier ones', async () => {
      const input = message({ providerAccountId: 'acct-1', messageId: 'changing' });
      const first = await t.app.ingest(advisor(org), input);
      const second = await t.app.ingest(advisor(org), { ...input, body: `${input.body} Thanks!` });
      const third = await t.app.ingest(advisor(org), {
        ...input,
        body: `${input.body} Thanks!`,
        subject: 'Re: review',
      });
      expect([second.version, second.newVersion, second.created]).toEqual([2, true, false]);
      expect([third.version, third.documentId]).toEqual([3, first.documentId]);
      const doc = await t.app.readDocument(advisor(org), first.documentId);
      expect(doc.versions.map((v) => v.version)).toEqual([1, 2, 3]);
      expect(new Set(doc.versions.map((v) => v.sourceHash)).size).toBe(3);
      expect('content' in doc && doc.content).toMatchObject({
        version: 3,
        title: 'Re: review',
        personalState: 'present',
      });
      const v1 = await t.app.readDocument(compliance(org), first.documentId, { version: 1 });
      expect('content' in v1 && v1.content).toMatchObject({ version: 1, title: input.subject, content: input.body });
      await expect(t.app.readDocument(advisor(org), first.documentId, { version: 9 })).rejects.toMatchObject({
        code: 'EVIDENCE.VERSION_NOT_FOUND',
      });
    });

    it('tombstones on delete and resurrects the same document on re-ingest', async () => {
      const input = message({ providerAccountId: 'acct-1', messageId: 'deleted' });
      const first = await t.app.ingest(advisor(org), input);
      expect(await t.app.deleteDocument(advisor(org), first.documentId)).toEqual({
        documentId: first.documentId,
        tombstoned: true,
        changed: true,
      });
      expect((await t.app.readDocument(advisor(org), first.documentId)).tombstoned).toBe(true);
      expect((await t.app.deleteDocument(advisor(org), first.documentId)).changed).toBe(false);

      const back = await t.app.ingest(advisor(org), input);
      expect(back).toMatchObject({ documentId: first.documentId, version: 1, newVersion: false, resurrected: true });
      expect((await t.app.readDocument(advisor(org), first.documentId)).tombstoned).toBe(false);

      await t.app.deleteDocument(advisor(org), first.documentId, 'deleted_in_provider');
      const edited = await t.app.ingest(advisor(org), { ...input, body: 'edited after deletion' });
      expect(edited).toMatchObject({ documentId: first.documentId, version: 2, newVersion: true, resurrected: true });
    });

    it('keeps two accounts with the same message id as two documents', async () => {
      await t.app.registerProviderAccount(advisor(org), { id: 'acct-2', provider: 'gmail', label: 'Home' });
      const a = await t.app.ingest(advisor(org), message({ providerAccountId: 'acct-1', messageId: 'shared' }));
      const b = await t.app.ingest(advisor(org), message({ providerAccountId: 'acct-2', messageId: 'shared' }));
      expect(a.documentId).not.toBe(b.documentId);
      expect([a.created, b.created]).toEqual([true, true]);
      expect((await t.app.readDocument(advisor(org), b.documentId)).providerAccountId).toBe('acct-2');
    });

    it('settles concurrent ingests of one message on one version', async () => {
      const input = message({ providerAccountId: 'acct-1', messageId: 'racing' });
      const results = await Promise.all([1, 2, 3].map(() => t.app.ingest(advisor(org), input)));
      expect(results.filter((r) => r.created)).toHaveLength(1);
      expect((await t.app.readDocument(advisor(org), results[0].documentId)).versions).toHaveLength(1);
    });

    it('refuses malformed messages and writes nothing', async () => {
      const before = await orgEventCount(t, org);
      const base = message({ providerAccountId: 'acct-1' });
      const cases: [Record<string, unknown>, string][] = [
        [{ internalDate: -1 }, 'internalDate'],
        [{ internalDate: 1.5 }, 'internalDate'],
        [{ internalDate: 8.64e15 + 1 }, 'internalDate'],
        [{ to: 'x@example.test' }, 'to'],
        [{ messageId: '' }, 'messageId'],
        [{ messageId: 'm1\u0000x' }, 'messageId'],
        [{ threadId: 'thread one' }, 'threadId'],
        [{ historyId: '42\u000042' }, 'historyId'],
        [{ subject: 'half a pair \ud800' }, 'subject'],
        [{ cc: ['a\u0000@example.test'] }, 'cc[0]'],
        [{ body: 'x'.repeat(200_001) }, 'body'],
        [{ surprise: true }, 'surprise'],
      ];
      for (const [change, field] of cases) {
        await expect(t.app.ingest(advisor(org), { ...base, ...change } as typeof base)).rejects.toMatchObject({
          code: 'EVIDENCE.INVALID_FIELD',
          details: { field },
        });
      }
      expect(await orgEventCount(t, org)).toBe(before);
    });
  });

  describe('document reads', () => {
    const org = 'org-read';
    let documentId: string;
    beforeAll(async () => {
      await t.app.registerProviderAccount(advisor(org), { id: 'acct-r', provider: 'gmail', label: 'Work' });
      documentId = (await t.app.ingest(advisor(org), message({ messageId: 'read-1' }))).documentId;
    });

    it("reports another org's document exactly like a missing one", async () => {
      for (const id of [documentId, 'no-such-document']) {
        await expect(t.app.readDocument(advisor('org-read-b'), id)).rejects.toMatchObject({
          code: 'EVIDENCE.DOCUMENT_NOT_FOUND',
          details: { field: 'documentId', documentId: id },
        });
        await expect(t.app.deleteDocument(advisor('org-read-b'), id)).rejects.toMatchObject({
          code: 'EVIDENCE.DOCUMENT_NOT_FOUND',
        });
      }
    });

    it('shows an erased version as erased, without title or content', async () => {
      await t.ledger.shred(org, `evidence-${documentId}`);
      const doc = await t.app.readDocument(advisor(org), documentId);
      expect('content' in doc && doc.content).toEqual({
        documentVersionId: `${documentId}:v1`,
        version: 1,
        personalState: 'erased',
      });
      await expect(
        t.app.ingest(advisor(org), message({ messageId: 'read-1', body: 'new content after erasure' })),
      ).rejects.toMatchObject({ code: 'EVIDENCE.ALREADY_ERASED' });
    });
  });
});
