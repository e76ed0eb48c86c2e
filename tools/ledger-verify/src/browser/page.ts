import { utf8Text } from '../core/bytes';
import { checkBundleReport } from '../core/checkBundle';
import { parseKeyList } from '../core/keyList';
import type { PublicKey } from '../core/signatures';
import { notA, openPicked, Unverifiable } from './pickedBundle';
import { webCrypto } from './webCrypto';

/*
 * The examiner's page: pick a bundle (and optionally an older bundle and the keys to trust),
 * read the verdict. The same checks as `ledger-verify`, over the picked files, in this tab;
 * nothing leaves it.
 */

type Verdict = 'idle' | 'running' | 'pass' | 'fail' | 'unverifiable';

const element = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const pickers = {
  bundle: element<HTMLInputElement>('bundle'),
  previous: element<HTMLInputElement>('previous'),
  keys: element<HTMLInputElement>('keys'),
};
const verdictLine = element<HTMLElement>('verdict');

function show(verdict: Verdict, message: string): void {
  verdictLine.dataset.verdict = verdict;
  verdictLine.textContent = message;
}

async function pickedKeys(files: FileList | null): Promise<PublicKey[] | undefined> {
  if (!files || files.length === 0) return undefined;
  const file = files[0];
  const keys = parseKeyList(utf8Text(new Uint8Array(await file.arrayBuffer())));
  if (typeof keys === 'string') throw notA('NOT A KEY FILE', file.name, 'keys', `: ${keys}`);
  return keys;
}

let runs = 0;

/** Verifies what is picked now; a newer pick overrides the verdict of an older, slower one. */
async function verify(): Promise<void> {
  const run = ++runs;
  const bundleFiles = [...(pickers.bundle.files ?? [])];
  if (bundleFiles.length === 0) return show('idle', 'Pick a bundle to verify.');
  show('running', 'Verifying…');
  let verdict: Verdict;
  let message: string;
  try {
    const bundle = await openPicked(bundleFiles, 'bundle');
    const previousFiles = [...(pickers.previous.files ?? [])];
    const previous = previousFiles.length === 0 ? undefined : await openPicked(previousFiles, 'previous bundle');
    const trustedKeys = await pickedKeys(pickers.keys.files);
    const report = await checkBundleReport(webCrypto, bundle, { previous, trustedKeys });
    [verdict, message] = [report.ok ? 'pass' : 'fail', report.message];
  } catch (error) {
    const known = error instanceof Unverifiable;
    verdict = 'unverifiable';
    message = known ? error.message : `CANNOT READ: ${error instanceof Error ? error.message : String(error)}`;
  }
  if (run === runs) show(verdict, message);
}

for (const picker of Object.values(pickers)) picker.addEventListener('change', () => void verify());
show('idle', 'Pick a bundle to verify.');
