// The periodic jobs every app server runs (started by src/server.ts, not by tests' buildApp).
import type { Services } from './app.js';
import type { Job } from './platform/jobs/jobs.js';

export function appJobs(s: Services): Job[] {
  return [
    // scheduled publications: due items are published, including those missed while the server was down
    { name: 'publications.publishDue', everyMs: 60_000, run: () => s.publications.publishDue() },
    // reminders of due and overdue requests to the disclosure office (once per stage and due date)
    { name: 'requests.remind', everyMs: 3_600_000, run: () => s.requestReminders.remind() },
    // open requests' due dates, in case a calendar change was made by another server that failed
    { name: 'requests.recomputeOpen', everyMs: 3_600_000, run: () => s.requests.recomputeOpen() },
    // the search index: whatever a crash left between a commit and its after-commit indexing
    { name: 'search.reconcile', everyMs: 60_000, run: () => s.publicationSearch.reconcile() },
    // the outbox: messages due (new, retries, expired leases) are delivered; commits also kick it
    { name: 'outbox.dispatch', everyMs: 5_000, run: () => s.outbox.kick() },
    // delivered messages are kept 30 days for the record, then deleted
    { name: 'outbox.purge', everyMs: 6 * 3600_000, run: () => s.outbox.purge(30) },
  ];
}
