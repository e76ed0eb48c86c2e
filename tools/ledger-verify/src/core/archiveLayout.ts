import { RefusedEntry, type UstarHeader } from './ustarHeader';

/** Every name a bundle uses is made of these; anything else is refused before it reaches the disk. */
const PLAIN_NAME = /^[A-Za-z0-9._-]+$/;

/** Where an accepted entry goes: `folder` is the bundle folder (null for a flat archive). */
export interface Placement {
  folder: string | null;
  /** The file's name inside the folder; null for the folder's own directory entry. */
  file: string | null;
}

/**
 * The layout the export writes: one folder holding plain files (a flat list of plain files,
 * optionally as `./name`, is accepted too). Refuses absolute paths, `..`, odd names, deeper nesting, a second top-level
 * folder and a name seen before (case-insensitively, as some file systems compare them).
 */
export class ArchiveLayout {
  /** undefined until the first entry decides between a folder and a flat archive. */
  private folder: string | null | undefined;
  private readonly seen = new Set<string>();

  /** Where the entry goes, or null for the `./` entry of an archive made with `tar -C dir .`. */
  place(header: UstarHeader): Placement | null {
    const { name } = header;
    const refuse = (reason: string) => new RefusedEntry(name, reason);
    if (name.startsWith('/')) throw refuse('an absolute path');
    const parts = name.split('/');
    if (header.type === 'directory' && parts.length > 1 && parts[parts.length - 1] === '') parts.pop();
    if (parts[0] === '.' && parts.length > 1) parts.shift();
    if (header.type === 'directory' && parts.length === 1 && parts[0] === '.') return null;
    if (parts.includes('..')) throw refuse('a path outside the bundle folder');
    if (parts.some((part) => part === '.' || !PLAIN_NAME.test(part))) throw refuse('a name a bundle never uses');
    if (parts.length > 2 || (header.type === 'directory' && parts.length > 1)) {
      throw refuse('nested deeper than the bundle folder');
    }
    const placement: Placement =
      header.type === 'directory'
        ? { folder: parts[0], file: null }
        : parts.length === 2
          ? { folder: parts[0], file: parts[1] }
          : { folder: null, file: parts[0] };
    if (this.folder === undefined) this.folder = placement.folder;
    if (placement.folder !== this.folder) {
      throw refuse(this.folder === null ? 'a folder in a flat archive' : `outside the bundle folder ${this.folder}/`);
    }
    const key = parts.join('/').toLowerCase();
    if (this.seen.has(key)) throw refuse('a second entry with the same name');
    this.seen.add(key);
    return placement;
  }
}
