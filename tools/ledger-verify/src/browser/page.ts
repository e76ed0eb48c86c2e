import { utf8Text } from '../core/bytes';
import { checkBundleReport } from '../core/checkBundle';
import { parseKeyList } from '../core/keyList';
import type { PublicKey } from '../core/signatures';
import { verifyCertificate } from '../core/verifyCertificate';
import { notA, openPicked, Unverifiable } from './pickedBundle';
import { webCrypto } from './webCrypto';

/*
 * The examiner's page: pick a bundle (optionally an older bundle) or an erasure certificate, and
 * optionally the keys to trust; read the verdict. The same checks as `ledger-verify`, over the
 * picked files, in this tab; nothing leaves it.
 */

type Verdict = 'idle' | 'running' | 'pass' | 'fail' | 'unverifiable';

const element = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const pickers = {
  bundle: element<HTMLInputElement>('bundle'),
  previous: element<HTMLInputElement>('previous'),
  certificate: element<HTMLInputElement>('certificate'),
  keys: element<HTMLInputElement>('keys'),
};

/** One verdict line: the bundle's or the certificate's, each with its own run counter. */
class VerdictLine {
  private runs = 0;

  constructor(
    private readonly line: HTMLElement,
    private readonly idle: string,
  ) {
    this.show('idle', idle);
  }

  /** Runs `check` unless nothing is picked; a newer run overrides the verdict of an older, slower one. */
  async run(picked: boolean, check: () => Promise<{ ok: boolean; message: string }>): Promise<void> {
    const run = ++this.runs;
    if (!picked) return this.show('idle', this.idle);
    this.show('running', 'Verifying…');
    let verdict: Verdict;
    let message: string;
    try {
      const report = await check();
      [verdict, message] = [report.ok ? 'pass' : 'fail', report.message];
    } catch (error) {
      verdict = 'unverifiable';
      message =
        error instanceof Unverifiable
          ? error.message
          : `CANNOT READ: ${error instanceof Error ? error.message : String(error)}`;
    }
    if (run === this.runs) this.show(verdict, message);
  }

  private show(verdict: Verdict, message: string): void {
    this.line.dataset.verdict = verdict;
    this.line.textContent = message;
  }
}

const bundleVerdict = new VerdictLine(element('verdict'), 'Pick a bundle to verify.');
const certificateVerdict = new VerdictLine(element('certificate-verdict'), 'Pick a certificate to verify.');

const picked = (input: HTMLInputElement): File[] => [...(input.files ?? [])];

async function text(file: File): Promise<string> {
  return utf8Text(new Uint8Array(await file.arrayBuffer()));
}

async function pickedKeys(): Promise<PublicKey[] | undefined> {
  const [file] = picked(pickers.keys);
  if (file === undefined) return undefined;
  const keys = parseKeyList(await text(file));
  if (typeof keys === 'string') throw notA('NOT A KEY FILE', file.name, 'keys', `: ${keys}`);
  return keys;
}

function verifyPickedBundle(): Promise<void> {
  const files = picked(pickers.bundle);
  return bundleVerdict.run(files.length > 0, async () => {
    const bundle = await openPicked(files, 'bundle');
    const previousFiles = picked(pickers.previous);
    const previous = previousFiles.length === 0 ? undefined : await openPicked(previousFiles, 'previous bundle');
    return checkBundleReport(webCrypto, bundle, { previous, trustedKeys: await pickedKeys() });
  });
}

function verifyPickedCertificate(): Promise<void> {
  const [file] = picked(pickers.certificate);
  return certificateVerdict.run(file !== undefined, async () => {
    let document: unknown;
    try {
      document = JSON.parse(await text(file));
    } catch {
      throw notA('NOT A CERTIFICATE', file.name, 'certificate', ' is not JSON');
    }
    return verifyCertificate(webCrypto, document, await pickedKeys());
  });
}

pickers.bundle.addEventListener('change', () => void verifyPickedBundle());
pickers.previous.addEventListener('change', () => void verifyPickedBundle());
pickers.certificate.addEventListener('change', () => void verifyPickedCertificate());
pickers.keys.addEventListener('change', () => {
  void verifyPickedBundle();
  void verifyPickedCertificate();
});
