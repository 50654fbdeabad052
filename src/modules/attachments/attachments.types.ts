// The kinds of file a publication may carry (PURE): media type, a label for readers, and whether a
// browser may show it in place. Everything else is refused (see attachments.sniff.ts for why).

export interface AttachmentKind {
  mime: string;
  /** What the public page says, e.g. "PDF". */
  label: string;
  /** Shown in the browser (PDF and images); everything else is downloaded. */
  inline: boolean;
  /** Text for search can be read from it. */
  extractable: boolean;
}

export const KINDS = {
  pdf: { mime: 'application/pdf', label: 'PDF', inline: true, extractable: true },
  doc: { mime: 'application/msword', label: 'Word', inline: false, extractable: false },
  docx: {
    mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    label: 'Word',
    inline: false,
    extractable: true,
  },
  xls: { mime: 'application/vnd.ms-excel', label: 'Excel', inline: false, extractable: false },
  xlsx: {
    mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    label: 'Excel',
    inline: false,
    extractable: true,
  },
  ppt: { mime: 'application/vnd.ms-powerpoint', label: 'PowerPoint', inline: false, extractable: false },
  pptx: {
    mime: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
    label: 'PowerPoint',
    inline: false,
    extractable: true,
  },
  ofd: { mime: 'application/ofd', label: 'OFD', inline: false, extractable: true },
  jpg: { mime: 'image/jpeg', label: 'JPEG 图片', inline: true, extractable: false },
  png: { mime: 'image/png', label: 'PNG 图片', inline: true, extractable: false },
  gif: { mime: 'image/gif', label: 'GIF 图片', inline: true, extractable: false },
  txt: { mime: 'text/plain', label: '文本', inline: false, extractable: true },
  csv: { mime: 'text/csv', label: 'CSV', inline: false, extractable: true },
} as const satisfies Record<string, AttachmentKind>;

export type KindKey = keyof typeof KINDS;

const BY_MIME = new Map<string, KindKey>(Object.entries(KINDS).map(([k, v]) => [v.mime, k as KindKey]));

export const kindOfMime = (mime: string): AttachmentKind | undefined => {
  const k = BY_MIME.get(mime);
  return k ? KINDS[k] : undefined;
};

/** "PDF，1.2 MB". */
export function describe(mime: string, size: number): string {
  return `${kindOfMime(mime)?.label ?? '文件'}，${formatSize(size)}`;
}

export function formatSize(n: number): string {
  if (n < 1024) return `${n} 字节`;
  const one = (x: number) => (Number.isInteger(x) ? String(x) : x.toFixed(1));
  if (n < 1024 * 1024) return `${one(n / 1024)} KB`;
  return `${one(n / (1024 * 1024))} MB`;
}
