import { invalid } from '../../lib/errors';
import type { LookoutFileConfig } from './config';
import { Supervisor, type SupervisorOptions } from './supervisor';

/**
 * Starts every supervisor a config file names (each needs a jobs module: its own or the file's). On SIGINT or
 * SIGTERM they stop restarting at once, before the command's shutdown gets to stopping them.
 */
export async function startSupervisors(
  file: Pick<LookoutFileConfig, 'jobs' | 'supervisors'>,
  options: Omit<SupervisorOptions, 'config' | 'jobsPath'>,
): Promise<Supervisor[]> {
  const configs = file.supervisors ?? [];
  if (configs.length === 0) throw invalid('The config names no supervisors ("supervisors": [ … ])', 'supervisors');
  const supervisors = configs.map((config) => {
    const jobsPath = config.jobs ?? file.jobs;
    if (!jobsPath) throw invalid(`Supervisor "${config.name}" has no jobs module: set "jobs" on it or at the top of the config`, 'jobs');
    return new Supervisor({ ...options, config, jobsPath });
  });
  await Promise.all(supervisors.map((supervisor) => supervisor.start()));
  const halt = () => supervisors.forEach((supervisor) => supervisor.halt());
  process.once('SIGINT', halt);
  process.once('SIGTERM', halt);
  return supervisors;
}
