// Who may see and record the channels of publications and the registers (PURE): the organ's
// disclosure office records; business staff read; supervisors read the organs below.
import { type Actor, definePolicy, hasRole, inSubtree, ownOrgan } from '../../platform/policy.js';

interface OrganSubject {
  organId: number;
}

const READERS = ['office_head', 'office_staff', 'liaison', 'leader', 'supervisor'];

const reads = (a: Actor, s: OrganSubject) =>
  (ownOrgan(a, s.organId) && hasRole(a, ...READERS)) || (hasRole(a, 'supervisor') && inSubtree(a, s.organId));

export const channelsPolicy = definePolicy({
  'channel.read': reads,
  /** Record that an item went out on a channel, or send it to WeChat. */
  'channel.record': (a: Actor, s: OrganSubject) => ownOrgan(a, s.organId) && hasRole(a, 'office_head', 'office_staff', 'leader'),
  'register.read': reads,
  'register.write': (a: Actor, s: OrganSubject) => ownOrgan(a, s.organId) && hasRole(a, 'office_head', 'office_staff'),
});
