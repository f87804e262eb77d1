import { describe, expect, it } from 'vitest';
import type { JobSummary } from '@/lib/queues/types';
import { filterJobs } from './job-search';

const job = (id: string, name: string | null, data: string | null): JobSummary => ({
  id,
  name,
  state: 'failed',
  attemptsMade: 1,
  timestamp: 1,
  processedOn: 1,
  finishedOn: 1,
  failedReason: null,
  progress: 0,
  malformed: null,
  dataPreview: data,
});

const jobs = [job('101', 'welcome', '{"to":"ann@example.com"}'), job('202', 'receipt', '{"to":"bob@example.com","orderId":"ORD-9"}'), job('303', null, null)];
const ids = (query: string) => filterJobs(jobs, query).map((found) => found.id);

describe('filterJobs', () => {
  it('matches by id, name and data substring, ignoring case and spaces around the query', () => {
    expect(ids('202')).toEqual(['202']);
    expect(ids('WELCOME')).toEqual(['101']);
    expect(ids(' ord-9 ')).toEqual(['202']);
    expect(ids('example.com')).toEqual(['101', '202']);
  });

  it('keeps everything for an empty query and nothing for no match', () => {
    expect(ids('')).toEqual(['101', '202', '303']);
    expect(ids('nobody')).toEqual([]);
  });
});
