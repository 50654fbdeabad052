// Each handling action of a case and the service function that performs it: one table for the
// back-office forms (requests.staff.routes.tsx) and the JSON API (requests.api.ts).
import type { Ctx } from '../../platform/context.js';
import type { RequestService } from './requests.service.js';
import type { Action } from './requests.workflow.js';

type Handler = (svc: RequestService) => (ctx: Ctx, id: number, input: unknown) => Promise<unknown>;

export const ACTION_HANDLERS: Record<Action, Handler> = {
  assign: (s) => s.assign,
  request_correction: (s) => s.requestCorrection,
  receive_correction: (s) => s.receiveCorrection,
  start_consultation: (s) => s.startConsultation,
  end_consultation: (s) => s.endConsultation,
  send_fee_notice: (s) => s.sendFeeNotice,
  record_payment: (s) => s.recordPayment,
  extend: (s) => s.extend,
  defer: (s) => s.defer,
  draft: (s) => s.startDrafting,
  decide: (s) => s.decide,
  return: (s) => s.returnDecision,
  approve: (s) => s.approve,
  reply: (s) => s.reply,
  close: (s) => s.close,
  withdraw: (s) => s.withdraw,
  reopen: (s) => s.reopen,
};

/** Performs `action` on case `id` through the service (policy, workflow, audit all there). */
export const performAction = (svc: RequestService, action: Action, ctx: Ctx, id: number, input: unknown) =>
  ACTION_HANDLERS[action](svc)(ctx, id, input);
