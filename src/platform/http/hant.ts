// 简→繁: any HTML page can be rendered in traditional characters (opencc-js).
import * as OpenCC from 'opencc-js';

let convert: ((s: string) => string) | undefined;

export function toTraditional(html: string): string {
  if (!convert) convert = OpenCC.Converter({ from: 'cn', to: 'tw' }) as (s: string) => string;
  return convert(html);
}
