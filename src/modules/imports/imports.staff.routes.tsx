// 数据导入 in the back office: the same import service as `gongkai import`, fed by a pasted CSV.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { RouteDeps } from '../../app.js';
import { forbidden } from '../../platform/http/errors.js';
import { sendPage } from '../../platform/http/render.js';
import { requireStaff, staffCtx } from '../auth/auth.http.js';
import { actorOf, bodyOf, staffNavFor, text } from '../backoffice/backoffice.http.js';
import { summary } from './imports.cli.js';
import { importsPolicy } from './imports.policy.js';
import { IMPORTS_HREF, type ImportOutcome, ImportPage, type ImportValues } from './views/import-page.js';

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused
const FILE_NAME = /^[^\\/\u0000-\u001f]{1,100}$/;

export function importRoutes(app: FastifyInstance, d: RouteDeps): void {
  const pre = { preHandler: requireStaff };
  const page = async (
    req: FastifyRequest,
    reply: FastifyReply,
    values: ImportValues,
    more: { message?: string; errors?: Record<string, string>; outcome?: ImportOutcome } = {},
    status = 200,
  ) =>
    sendPage(
      reply,
      <ImportPage ctx={await d.viewCtx(req, reply)} nav={staffNavFor(req.staff?.actor.roles ?? [])} values={values} {...more} />,
      status,
    );
  const mayImport = (req: FastifyRequest) => importsPolicy.can(actorOf(req), 'import.run', { organId: actorOf(req).organId });

  app.get(IMPORTS_HREF, pre, async (req, reply) => {
    if (!mayImport(req)) throw forbidden();
    return page(req, reply, { kind: 'requests', fileName: '', content: '', skipBadRows: '' });
  });

  app.post(IMPORTS_HREF, pre, async (req, reply) => {
    const b = bodyOf(req);
    const values: ImportValues = {
      kind: text(b.kind),
      fileName: text(b.fileName).trim(),
      content: text(b.content),
      skipBadRows: text(b.skipBadRows) === '1' ? '1' : '',
    };
    if (!mayImport(req)) throw forbidden();
    const errors: Record<string, string> = {};
    if (values.kind !== 'requests' && values.kind !== 'appeals') errors.kind = '请从给定选项中选择。';
    if (values.content.trim() === '') errors.content = '请粘贴 CSV 内容。';
    if (values.fileName !== '' && !FILE_NAME.test(values.fileName))
      errors.fileName = '文件名不能超过 100 个字符，且不能含有斜杠。';
    if (Object.keys(errors).length) return page(req, reply, values, { message: '请检查标出的项目。', errors }, 422);
    const input = {
      organId: actorOf(req).organId,
      fileName: values.fileName || '（粘贴的内容）',
      content: values.content,
      skipBadRows: values.skipBadRows === '1',
    };
    const svc = d.imports;
    const r = await (values.kind === 'requests'
      ? svc.importRequests(staffCtx(req), input)
      : svc.importAppeals(staffCtx(req), input));
    const outcome = { summary: summary(r).replace('加 --skip-bad-rows', '勾选“跳过有误的行”'), written: r.written, bad: r.bad };
    // a refused file keeps what was pasted, to be corrected in place
    return page(
      req,
      reply,
      r.written ? { ...values, content: '' } : values,
      { outcome },
      r.written || r.bad.length === 0 ? 200 : 422,
    );
  });
}
