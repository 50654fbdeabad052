// 简→繁: any HTML page can be rendered in traditional characters (opencc-js). Text of an element
// marked translate="no" (e.g. the link back to 简体) is left as written.
import * as OpenCC from 'opencc-js';

let convert: ((s: string) => string) | undefined;
const KEEP = /(<[a-z][a-z0-9]*\b[^>]*\btranslate="no"[^>]*>)([^<]*)/g;

export function toTraditional(html: string): string {
  if (!convert) convert = OpenCC.Converter({ from: 'cn', to: 'tw' }) as (s: string) => string;
  const kept: string[] = [];
  const masked = html.replace(KEEP, (_, tag: string, text: string) => {
    kept.push(text);
    return `${tag}\u0001${kept.length - 1}\u0001`;
  });
  return convert(masked).replace(/\u0001(\d+)\u0001/g, (_, i: string) => kept[Number(i)] ?? '');
}
