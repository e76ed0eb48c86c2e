import { randomUUID } from 'node:crypto';
import { appendFile, mkdir, open, readFile, readdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { SignedTreeHead } from './treeHead';

/** Names the checkpoint directory; unset, a service keeps it under its data directory. */
export const CHECKPOINT_DIR_VARIABLE = 'LEDGER_CHECKPOINT_DIR';

/** A published head set aside by an explicit fork declaration. */
export interface RetiredCheckpoint {
  readonly head: SignedTreeHead;
  readonly retiredAt: string;
  /** The ledger event that declared the fork. */
  readonly declarationEventId: string;
  /** The org's tree size in the database when the fork was declared. */
  readonly treeSize: number;
}

/**
 * Where the latest published head of each org is kept outside the database, so a database
 * restored to an earlier point can be told from the log the world has already seen.
 */
export interface CheckpointStore {
  /** The org's latest published head, or null when none was published (or it was retired). */
  latest(orgId: string): Promise<SignedTreeHead | null>;
  /** Keeps a head just published as the org's latest, unless a larger one is already kept. */
  record(head: SignedTreeHead): Promise<void>;
  /** Moves the org's latest head to its history, after a fork was declared in the ledger. */
  retire(orgId: string, retired: Omit<RetiredCheckpoint, 'head'>): Promise<RetiredCheckpoint | null>;
  /** The heads retired for the org, oldest first. */
  history(orgId: string): Promise<RetiredCheckpoint[]>;
  /** Every org with a latest head. */
  orgs(): Promise<string[]>;
}

const LATEST = '.json';
const HISTORY = '.history.jsonl';

/**
 * One file per org (`<org>.json`, the signed head as published), replaced atomically: written
 * to a temporary file, fsynced, renamed over the old one and the directory fsynced, so a crash
 * leaves the old head or the new one, never half of either. Retired heads are appended to
 * `<org>.history.jsonl`. Org ids are percent-encoded into file names.
 */
export class DirectoryCheckpointStore implements CheckpointStore {
  constructor(readonly dir: string) {}

  async latest(orgId: string): Promise<SignedTreeHead | null> {
    const text = await readIfExists(this.file(orgId, LATEST));
    return text === null ? null : (JSON.parse(text) as SignedTreeHead);
  }

  async record(head: SignedTreeHead): Promise<void> {
    const current = await this.latest(head.orgId);
    if (current && current.treeSize > head.treeSize) return;
    await mkdir(this.dir, { recursive: true });
    const target = this.file(head.orgId, LATEST);
    const temp = `${target}.${randomUUID()}.tmp`;
    const handle = await open(temp, 'w');
    try {
      await handle.writeFile(`${JSON.stringify(head)}\n`);
      await handle.sync();
    } finally {
      await handle.close();
    }
    try {
      await rename(temp, target);
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
    await this.syncDir();
  }

  async retire(orgId: string, retired: Omit<RetiredCheckpoint, 'head'>): Promise<RetiredCheckpoint | null> {
    const head = await this.latest(orgId);
    if (!head) return null;
    const entry: RetiredCheckpoint = { head, ...retired };
    // History first: a crash in between leaves the head both kept and retired, never lost.
    const handle = await open(this.file(orgId, HISTORY), 'a');
    try {
      await appendFile(handle, `${JSON.stringify(entry)}\n`);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rm(this.file(orgId, LATEST), { force: true });
    await this.syncDir();
    return entry;
  }

  async history(orgId: string): Promise<RetiredCheckpoint[]> {
    const text = await readIfExists(this.file(orgId, HISTORY));
    if (text === null) return [];
    return text
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => JSON.parse(line) as RetiredCheckpoint);
  }

  async orgs(): Promise<string[]> {
    let names: string[];
    try {
      names = await readdir(this.dir);
    } catch (error) {
      if (isMissing(error)) return [];
      throw error;
    }
    return names
      .filter((name) => name.endsWith(LATEST) && !name.endsWith(HISTORY))
      .map((name) => decodeURIComponent(name.slice(0, -LATEST.length)))
      .sort();
  }

  private file(orgId: string, suffix: string): string {
    return join(this.dir, `${encodeURIComponent(orgId)}${suffix}`);
  }

  private async syncDir(): Promise<void> {
    const handle = await open(this.dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  }
}

async function readIfExists(file: string): Promise<string | null> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if (isMissing(error)) return null;
    throw error;
  }
}

function isMissing(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | null)?.code === 'ENOENT';
}
