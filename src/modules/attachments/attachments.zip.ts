// A small reader of ZIP archives held in memory (OOXML and OFD files are ZIPs), enough to list the
// entries and inflate a few of them with a cap on what each may expand to (no ZIP bombs).
// ZIP64 and encrypted entries are not read: such files just get no text extract.
import { inflateRawSync } from 'node:zlib';

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

/** The entries of the archive, or undefined when it is not a ZIP this reader understands. */
export function zipEntries(buf: Buffer): ZipEntry[] | undefined {
  const min = Math.max(0, buf.length - 22 - 0xffff);
  let eocd = -1;
  for (let i = buf.length - 22; i >= min; i--) {
    if (buf.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return undefined;
  const count = buf.readUInt16LE(eocd + 10);
  let at = buf.readUInt32LE(eocd + 16);
  const entries: ZipEntry[] = [];
  for (let n = 0; n < count; n++) {
    if (at + 46 > buf.length || buf.readUInt32LE(at) !== CENTRAL) return undefined;
    const nameLen = buf.readUInt16LE(at + 28);
    const extraLen = buf.readUInt16LE(at + 30);
    const commentLen = buf.readUInt16LE(at + 32);
    entries.push({
      method: buf.readUInt16LE(at + 10),
      compressedSize: buf.readUInt32LE(at + 20),
      size: buf.readUInt32LE(at + 24),
      name: buf.toString('utf8', at + 46, at + 46 + nameLen),
      localOffset: buf.readUInt32LE(at + 42),
    });
    at += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

/** The content of one entry, or undefined when it cannot be read or would exceed `max` bytes. */
export function zipRead(buf: Buffer, e: ZipEntry, max: number): Buffer | undefined {
  const at = e.localOffset;
  if (at + 30 > buf.length || buf.readUInt32LE(at) !== LOCAL) return undefined;
  const start = at + 30 + buf.readUInt16LE(at + 26) + buf.readUInt16LE(at + 28);
  const data = buf.subarray(start, start + e.compressedSize);
  if (data.length !== e.compressedSize) return undefined;
  try {
    if (e.method === 0) return data.length <= max ? data : undefined;
    if (e.method === 8) return inflateRawSync(data, { maxOutputLength: max });
  } catch {
    // over the cap or corrupt
  }
  return undefined;
}

/**
 * True when every entry of the archive inflates within `perEntry` bytes and all of them within
 * `total` (each is inflated with that cap, so a lying header cannot get past). Libraries that unzip
 * a whole document at once (mammoth) are given only archives that pass.
 */
export function zipWithin(buf: Buffer, perEntry: number, total: number): boolean {
  const entries = zipEntries(buf);
  if (!entries) return false;
  let left = total;
  for (const e of entries) {
    if (e.name.endsWith('/') && e.size === 0) continue;
    const data = zipRead(buf, e, Math.min(perEntry, left));
    if (!data) return false;
    left -= data.length;
  }
  return true;
}
