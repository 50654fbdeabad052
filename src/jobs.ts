// The periodic jobs every app server runs (started by src/server.ts, not by tests' buildApp).
import type { Services } from './app.js';
import type { Job } from './platform/jobs/jobs.js';

export function appJobs(s: Services): Job[] {
  return [
    // scheduled publications: due items are published, including those missed while the server was down
    { name: 'publications.publishDue', everyMs: 60_000, run: () => s.publications.publishDue() },
    // the search index: whatever a crash left between a commit and its after-commit indexing
    // open requests' due dates, in case a calendar change was made by another server that failed
    { name: 'requests.recomputeOpen', everyMs: 3_600_000, run: () => s.requests.recomputeOpen() },
    { name: 'search.reconcile', everyMs: 60_000, run: () => s.publicationSearch.reconcile() },
  ];
}
