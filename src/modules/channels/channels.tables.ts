import type { Generated } from 'kysely';

export type ChannelCode = 'website' | 'wechat' | 'weibo' | 'media' | 'gazette' | 'yearbook';
export type ChannelState = 'recorded' | 'pending' | 'sent' | 'failed';
export type Venue = 'service_centre' | 'archives' | 'library';

/** A channel a publication went out on (one row per publication and channel). */
export interface PublicationChannelTable {
  id: Generated<number>;
  publication_id: number;
  organ_id: number;
  channel: ChannelCode;
  state: ChannelState;
  sent_at: string | null;
  /** China date of `sent_at` (YYYY-MM-DD): the year it counts in. */
  sent_on: string | null;
  /** The remote's id (WeChat publish_id). */
  external_id: string | null;
  note: string | null;
  /** JSON: adapter details (WeChat media_id, last error). */
  detail: string | null;
  created_at: string;
  updated_at: string;
  recorded_by: number | null;
}

/** 送交: documents delivered to a reading venue (政务服务中心, 档案馆, 公共图书馆). */
export interface VenueDeliveryTable {
  id: Generated<number>;
  organ_id: number;
  delivered_on: string;
  venue: Venue;
  venue_name: string | null;
  /** JSON array of document titles. */
  items: string;
  /** JSON array of publication ids. */
  publication_ids: string;
  copies: number;
  note: string | null;
  created_at: string;
  created_by: number | null;
}

/** 新闻发布会. */
export interface PressConferenceTable {
  id: Generated<number>;
  organ_id: number;
  held_on: string;
  topic: string;
  speakers: string;
  organiser: string;
  transcript_publication_id: number | null;
  note: string | null;
  created_at: string;
  created_by: number | null;
}

export interface ChannelTables {
  publication_channels: PublicationChannelTable;
  venue_deliveries: VenueDeliveryTable;
  press_conferences: PressConferenceTable;
}
