import { CANONICAL_FORMAT_VERSION } from '../events/canonicalEvent';
import { FIELD, PG_EPOCH_US } from './eventTuples';

/*
 * Checks the typed columns of a binary event tuple against its canonical text without parsing
 * the JSON. The canonical text of a version-1 event is canonicalEvent's output:
 *
 *   {"data":…,"eventId":"…","metadata":{"actor":"…",…},"orgId":"…","personal":null|{…},
 *    "recordedAt":"…","schemaVersion":N,"streamId":"…","streamRevision":N,"type":"…","v":1}
 *
 * This is only sound for text that canonicalEvent produced: the caller uses it only when the text
 * hashes to the leaf the tree holds, i.e. it is byte for byte the text appended. Everything after
 * `data` then has a fixed shape, so the values can be found walking back from the end: each one
 * ends where the key after it begins, and is compared with the exact bytes its column would have
 * been written as. The key before it need not be compared, only the colon that ends it: a
 * shorter value would leave a byte of the real value there (for a string, a quote inside one is
 * always escaped, so preceded by a backslash), and a longer one would have to contain the real
 * value's opening quote, which a value compared here may not (nor a backslash). A false answer
 * decides nothing: the caller then runs the full check (checkRow), which also covers values
 * written in another form (a string that needed escapes, an older format).
 */

const ascii = (text: string) => Buffer.from(text, 'latin1');
const DATA_KEY = ascii('{"data":');
const EVENT_ID_KEY_LENGTH = ',"eventId":'.length;
const METADATA_ACTOR = ascii(',"metadata":{"actor":');
const ORG_ID_KEY_LENGTH = ',"orgId":'.length;
const PERSONAL_KEY_LENGTH = ',"personal":'.length;
const NULL = ascii('null');
const RECORDED_AT_KEY_LENGTH = ',"recordedAt":'.length;
const SCHEMA_VERSION_KEY_LENGTH = ',"schemaVersion":'.length;
const STREAM_ID_KEY_LENGTH = ',"streamId":'.length;
const STREAM_REVISION_KEY_LENGTH = ',"streamRevision":'.length;
const TYPE_KEY_LENGTH = ',"type":'.length;
const VERSION_END = ascii(`,"v":${CANONICAL_FORMAT_VERSION}}`);
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COLON = 0x3a;
const LATEST_DATE_MS = 8.64e15;
const EPOCH_US = PG_EPOCH_US;
/** Where each column's bounds sit in the array of field bounds. */
const CANONICAL = 2 * FIELD.canonical;
const TYPE = 2 * FIELD.type;
const STREAM_REVISION = 2 * FIELD.streamRevision;
const STREAM_ID = 2 * FIELD.streamId;
const SCHEMA_VERSION = 2 * FIELD.schemaVersion;
const RECORDED_AT = 2 * FIELD.recordedAt;
const ACTOR = 2 * FIELD.actor;
const EVENT_ID = 2 * FIELD.eventId;

/** Compares the typed columns of one org's event tuples with their canonical texts. */
export class CanonicalColumns {
  private readonly orgId: Buffer;
  // Events appended together share their recorded_at, and concurrent appends interleave, so the
  // texts of recent values are kept (a few hundred at most).
  private readonly isoTexts = new Map<number, Buffer>();

  constructor(orgId: string) {
    this.orgId = Buffer.from(orgId, 'utf8');
  }

  /** True when every typed column of the tuple equals what its canonical text states. */
  matches(t: Buffer, f: Int32Array): boolean {
    const min = f[CANONICAL];
    let at = f[CANONICAL + 1] - VERSION_END.length;
    if (at < min || !sameBytes(t, at, VERSION_END, 0, VERSION_END.length)) return false;
    at = stringBefore(t, min, at, t, f[TYPE], f[TYPE + 1]) - TYPE_KEY_LENGTH;
    at = numberBefore(t, min, at, readInt64(t, f[STREAM_REVISION])) - STREAM_REVISION_KEY_LENGTH;
    at = stringBefore(t, min, at, t, f[STREAM_ID], f[STREAM_ID + 1]) - STREAM_ID_KEY_LENGTH;
    at = numberBefore(t, min, at, t.readInt32BE(f[SCHEMA_VERSION])) - SCHEMA_VERSION_KEY_LENGTH;
    const iso = this.isoText(readInt64(t, f[RECORDED_AT]) + EPOCH_US);
    if (iso === null) return false;
    at = stringBefore(t, min, at, iso, 0, iso.length) - RECORDED_AT_KEY_LENGTH;
    at = personalBefore(t, min, at) - PERSONAL_KEY_LENGTH;
    at = stringBefore(t, min, at, this.orgId, 0, this.orgId.length) - ORG_ID_KEY_LENGTH;
    at = actorBefore(t, min, at, f[ACTOR], f[ACTOR + 1]);
    at = uuidBefore(t, min, at, f[EVENT_ID]) - EVENT_ID_KEY_LENGTH;
    return at >= min + DATA_KEY.length && sameBytes(t, min, DATA_KEY, 0, DATA_KEY.length);
  }

  /** recordedAt as appended (Date#toISOString, whole milliseconds), or null if it cannot be. */
  private isoText(micros: number): Buffer | null {
    let text = this.isoTexts.get(micros);
    if (text === undefined) {
      const ms = micros / 1000;
      if (!Number.isInteger(ms) || Math.abs(ms) > LATEST_DATE_MS) return null;
      if (this.isoTexts.size >= 256) this.isoTexts.clear();
      text = ascii(new Date(ms).toISOString());
      this.isoTexts.set(micros, text);
    }
    return text;
  }
}

/*
 * Each helper checks the value that ends at `at` (exclusive) and returns where it starts, or a
 * negative number; a negative `at` fails every later helper.
 */

/** A JSON string `:"value"` with value[start, end) written unescaped. */
function stringBefore(t: Buffer, min: number, at: number, value: Buffer, start: number, end: number): number {
  const open = at - (end - start) - 2;
  if (open - 1 < min || t[open - 1] !== COLON || t[open] !== QUOTE || t[at - 1] !== QUOTE) return -1;
  for (let i = start, j = open + 1; i < end; i++, j++) {
    const b = value[i];
    if (t[j] !== b || b === QUOTE || b === BACKSLASH) return -1;
  }
  return open;
}

/** `:N`, a non-negative integer in plain decimal as JSON writes it. */
function numberBefore(t: Buffer, min: number, at: number, value: number): number {
  if (at <= min || value < 0 || !Number.isSafeInteger(value)) return -1;
  let rest = value;
  do {
    at--;
    if (at <= min || t[at] !== 0x30 + (rest % 10)) return -1;
    rest = Math.floor(rest / 10);
  } while (rest > 0);
  return t[at - 1] === COLON ? at : -1;
}

/** `:null` or `:{…}`, the sealed personal envelope: an object of strings holding no braces. */
function personalBefore(t: Buffer, min: number, at: number): number {
  if (at - 1 <= min) return -1;
  let open = at - NULL.length;
  if (t[at - 1] === 0x7d) {
    open = at - 2;
    while (open > min && t[open] !== 0x7b) open--;
  } else if (!sameBytes(t, open, NULL, 0, NULL.length)) return -1;
  return open > min && t[open - 1] === COLON ? open : -1;
}

/**
 * The metadata object ending at `at`, whose first member is the actor; returns where its key
 * starts. Usually the actor is the only member, so `,"metadata":{"actor":"…"}` is tried in place
 * first. Otherwise the other members are strings, so the last `,"metadata":{"actor":` before
 * `at` is the key itself (a string cannot hold an unescaped quote).
 */
function actorBefore(t: Buffer, min: number, at: number, actorStart: number, actorEnd: number): number {
  if (at <= min || t[at - 1] !== 0x7d) return -1;
  const alone = at - 3 - (actorEnd - actorStart) - METADATA_ACTOR.length;
  if (alone >= min && sameBytes(t, alone, METADATA_ACTOR, 0, METADATA_ACTOR.length)) {
    return stringBefore(t, min, at - 1, t, actorStart, actorEnd) === alone + METADATA_ACTOR.length ? alone : -1;
  }
  const first = METADATA_ACTOR[0];
  let key = at - 1 - METADATA_ACTOR.length;
  while (key >= min && (t[key] !== first || !sameBytes(t, key, METADATA_ACTOR, 0, METADATA_ACTOR.length))) key--;
  if (key < min) return -1;
  const valueStart = key + METADATA_ACTOR.length;
  const valueEnd = valueStart + (actorEnd - actorStart) + 2;
  if (valueEnd >= at || t[valueEnd] !== 0x2c) return -1;
  return stringBefore(t, min, valueEnd, t, actorStart, actorEnd) === valueStart ? key : -1;
}

/** `:"…"`, a uuid in 8-4-4-4-12 hex of either case, equal to the 16 bytes at `uuid`. */
function uuidBefore(t: Buffer, min: number, at: number, uuid: number): number {
  const open = at - 38;
  if (open - 1 < min || t[open - 1] !== COLON || t[open] !== QUOTE || t[at - 1] !== QUOTE) return -1;
  // Dashes follow the 4th, 6th, 8th and 10th byte: text offsets 8, 13, 18 and 23.
  if (t[open + 9] !== 0x2d || t[open + 14] !== 0x2d || t[open + 19] !== 0x2d || t[open + 24] !== 0x2d) return -1;
  for (let i = 0, j = open + 1; i < 16; i++, j += 2) {
    if (i === 4 || i === 6 || i === 8 || i === 10) j++;
    if (HEX_VALUE[t[j]] * 16 + HEX_VALUE[t[j + 1]] !== t[uuid + i]) return -1;
  }
  return open;
}

/** The value of each byte as a hex digit of either case; a large number for anything else. */
const HEX_VALUE = Int16Array.from({ length: 256 }, (_, c) => {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  const lower = c | 0x20;
  return lower >= 0x61 && lower <= 0x66 ? lower - 0x61 + 10 : 4096;
});

/** True when a[aStart, aStart + length) equals b[bStart, bStart + length). */
function sameBytes(a: Buffer, aStart: number, b: Buffer, bStart: number, length: number): boolean {
  for (let i = 0; i < length; i++) if (a[aStart + i] !== b[bStart + i]) return false;
  return true;
}

/** A signed 64-bit big-endian integer as a number; exact below 2^53. */
function readInt64(t: Buffer, at: number): number {
  return t.readInt32BE(at) * 0x1_0000_0000 + t.readUInt32BE(at + 4);
}
