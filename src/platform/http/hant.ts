// 简→繁: any HTML page can be rendered in traditional characters (opencc-js). Text of an element
// marked translate="no" (e.g. the link back to 简体) is left as written.
import * as OpenCC from 'opencc-js';

// a private-use character marks the kept texts while the rest is converted
let convert: ((s: string) => string) | undefined;
const KEEP = /(<[a-z][a-z0-9]*\b[^>]*\btranslate="no"[^>]*>)([^<]*)/g;

export function toTraditional(html: string): string {
  if (!convert) convert = OpenCC.Converter({ from: 'cn', to: 'tw' }) as (s: string) => string;
  const kept: string[] = [];
  const masked = html.replace(KEEP, (_, tag: string, text: string) => {
    kept.push(text);
    return `${tag}\uE000${kept.length - 1}\uE000`;
  });
  return convert(masked).replace(/\uE000(\d+)\uE000/g, (_, i: string) => kept[Number(i)] ?? '');
}
