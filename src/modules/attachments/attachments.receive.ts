// Receiving an uploaded file, for every module that stores files (attachments of publications,
// files released with a reply): stream it to a temporary file, stopping as soon as it passes the
// limit; sniff what it really is from its bytes (an empty file is refused there too); move it into place under a
// generated name (`{dir}/{2 hex}/{32 hex}`). Throws a Chinese validation error and leaves nothing
// behind when the file is refused.
import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { invalid, storageFull } from '../../platform/http/errors.js';
import { cleanName } from './attachments.names.js';
import { sniff } from './attachments.sniff.js';
import type { KindKey } from './attachments.types.js';
import { formatSize } from './attachments.types.js';

export interface IncomingFile {
  filename: string;
  stream: Readable;
}

export interface ReceivedFile {
  storedName: string;
  /** Where the file now lies (remove it if the row that names it is not written). */
  path: string;
  /** The original name, cleaned (metadata only). */
  name: string;
  size: number;
  sha256: string;
  kind: KindKey;
  mime: string;
  buf: Buffer;
}

/** Where a stored file lies under `dir`. */
export const storedPath = (dir: string, storedName: string) => join(dir, storedName.slice(0, 2), storedName);

export async function receiveFile(file: IncomingFile, opts: { dir: string; maxBytes: number }): Promise<ReceivedFile> {
  const { dir, maxBytes } = opts;
  const tooLarge = () => invalid(`文件超过 ${formatSize(maxBytes)} 的上限，未上传。`, { file: '文件过大。' });
  const tmpDir = join(dir, 'tmp');
  await mkdir(tmpDir, { recursive: true });
  const tmp = join(tmpDir, `${randomBytes(16).toString('hex')}.part`);
  const hash = createHash('sha256');
  let size = 0;
  let over = false;
  try {
    await pipeline(
      file.stream,
      async function* (source: AsyncIterable<Buffer>) {
        for await (const chunk of source) {
          size += chunk.length;
          if (size > maxBytes) {
            over = true;
            throw tooLarge();
          }
          hash.update(chunk);
          yield chunk;
        }
      },
      createWriteStream(tmp, { flags: 'wx', mode: 0o640 }),
    );
    if ((file.stream as Readable & { truncated?: boolean }).truncated) throw tooLarge();
    const buf = await readFile(tmp);
    const s = await sniff(buf);
    if (!s.ok) throw invalid(s.reason, { file: s.reason });
    const storedName = randomBytes(16).toString('hex');
    const path = storedPath(dir, storedName);
    await mkdir(join(dir, storedName.slice(0, 2)), { recursive: true });
    await rename(tmp, path);
    return {
      storedName,
      path,
      name: cleanName(file.filename),
      size,
      sha256: hash.digest('hex'),
      kind: s.kind,
      mime: s.mime,
      buf,
    };
  } catch (err) {
    // (a failed pipeline has destroyed the upload stream: the parser reads no further file data)
    const code = (err as { code?: string }).code;
    if (over || code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge();
    if (code === 'ENOSPC' || code === 'EDQUOT') throw storageFull();
    throw err;
  } finally {
    await rm(tmp, { force: true });
  }
}
