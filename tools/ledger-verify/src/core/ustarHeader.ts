import { latin1Text, utf8Text } from './bytes';

/*
 * The tar layout an audit export is written in (services/audit/src/export/tarGz.ts): POSIX ustar
 * headers ("ustar\0" "00"), octal numbers, regular files and one directory. GNU tar's headers
 * ("ustar  \0") are read too, as the same archive repacked by an examiner has them. Anything
 * else is refused rather than interpreted: this reader decides what gets written to disk.
 */

const POSIX_MAGIC = 'ustar\u000000';
const GNU_MAGIC = 'ustar  \u0000';

export const BLOCK = 512;

export type EntryType = 'file' | 'directory';

export interface UstarHeader {
  name: string;
  type: EntryType;
  size: number;
}

/** A header that is not a well-formed ustar header: the archive is not one the export writes. */
export class MalformedHeader extends Error {}

/** An entry that is well-formed but must not be extracted; the message says why. */
export class RefusedEntry extends Error {
  constructor(
    readonly entry: string,
    reason: string,
  ) {
    super(`refused archive entry ${JSON.stringify(entry)} (${reason})`);
  }
}

export function isZeroBlock(block: Uint8Array): boolean {
  return block.every((byte) => byte === 0);
}

/** A NUL-terminated (or field-filling) text field. */
function text(block: Uint8Array, offset: number, length: number): string {
  const field = block.subarray(offset, offset + length);
  const end = field.indexOf(0);
  return utf8Text(field.subarray(0, end === -1 ? length : end));
}

/** An octal number field: digits, then NULs or spaces. Base-256 numbers are never written by the export. */
function octal(block: Uint8Array, offset: number, length: number, field: string): number {
  const raw = latin1Text(block.subarray(offset, offset + length));
  const match = /^ *([0-7]+)[ \0]*$/.exec(raw);
  if (!match) throw new MalformedHeader(`its ${field} field is not an octal number`);
  return Number.parseInt(match[1], 8);
}

function checksumOf(block: Uint8Array): number {
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : block[i];
  return sum;
}

/** Parses one header block; throws MalformedHeader or, for links and devices, RefusedEntry. */
export function parseHeader(block: Uint8Array): UstarHeader {
  const magic = latin1Text(block.subarray(257, 265));
  if (magic !== POSIX_MAGIC && magic !== GNU_MAGIC) throw new MalformedHeader('it is not a ustar header');
  if (octal(block, 148, 8, 'checksum') !== checksumOf(block)) throw new MalformedHeader('its checksum is wrong');
  // Only POSIX headers have a name prefix there; GNU ones keep other fields in those bytes.
  const prefix = magic === POSIX_MAGIC ? text(block, 345, 155) : '';
  const name = prefix === '' ? text(block, 0, 100) : `${prefix}/${text(block, 0, 100)}`;
  const size = octal(block, 124, 12, 'size');
  const flag = String.fromCharCode(block[156]);
  if (flag === '0' || flag === '\0') return { name, type: 'file', size };
  if (flag === '5') {
    if (size !== 0) throw new MalformedHeader('a directory entry has a size');
    return { name, type: 'directory', size };
  }
  if (flag === '1' || flag === '2') throw new RefusedEntry(name, 'a link: only regular files are accepted');
  throw new RefusedEntry(name, `not a regular file (type ${JSON.stringify(flag)})`);
}
