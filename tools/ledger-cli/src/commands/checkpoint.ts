import { resolve } from 'node:path';
import type { Command } from 'commander';
import {
  CHECKPOINT_DIR_VARIABLE,
  DirectoryCheckpointStore,
  TreeProofs,
  compareWithCheckpoint,
  declareFork,
  maySign,
  type CheckpointComparison,
} from '@ledger/ledger';
import { openLedger, type OpenLedger } from '../connection/openLedger';
import { requireOrg } from '../connection/requireOrg';
import { resolveConnection, type Connection } from '../connection/resolveConnection';
import { CliError } from '../errors/cliError';
import { actorOf, printJson, wantsJson } from './projectionsContext';

interface CheckpointFlags {
  dir?: string;
  json?: boolean;
}

/** `checkpoint status` found an org whose signing is refused: exit 1, like a failed verification. */
class SigningRefused extends Error {
  readonly code = 'LEDGER.TREE_HEAD_REFUSED';
}

/** --dir, else LEDGER_CHECKPOINT_DIR, else the running local stack's `checkpoints` folder. */
function checkpointDir(flags: CheckpointFlags, connection: Connection): string {
  const dir = flags.dir ?? connection.env[CHECKPOINT_DIR_VARIABLE];
  if (dir) return resolve(dir);
  if (connection.stack) return resolve(connection.stack.dataDir, 'checkpoints');
  throw new CliError(
    'LEDGER_CLI.BAD_ARGUMENT',
    `no checkpoint folder: pass --dir or set ${CHECKPOINT_DIR_VARIABLE} (the audit service's)`,
  );
}

async function withStore<T>(
  flags: CheckpointFlags,
  work: (opened: OpenLedger, store: DirectoryCheckpointStore) => Promise<T>,
): Promise<T> {
  const connection = resolveConnection();
  const store = new DirectoryCheckpointStore(checkpointDir(flags, connection));
  const opened = openLedger(connection);
  try {
    return await work(opened, store);
  } finally {
    await opened.close();
  }
}

function statusLine(comparison: CheckpointComparison): object {
  const { orgId, status, treeSize, rootHash, published } = comparison;
  return {
    type: 'checkpoint',
    orgId,
    status,
    signing: maySign(comparison) ? 'allowed' : 'refused',
    treeSize,
    rootHash,
    publishedTreeSize: published?.treeSize ?? null,
    publishedRootHash: published?.rootHash ?? null,
    publishedAt: published?.timestamp ?? null,
  };
}

function humanLine(comparison: CheckpointComparison): string {
  const { orgId, status, treeSize, published } = comparison;
  const verdict = maySign(comparison) ? 'OK     ' : 'REFUSED';
  const head = published ? `published ${published.treeSize} at ${published.timestamp}` : 'nothing published';
  return `${verdict} ${orgId}: ${status}; database tree ${treeSize}, ${head}`;
}

export function registerCheckpoint(program: Command): void {
  const checkpoint = program
    .command('checkpoint')
    .description('The published tree heads kept outside the database, and reconciling a restore with them');

  checkpoint
    .command('status')
    .description("Compare each org's database tree with its latest published head (exit 1 when one is refused)")
    .option('--org <orgId>', 'one org (default: every org with a published head)')
    .option('--dir <folder>', `the checkpoint folder (default ${CHECKPOINT_DIR_VARIABLE}, else the local stack's)`)
    .option('--json', 'JSON lines')
    .action((flags: CheckpointFlags & { org?: string }) =>
      withStore(flags, async ({ pool }, store) => {
        const trees = new TreeProofs(pool);
        const orgs = flags.org === undefined ? await store.orgs() : [flags.org];
        const json = wantsJson(flags.json);
        let refused = 0;
        for (const orgId of orgs) {
          const comparison = await compareWithCheckpoint(trees, orgId, await store.latest(orgId));
          if (!maySign(comparison)) refused += 1;
          if (json) printJson(statusLine(comparison));
          else process.stdout.write(`${humanLine(comparison)}\n`);
        }
        if (refused > 0) throw new SigningRefused(`${refused} org(s) refused; see runbooks/restore-fork.md`);
      }),
    );

  checkpoint
    .command('declare-fork')
    .description(
      "Record in the org's ledger that its log forks from its published head, retire that head, and let signing resume",
    )
    .requiredOption('--org <orgId>', 'the refused org')
    .requiredOption('--reason <text>', 'why (an incident id): sealed in the ledger event')
    .option('--actor <id>', 'operator id for the ledger event')
    .option('--dir <folder>', `the checkpoint folder (default ${CHECKPOINT_DIR_VARIABLE}, else the local stack's)`)
    .option('--json', 'JSON lines')
    .action((flags: CheckpointFlags & { org: string; reason: string; actor?: string }) =>
      withStore(flags, async ({ pool, ledger, connection }, checkpoints) => {
        await requireOrg(ledger, flags.org);
        if (!connection.env.LEDGER_MASTER_KEYS) {
          throw new Error('checkpoint declare-fork seals its reason in the ledger: LEDGER_MASTER_KEYS is needed');
        }
        const declared = await declareFork({
          pool,
          ledger,
          checkpoints,
          orgId: flags.org,
          reason: flags.reason,
          actor: actorOf(flags.actor),
        });
        const { head } = declared.retired;
        if (wantsJson(flags.json)) {
          printJson({
            type: 'fork_declared',
            orgId: flags.org,
            eventId: declared.eventId,
            status: declared.comparison.status,
            treeSize: declared.comparison.treeSize,
            retiredTreeSize: head.treeSize,
            retiredRootHash: head.rootHash,
          });
        } else {
          process.stdout.write(
            `${flags.org}: fork declared (event ${declared.eventId}); published head ${head.treeSize} retired, ` +
              `signing resumes from the database tree\n`,
          );
        }
      }),
    );
}
