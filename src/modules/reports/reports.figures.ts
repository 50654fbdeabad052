// The annual report's named figures, contributed by the registers that hold them (issue 5): each
// contributor reads its figures through its module's services (never their repositories), in a
// few aggregate queries, and names them with dotted keys (`proactive.channel.wechat`,
// `requests.on_time`, `appeals.reconsideration_share`, …) that the narrative's `{{…}}`
// placeholders, the pre-2019 report (the 2014 statistics form, norms.md §2.5) and the charts use.
// A figure no register holds yet is `null`, and a sentence stating it is omitted, never faked;
// when a register is built, its own contributor supplies the key and `mergeFigures` lets its
// number win over the placeholder null, without touching the report's core.
//
// The contributors read as the system: the report service authorizes whoever asks for a report.
import { systemCtx } from '../../platform/context.js';
import type { AppealService } from '../appeals/appeals.service.js';
import { CHANNELS as PROACTIVE_CHANNELS } from '../channels/channels.schemas.js';
import type { ChannelService } from '../channels/channels.service.js';
import type { RegisterService } from '../channels/registers.service.js';
import { STANDARD_COLUMNS } from '../publications/catalogue.columns.js';
import type { PublicationService } from '../publications/publications.service.js';
import type { LetterService } from '../requests/casework.letters.js';
import { CHANNELS as REQUEST_CHANNEL_LIST } from '../requests/requests.codes.js';
import type { RequestService } from '../requests/requests.service.js';
import type { ReportContributor, ReportFigures } from './reports.types.js';

const ctx = () => systemCtx('report');
const REQUEST_CHANNELS = REQUEST_CHANNEL_LIST.map(([c]) => c);

/** 体裁 that make an item on the website a 公示公告 (公告, 通告, and the handling and penalty
 * decisions published on the 曝光台); every other item on the website is a 文件通知 (seed 三(四)). */
export const NOTICE_GENRES: readonly string[] = ['announcement', 'circular', 'decision'];

const PROACTIVE_KEYS = [
  'proactive.total',
  ...STANDARD_COLUMNS.map((c) => `proactive.column.${c.code}`),
  ...PROACTIVE_CHANNELS.map((c) => `proactive.channel.${c}`),
  'proactive.website.documents',
  'proactive.website.notices',
  'proactive.normative_documents',
  'proactive.interpretations',
  'proactive.press_conferences',
  'proactive.venue_deliveries',
  'proactive.venue_copies',
  'proactive.interviews',
] as const;

/**
 * 主动公开: items first published in the year (in all and per column code, incl. the organ's own
 * columns), per channel, the website's 文件通知 and 公示公告, normative documents, interpretations
 * (解读 links), press conferences and deliveries to reading venues. `proactive.interviews` is null
 * until an interview register exists.
 */
export function proactiveFigures(s: {
  publications: Pick<PublicationService, 'yearCounts' | 'columns'>;
  channels: Pick<ChannelService, 'channelCounts' | 'channelGenreCounts'>;
  registers: Pick<RegisterService, 'deliveryCounts' | 'conferenceCount'>;
}): ReportContributor {
  return {
    name: 'proactive',
    keys: PROACTIVE_KEYS,
    async contribute({ organId, year }) {
      const c = ctx();
      const [counts, columns, channels, website, deliveries, conferences] = await Promise.all([
        s.publications.yearCounts(c, organId, year),
        s.publications.columns(c, organId),
        s.channels.channelCounts(c, organId, year),
        s.channels.channelGenreCounts(c, organId, year, 'website'),
        s.registers.deliveryCounts(c, organId, year),
        s.registers.conferenceCount(c, organId, year),
      ]);
      const out: ReportFigures = {};
      let total = 0;
      for (const col of columns) out[`proactive.column.${col.code}`] = counts.byColumn.get(col.id) ?? 0;
      for (const n of counts.byColumn.values()) total += n;
      out['proactive.total'] = total;
      for (const ch of PROACTIVE_CHANNELS) out[`proactive.channel.${ch}`] = channels[ch] ?? 0;
      let notices = 0;
      let documents = 0;
      for (const [genre, n] of website) {
        if (NOTICE_GENRES.includes(genre)) notices += n;
        else documents += n;
      }
      out['proactive.website.documents'] = documents;
      out['proactive.website.notices'] = notices;
      out['proactive.normative_documents'] = counts.normative;
      out['proactive.interpretations'] = counts.interpretations;
      out['proactive.press_conferences'] = conferences;
      out['proactive.venue_deliveries'] = deliveries.deliveries;
      out['proactive.venue_copies'] = deliveries.copies;
      out['proactive.interviews'] = null;
      return out;
    },
  };
}

const REQUEST_KEYS = [
  'requests.received',
  ...REQUEST_CHANNELS.map((c) => `requests.channel.${c}`),
  'requests.closed',
  'requests.on_time',
  'requests.extended',
  'requests.overdue',
  'requests.non_disclosure_filings',
  'requests.fees_yuan',
  'requests.fees_wan_yuan',
] as const;

/**
 * 依申请公开: requests received in the year (in all and per channel), closed, replied on time,
 * extended, overdue (a reply due in the year that came late or not at all), entries of the
 * non-disclosure register (不予公开备案), and the 信息处理费 collected (yuan and 万元).
 */
export function requestFigures(s: {
  requests: Pick<RequestService, 'yearFigures' | 'feesCollected'>;
  caseLetters: Pick<LetterService, 'register'>;
}): ReportContributor {
  return {
    name: 'requests',
    keys: REQUEST_KEYS,
    async contribute({ organId, year }) {
      const [f, fees, register] = await Promise.all([
        s.requests.yearFigures(organId, year),
        s.requests.feesCollected(organId, year),
        s.caseLetters.register(ctx(), organId, year),
      ]);
      const out: ReportFigures = {};
      let received = 0;
      for (const ch of REQUEST_CHANNELS) {
        const n = f.byChannel.get(ch) ?? 0;
        out[`requests.channel.${ch}`] = n;
        received += n;
      }
      out['requests.received'] = received;
      out['requests.closed'] = f.closed;
      // unknown (null: the sentence is left out) when no closed case has a due date, e.g. imported ones
      out['requests.on_time'] = f.timed > 0 ? f.onTime : null;
      out['requests.extended'] = f.extended;
      out['requests.overdue'] = f.overdue;
      out['requests.non_disclosure_filings'] = register.rows.length;
      out['requests.fees_yuan'] = Math.round(fees * 100) / 100;
      out['requests.fees_wan_yuan'] = Math.round(fees / 100) / 100;
      return out;
    },
  };
}

const APPEAL_KEYS = [
  'appeals.reconsideration',
  'appeals.reconsideration_total',
  'appeals.reconsideration_share',
  'appeals.litigation',
  'appeals.litigation_direct',
  'appeals.litigation_after_reconsideration',
] as const;

/**
 * 行政复议、行政诉讼: disclosure cases filed in the year (table 4's totals), and the share of them
 * among all the organ's reconsideration cases (percent, one decimal; null until that total is
 * entered, so the sentence stating it is omitted).
 */
export function appealFigures(s: { appeals: Pick<AppealService, 'table4' | 'share'> }): ReportContributor {
  return {
    name: 'appeals',
    keys: APPEAL_KEYS,
    async contribute({ organId, year }) {
      const [t, share] = await Promise.all([s.appeals.table4(organId, year), s.appeals.share(organId, year)]);
      return {
        'appeals.reconsideration': t.reconsideration.total,
        'appeals.reconsideration_total': share.total,
        'appeals.reconsideration_share': share.percent,
        'appeals.litigation': t.litigation_direct.total + t.litigation_after_reconsideration.total,
        'appeals.litigation_direct': t.litigation_direct.total,
        'appeals.litigation_after_reconsideration': t.litigation_after_reconsideration.total,
      };
    },
  };
}

/** Figures of registers not built yet (seed 二 and the 2014 form): a place for each in the
 * narrative, null until a register's contributor supplies it. */
export const PENDING_KEYS = [
  'powers.adjustments',
  'inspections.checks',
  'inspections.projects',
  'enforcement.decisions',
  'proposals.npc_suggestions',
  'proposals.cppcc_proposals',
  'messages.replied',
  'responses.hot_topics',
  'responses.social_media',
] as const;

export function pendingFigures(): ReportContributor {
  return {
    name: 'pending',
    keys: PENDING_KEYS,
    async contribute() {
      return Object.fromEntries(PENDING_KEYS.map((k) => [k, null]));
    },
  };
}

/** Merges contributed figures: a number wins over null, and a later number over an earlier one. */
export function mergeFigures(parts: readonly ReportFigures[]): ReportFigures {
  const out: ReportFigures = {};
  for (const part of parts) {
    for (const [k, v] of Object.entries(part)) {
      if (v !== null || !(k in out)) out[k] = v;
    }
  }
  return out;
}

/** Every key the contributors can provide (for `validateSections`), plus the ones a run gave. */
export function knownFigureKeys(contributors: readonly ReportContributor[], figures: ReportFigures = {}): string[] {
  return [...new Set([...contributors.flatMap((c) => c.keys), ...Object.keys(figures)])];
}

/** Runs every contributor for one organ and year and merges their figures. */
export async function collectFigures(
  contributors: readonly ReportContributor[],
  input: Parameters<ReportContributor['contribute']>[0],
): Promise<ReportFigures> {
  return mergeFigures(await Promise.all(contributors.map((c) => c.contribute(input))));
}

/** The contributors of the registers the system has, for the composition root. */
export function reportContributors(s: {
  publications: PublicationService;
  channels: ChannelService;
  registers: RegisterService;
  requests: RequestService;
  caseLetters: LetterService;
  appeals: AppealService;
}): ReportContributor[] {
  return [pendingFigures(), proactiveFigures(s), requestFigures(s), appealFigures(s)];
}
