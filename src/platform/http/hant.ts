// 简→繁: any HTML page can be rendered in traditional characters (opencc-js). Left as written:
// the text of an element marked translate="no" (e.g. the link back to 简体, recorded data), form
// values (`value="…"`) and textarea contents, so that saving a form never rewrites the data.
import * as OpenCC from 'opencc-js';

// a private-use character marks the kept texts while the rest is converted
let convert: ((s: string) => string) | undefined;
const KEEP_TEXT = /(<[a-z][a-z0-9]*\b[^>]*\btranslate="no"[^>]*>|<textarea\b[^>]*>)([^<]*)/g;
const KEEP_VALUE = /(\svalue=")([^"]*)/g;

export function toTraditional(html: string): string {
  if (!convert) convert = OpenCC.Converter({ from: 'cn', to: 'tw' }) as (s: string) => string;
  const kept: string[] = [];
  const keep = (_: string, before: string, text: string) => {
    kept.push(text);
    return `${before}\uE000${kept.length - 1}\uE000`;
  };
  const masked = html.replace(KEEP_TEXT, keep).replace(KEEP_VALUE, keep);
  return convert(masked).replace(/\uE000(\d+)\uE000/g, (_, i: string) => kept[Number(i)] ?? '');
}
