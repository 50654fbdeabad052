// Errors with stable codes, mapped to HTTP in one place.
export type ErrorCode =
  | 'not_found'
  | 'forbidden'
  | 'unauthenticated'
  | 'conflict'
  | 'validation'
  | 'csrf'
  | 'rate_limited'
  | 'bad_request'
  | 'internal'
  | 'storage_full';

const STATUS: Record<ErrorCode, number> = {
  not_found: 404,
  forbidden: 403,
  unauthenticated: 401,
  conflict: 409,
  validation: 422,
  csrf: 403,
  rate_limited: 429,
  bad_request: 400,
  internal: 500,
  storage_full: 507,
};

export const ERROR_TITLES: Record<number, string> = {
  400: '请求有误',
  401: '请先登录',
  403: '无权访问',
  404: '页面不存在',
  409: '操作冲突',
  422: '填写的内容有误',
  429: '操作过于频繁',
  500: '系统出现错误',
  507: '存储空间不足',
};

export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** Field errors for forms: field name → message. */
    readonly fields: Record<string, string> = {},
  ) {
    super(message);
    this.status = STATUS[code];
  }
}

export const notFound = (m = '您要找的内容不存在或已被移除。') => new AppError('not_found', m);
export const forbidden = (m = '您没有执行此操作的权限。') => new AppError('forbidden', m);
export const conflict = (m: string) => new AppError('conflict', m);
/** The disk that holds uploaded files is full (ENOSPC, or a quota): nothing was kept. */
export const storageFull = () =>
  new AppError('storage_full', '服务器存储空间已满，文件未保存。请联系系统管理员清理空间后重新上传。', {
    file: '存储空间已满，未保存。',
  });
export const invalid = (m: string, fields: Record<string, string> = {}) => new AppError('validation', m, fields);

export function statusOf(err: unknown): number {
  if (err instanceof AppError) return err.status;
  const s = (err as { statusCode?: number }).statusCode;
  return typeof s === 'number' && s >= 400 && s < 600 ? s : 500;
}
