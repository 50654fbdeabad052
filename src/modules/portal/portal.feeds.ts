// Machine-readable views of the portal (PURE): the RSS 2.0 feed of a column, the sitemap, robots.txt.
// Text is escaped for XML and stripped of the control characters XML 1.0 cannot carry.

/** Escapes text for an XML element or attribute value. */
export function xmlEscape(s: string): string {
  return (
    s
      // biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters XML 1.0 forbids
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      .replace(/'/g, '&apos;')
  );
}

/** The absolute origin of a request (`https://example.gov.cn`); a malformed Host falls back to localhost. */
export function originOf(protocol: string, host: string | undefined): string {
  const h = host && /^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/.test(host) ? host : 'localhost';
  return `${protocol === 'https' ? 'https' : 'http'}://${h}`;
}

export interface FeedItem {
  title: string;
  /** Absolute URL. */
  link: string;
  /** ISO moment of publication. */
  publishedAt: string | null;
  description: string | null;
}

export interface Feed {
  title: string;
  link: string;
  self: string;
  description: string;
  items: FeedItem[];
  /** ISO moment the feed was built (the latest item, else now). */
  updatedAt: string;
}

/** RFC 822 date of RSS 2.0, in UTC. */
export const rfc822 = (iso: string) => new Date(iso).toUTCString();

export function rss(f: Feed): string {
  const e = xmlEscape;
  const items = f.items
    .map(
      (i) =>
        `<item><title>${e(i.title)}</title><link>${e(i.link)}</link><guid isPermaLink="true">${e(i.link)}</guid>` +
        `${i.publishedAt ? `<pubDate>${rfc822(i.publishedAt)}</pubDate>` : ''}` +
        `${i.description ? `<description>${e(i.description)}</description>` : ''}</item>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">
<channel>
<title>${e(f.title)}</title>
<link>${e(f.link)}</link>
<description>${e(f.description)}</description>
<language>zh-CN</language>
<lastBuildDate>${rfc822(f.updatedAt)}</lastBuildDate>
<atom:link href="${e(f.self)}" rel="self" type="application/rss+xml"/>
${items}
</channel>
</rss>
`;
}

export function sitemap(urls: Array<{ loc: string; lastmod?: string | null }>): string {
  const lines = urls.map(
    (u) =>
      `<url><loc>${xmlEscape(u.loc)}</loc>${u.lastmod ? `<lastmod>${xmlEscape(u.lastmod.slice(0, 10))}</lastmod>` : ''}</url>`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
${lines.join('\n')}
</urlset>
`;
}

export function robots(origin: string): string {
  return `User-agent: *\nDisallow: /staff/\nDisallow: /prefs\nAllow: /\n\nSitemap: ${origin}/sitemap.xml\n`;
}
