/** The demo's supervisors (`lookout demo` starts them; `lookout supervise workers/demo/lookout.config.ts` works too). */
export default {
  jobs: './jobs.ts',
  supervisors: [
    {
      name: 'web-traffic',
      queues: ['emails', 'partner-sync', 'webhooks'],
      processes: { min: 1, max: 3 },
      concurrency: 6,
      balance: { backlogPerProcess: 40 },
    },
    {
      name: 'media',
      queues: ['reports', 'images'],
      processes: { min: 1, max: 2 },
      concurrency: 4,
      timeout: 60,
    },
  ],
};
