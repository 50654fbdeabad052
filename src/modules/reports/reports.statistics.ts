// The annex table (附表) of a report written in the pre-2019 narrative style: the figures of the
// 2014 statistics form (国办发〔2014〕32号, norms.md §2.5) that the system's registers hold, with
// the form's wording (PURE). A figure no register holds yet (null) is left out, never printed as 0.
import { CHANNEL_LABELS } from '../channels/channels.schemas.js';
import { CHANNELS as REQUEST_CHANNELS } from '../requests/requests.codes.js';
import type { ReportStatistic } from './reports.html.js';
import type { ReportFigures } from './reports.types.js';

const ROWS: ReadonlyArray<readonly [string, string]> = [
  ['proactive.total', '主动公开政府信息数（不同渠道和方式公开相同信息计1条）'],
  ['proactive.normative_documents', '其中：主动公开规范性文件数'],
  ...Object.entries(CHANNEL_LABELS).map(([c, l]) => [`proactive.channel.${c}`, `通过${l}公开政府信息数`] as const),
  ['proactive.interpretations', '政策解读稿件发布数'],
  ['proactive.press_conferences', '参加或举办新闻发布会总次数'],
  ['proactive.interviews', '政府网站在线访谈次数'],
  ['responses.hot_topics', '回应公众关注热点或重大舆情数'],
  ['responses.social_media', '微博微信回应事件数'],
  ['proactive.venue_deliveries', '向档案馆、图书馆、政务服务中心等查阅场所送交政府信息次数'],
  ['requests.received', '收到政府信息公开申请数'],
  ...REQUEST_CHANNELS.map(([c, l]) => [`requests.channel.${c}`, `其中：${l}`] as const),
  ['requests.closed', '申请办结数'],
  ['requests.on_time', '其中：按时办结数'],
  ['requests.extended', '其中：延期办结数'],
  ['requests.non_disclosure_filings', '不予公开备案数'],
  ['appeals.reconsideration', '因政府信息公开被申请行政复议数'],
  ['appeals.litigation', '因政府信息公开被提起行政诉讼数'],
  ['requests.fees_wan_yuan', '依申请公开信息收取的费用（万元）'],
];

/** The annex rows for the figures the report has (non-null), in the form's order. */
export function statisticsOf(figures: ReportFigures | undefined): ReportStatistic[] {
  const f = figures ?? {};
  return ROWS.filter(([k]) => typeof f[k] === 'number').map(([k, label]) => ({ label, value: f[k] as number }));
}
