import { readFile } from 'node:fs/promises';
import { BundleProblem } from './core/bundleFiles';
import { checkBundleAgainstCertificate, type CertifiedErasure } from './core/certificateBundle';
import type { PublicKey } from './core/signatures';
import { removeUnpackedSync } from './extractArchive';
import { folderReader, nodeCrypto } from './nodePlatform';
import { openBundle, type OpenedBundle } from './openBundle';
import { exitCodeOf, unreadable, Unverifiable, type Verdict } from './outcome';
import { readTrustedKeys } from './trustedKeys';
import { verifyBundleReport } from './verifyBundle';
import { verifyCertificate } from './verifyCertificate';

const USAGE = `usage: ledger-verify BUNDLE [--previous OLDER_BUNDLE] [--keys KEYS.json] [--json]
       ledger-verify verify-certificate CERTIFICATE.json [--bundle BUNDLE] [--keys KEYS.json] [--json]
  CERTIFICATE.json      an erasure certificate (contracts/erasure-certificate.md)
  --bundle BUNDLE       also check a bundle exported after the erasure against it: same org, its
                        tree extends the one signed after the erasure, the erased events marked
  BUNDLE, OLDER_BUNDLE  the .tar.gz the audit export returns, or the folder it unpacks into
  --keys KEYS.json      trust these keys instead of the bundle's own: public keys (a bundle's
                        public-keys.json, a published list) or the ledger's signing key file
  --json                print one JSON object: verdict, exitCode, message and details
exit status: 0 PASS; 1 FAIL (the bundle or certificate was changed or is not signed by a trusted key);
  2 nothing was verified (bad usage, no such file, not a bundle, not a key file)`;

interface Outcome {
  verdict: Verdict;
  message: string;
  details: Record<string, unknown>;
}

const CERTIFICATE_COMMAND = 'verify-certificate';

interface Args {
  /** The bundle, or the certificate with `certificate`. */
  bundle: string;
  certificate: boolean;
  /** With `certificate`: a bundle exported after the erasure, checked against it. */
  certifiedBundle?: string;
  previous?: string;
  keys?: string;
  json: boolean;
}

function parseArgs(args: readonly string[]): Args | 'help' | null {
  const positional: string[] = [];
  const flags = new Map<string, string>();
  let json = false;
  for (let i = 0; i < args.length; i++) {
    const [flag, inline] = args[i].startsWith('--') ? splitFlag(args[i]) : [args[i], undefined];
    if (flag === '--help' || flag === '-h') return 'help';
    if (flag === '--json' && inline === undefined) json = true;
    else if (flag === '--previous' || flag === '--keys' || flag === '--bundle') {
      const value = inline ?? args[++i];
      if (!value || flags.has(flag)) return null;
      flags.set(flag, value);
    } else if (flag.startsWith('--')) return null;
    else positional.push(flag);
  }
  const certificate = positional[0] === CERTIFICATE_COMMAND;
  if (certificate) positional.shift();
  if (positional.length !== 1 || positional[0] === '') return null;
  if (certificate ? flags.has('--previous') : flags.has('--bundle')) return null;
  return {
    bundle: positional[0],
    previous: flags.get('--previous'),
    keys: flags.get('--keys'),
    json,
    certificate,
    certifiedBundle: flags.get('--bundle'),
  };
}

function splitFlag(arg: string): [string, string | undefined] {
  const at = arg.indexOf('=');
  return at === -1 ? [arg, undefined] : [arg.slice(0, at), arg.slice(at + 1)];
}

/** Opens each path in the order of the command line, so the first bad one is the one reported. */
async function verify(args: Args): Promise<Outcome> {
  if (args.certificate) return verifyCertificateFile(args);
  const opened: OpenedBundle[] = [];
  try {
    const bundle = await openBundle(args.bundle, 'BUNDLE');
    opened.push(bundle);
    const previous = args.previous === undefined ? undefined : await openBundle(args.previous, '--previous');
    if (previous) opened.push(previous);
    const trustedKeys = args.keys === undefined ? undefined : await readTrustedKeys(args.keys);
    const report = await verifyBundleReport(bundle.dir, { previous: previous?.dir, trustedKeys });
    if (!report.ok) {
      return { verdict: 'fail', message: report.message, details: { problem: report.problem, bundle: args.bundle } };
    }
    const { message, orgId, range, treeSize, events } = report;
    return {
      verdict: 'pass',
      message,
      details: {
        bundle: args.bundle,
        orgId,
        range,
        treeSize,
        events,
        keys: args.keys ?? 'bundle',
        previous: report.previous && { bundle: args.previous, treeSize: report.previous.treeSize },
      },
    };
  } catch (error) {
    if (error instanceof Unverifiable) {
      return {
        verdict: error.verdict,
        message: error.message,
        details: { argument: error.argument, path: error.path },
      };
    }
    throw error;
  } finally {
    for (const bundle of opened) await bundle.close();
  }
}

async function verifyCertificateFile(args: Args): Promise<Outcome> {
  try {
    const document = await readCertificate(args.bundle);
    const trustedKeys = args.keys === undefined ? undefined : await readTrustedKeys(args.keys);
    const report = await verifyCertificate(document, trustedKeys);
    if (!report.ok) {
      return {
        verdict: 'fail',
        message: report.message,
        details: { problem: report.problem, certificate: args.bundle },
      };
    }
    const { message, ok: _ok, ...details } = report;
    const bundle =
      args.certifiedBundle === undefined
        ? null
        : await checkCertifiedBundle(args.certifiedBundle, document as CertifiedErasure, trustedKeys);
    if (bundle && !bundle.ok) {
      return {
        verdict: 'fail',
        message: `FAIL: ${bundle.problem}`,
        details: { problem: bundle.problem, certificate: args.bundle, bundle: args.certifiedBundle },
      };
    }
    return {
      verdict: 'pass',
      message: bundle ? `${message}; ${bundle.summary}` : message,
      details: {
        certificate: args.bundle,
        ...details,
        keys: args.keys ?? 'certificate',
        bundle: bundle && { path: args.certifiedBundle, erasedEvents: bundle.erasedEvents },
      },
    };
  } catch (error) {
    if (error instanceof Unverifiable) {
      return {
        verdict: error.verdict,
        message: error.message,
        details: { argument: error.argument, path: error.path },
      };
    }
    throw error;
  }
}

type CertifiedBundle = { ok: true; summary: string; erasedEvents: number } | { ok: false; problem: string };

/** The bundle on its own first, then against the certificate (the certificate already passed). */
async function checkCertifiedBundle(
  path: string,
  certificate: CertifiedErasure,
  trustedKeys: PublicKey[] | undefined,
): Promise<CertifiedBundle> {
  const opened = await openBundle(path, '--bundle');
  try {
    const report = await verifyBundleReport(opened.dir, { trustedKeys });
    if (!report.ok) return { ok: false, problem: `bundle: ${report.problem}` };
    const erasedEvents = await checkBundleAgainstCertificate(
      nodeCrypto,
      folderReader(opened.dir),
      certificate,
      trustedKeys,
    );
    const { range, treeSize } = report;
    return {
      ok: true,
      erasedEvents,
      summary: `bundle [${range.start}, ${range.end}) of tree size ${treeSize} extends it, ${erasedEvents} events of the erased streams marked erased`,
    };
  } catch (error) {
    if (error instanceof BundleProblem)
      return { ok: false, problem: `bundle against the certificate: ${error.message}` };
    throw error;
  } finally {
    await opened.close();
  }
}

async function readCertificate(path: string): Promise<unknown> {
  const text = await readFile(path, 'utf8').catch((error: unknown) => {
    throw unreadable(error, path, 'CERTIFICATE');
  });
  try {
    return JSON.parse(text);
  } catch {
    throw new Unverifiable('not-a-certificate', path, 'CERTIFICATE', ' is not JSON');
  }
}

function print(outcome: Outcome, json: boolean): void {
  const exitCode = exitCodeOf(outcome.verdict);
  if (json) {
    const { verdict, message, details } = outcome;
    process.stdout.write(`${JSON.stringify({ verdict, exitCode, message, ...details })}\n`);
  } else if (outcome.verdict === 'pass' || outcome.verdict === 'fail') {
    process.stdout.write(`${outcome.message}\n`);
  } else {
    process.stderr.write(`${outcome.message}\n`);
  }
}

async function main(argv: readonly string[]): Promise<number> {
  const args = parseArgs(argv);
  if (args === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (args === null) {
    print({ verdict: 'usage', message: USAGE, details: {} }, argv.includes('--json'));
    return exitCodeOf('usage');
  }
  const outcome = await verify(args).catch((error: unknown): Outcome => {
    const message = `ledger-verify: ${error instanceof Error ? error.message : String(error)}`;
    return { verdict: 'cannot-read', message, details: {} };
  });
  print(outcome, args.json);
  return exitCodeOf(outcome.verdict);
}

// An interrupted run must not leave an unpacked bundle behind in the temporary folder.
for (const [signal, code] of [
  ['SIGINT', 130],
  ['SIGTERM', 143],
] as const) {
  process.once(signal, () => {
    removeUnpackedSync();
    process.exit(code);
  });
}

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
