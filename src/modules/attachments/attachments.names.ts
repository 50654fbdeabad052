// File names (PURE): the original name is metadata only, cleaned of anything that could act as a path,
// a control or a direction override; downloads name it with RFC 6266 / RFC 5987.

const MAX_NAME = 120;
/** Device names Windows opens instead of a file (CON, NUL, COM1, LPT1, …), with or without an extension. */
const WINDOWS_DEVICE = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\.|$)/i;

/**
 * The name as kept: its last path segment, NFC, without control and format characters (RLO, zero
 * width, …), without leading dots, at most 120 characters (the extension is kept when cut); a
 * Windows device name gets a leading underscore, so that a file saved under it stays a file.
 */
export function cleanName(raw: string, fallback = '附件'): string {
  const last = raw.normalize('NFC').split(/[/\\]/).pop() ?? '';
  let name = last
    .replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, '')
    .replace(/\s+/g, ' ')
    .replace(/^[.\s]+/, '')
    .trim();
  const chars = [...name];
  if (chars.length > MAX_NAME) {
    const dot = name.lastIndexOf('.');
    const ext = dot > 0 ? [...name.slice(dot)] : [];
    const keep = ext.length > 0 && ext.length <= 10 ? ext : [];
    name = chars.slice(0, MAX_NAME - keep.length).join('') + keep.join('');
  }
  if (WINDOWS_DEVICE.test(name)) name = `_${name}`;
  return name === '' ? fallback : name;
}

/** RFC 5987 `ext-value` of a UTF-8 string. */
const rfc5987 = (s: string) => encodeURIComponent(s).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** `Content-Disposition` with an ASCII fallback and the real (Chinese) name in `filename*`. */
export function contentDisposition(name: string, inline: boolean): string {
  const ascii = name.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  return `${inline ? 'inline' : 'attachment'}; filename="${ascii}"; filename*=UTF-8''${rfc5987(name)}`;
}
