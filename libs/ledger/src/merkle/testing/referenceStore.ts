import { MemoryHashStore } from '../memoryHashStore';
import { referenceStoredNodes } from './referenceMerkle';

/**
 * A store filled straight from the reference implementation (not by the append code), so the
 * prover's tests do not depend on storedHashes.ts being right.
 */
export function referenceStore(leaves: readonly Uint8Array[]): MemoryHashStore {
  const store = new MemoryHashStore();
  const nodes = [...referenceStoredNodes(leaves)].map(([key, hash]) => {
    const [level, index] = key.split('/').map(Number);
    return { level, index, hash };
  });
  store.writeHashes(nodes);
  return store;
}
