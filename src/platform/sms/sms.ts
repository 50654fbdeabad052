// SMS gateway port. The gateway speaks a small JSON-over-HTTP protocol shaped like Aliyun's SendSms:
//   POST {baseUrl}/sms/send   Authorization: Bearer <token>
//   {"phone":"13800138000","text":"…","signName":"示范市政务公开","template":"SMS_REQUEST_REPLIED"}
//   → 200 {"code":"OK","bizId":"…"}           success
//   → {"code":"isv.BUSINESS_LIMIT_CONTROL","message":"…"}   refusal (any code other than OK)
// An adapter in front of a real provider translates to this shape. Phone numbers are never logged or put
// into error messages in full: only masked (138****8000).

export interface SmsConfig {
  /** Base address of the gateway, e.g. https://sms-gateway.example.gov.cn */
  baseUrl: string;
  /** Bearer token of this platform at the gateway. */
  token: string;
  /** Signature shown to the recipient (短信签名), e.g. 示范市政务公开. */
  signName: string;
}

export interface SmsMessage {
  /** A mainland mobile number: 11 digits starting 1[3-9]; spaces, dashes and a +86/0086 prefix are accepted. */
  phone: string;
  text: string;
  /** The template code registered at the provider (短信模板). */
  template: string;
}

/** The subset of a pino logger the gateway writes to. */
export interface SmsLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

export interface SmsGateway {
  readonly enabled: boolean;
  /** Sends one SMS; resolves to the gateway's bizId. Throws SmsDisabledError, SmsInputError or SmsSendError. */
  send(message: SmsMessage): Promise<string>;
}

export class SmsDisabledError extends Error {
  override name = 'SmsDisabledError';
  readonly code = 'SMS_DISABLED';
  constructor() {
    super('短信发送未启用：请设置 GONGKAI_SMS_URL、GONGKAI_SMS_TOKEN 和 GONGKAI_SMS_SIGN_NAME。');
  }
}

export class SmsInputError extends Error {
  override name = 'SmsInputError';
  readonly code = 'SMS_INPUT';
}

export class SmsSendError extends Error {
  override name = 'SmsSendError';
  /** The gateway's code (e.g. isv.BUSINESS_LIMIT_CONTROL), `HTTP_<status>`, `TIMEOUT` or `NETWORK`. */
  readonly code: string;
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}

/** `+86 138-0013-8000` → `13800138000`; null when it is not a mainland mobile number. */
export function normalisePhone(raw: string): string | null {
  const digits = raw.replace(/[\s-]/g, '').replace(/^(\+86|0086)/, '');
  return /^1[3-9]\d{9}$/.test(digits) ? digits : null;
}

/** `13812341234` → `138****1234`. Anything else is masked whole except its last two characters. */
export function maskPhone(phone: string): string {
  const n = normalisePhone(phone);
  if (n) return `${n.slice(0, 3)}****${n.slice(7)}`;
  return phone.length <= 2 ? '**' : `${'*'.repeat(phone.length - 2)}${phone.slice(-2)}`;
}

export interface SmsOptions {
  logger?: SmsLogger | undefined;
  /** Milliseconds to wait for the gateway. Default 10 s. */
  timeoutMs?: number;
}

/** The gateway of `config` (Config.sms, from GONGKAI_SMS_*); undefined gives a disabled gateway. */
export function createSmsGateway(config: SmsConfig | undefined, opts: SmsOptions = {}): SmsGateway {
  if (!config) {
    return {
      enabled: false,
      send: async () => {
        throw new SmsDisabledError();
      },
    };
  }
  const url = `${config.baseUrl.replace(/\/+$/, '')}/sms/send`;
  const timeoutMs = opts.timeoutMs ?? 10_000;
  const log = opts.logger;
  return {
    enabled: true,
    async send(message) {
      const phone = normalisePhone(message.phone ?? '');
      const masked = maskPhone(message.phone ?? '');
      if (!phone) throw new SmsInputError(`手机号码无效：${masked}`);
      if (!message.text?.trim()) throw new SmsInputError('短信内容不能为空。');
      if (!message.template?.trim()) throw new SmsInputError('短信模板不能为空。');
      const where = { phone: masked, template: message.template };
      let res: Response;
      try {
        res = await fetch(url, {
          method: 'POST',
          headers: {
            authorization: `Bearer ${config.token}`,
            'content-type': 'application/json; charset=utf-8',
            accept: 'application/json',
          },
          body: JSON.stringify({ phone, text: message.text, signName: config.signName, template: message.template }),
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch (err) {
        const timedOut = err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError');
        const code = timedOut ? 'TIMEOUT' : 'NETWORK';
        log?.warn({ ...where, code }, 'sms not sent');
        throw new SmsSendError(code, `短信发送失败（${masked}）：${timedOut ? '短信网关无应答' : '无法连接短信网关'}`, {
          cause: err,
        });
      }
      let body: { code?: unknown; bizId?: unknown; message?: unknown } = {};
      try {
        body = (await res.json()) as typeof body;
      } catch {
        // not JSON: reported by status below
      }
      if (res.ok && body.code === 'OK' && typeof body.bizId === 'string' && body.bizId) {
        log?.info({ ...where, bizId: body.bizId }, 'sms sent');
        return body.bizId;
      }
      const code = typeof body.code === 'string' && body.code ? body.code : `HTTP_${res.status}`;
      const reason = typeof body.message === 'string' ? body.message : `HTTP ${res.status}`;
      log?.warn({ ...where, code, status: res.status }, 'sms refused');
      throw new SmsSendError(code, `短信发送失败（${masked}）：${reason}（${code}）`);
    },
  };
}
