import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { invalid } from '../lib/errors';
import { isJobDefinition, type JobDefinition } from './define-job';

/** The definitions a worker knows, by job name. */
export class JobRegistry {
  private readonly byName = new Map<string, JobDefinition>();

  constructor(definitions: readonly JobDefinition[]) {
    for (const definition of definitions) {
      const existing = this.byName.get(definition.name);
      if (existing && existing !== definition) throw invalid(`Two job definitions are named "${definition.name}"`);
      this.byName.set(definition.name, definition);
    }
  }

  get(name: string): JobDefinition | undefined {
    return this.byName.get(name);
  }

  get names(): string[] {
    return [...this.byName.keys()];
  }
}

/** Every definition a module exports, directly or in an exported array or object. */
export function collectDefinitions(moduleExports: Record<string, unknown>): JobDefinition[] {
  const found = new Set<JobDefinition>();
  const visit = (value: unknown, depth: number) => {
    if (isJobDefinition(value)) found.add(value);
    else if (depth < 2 && Array.isArray(value)) value.forEach((item) => visit(item, depth + 1));
    else if (depth < 2 && typeof value === 'object' && value !== null) Object.values(value).forEach((item) => visit(item, depth + 1));
  };
  visit(moduleExports, 0);
  return [...found];
}

/** Loads the job definitions of a module (`.ts` works: the CLI runs under tsx). */
export async function loadJobModule(path: string): Promise<JobDefinition[]> {
  const moduleExports = (await import(pathToFileURL(resolve(path)).href)) as Record<string, unknown>;
  const definitions = collectDefinitions(moduleExports);
  if (definitions.length === 0) throw invalid(`${path} exports no job definitions (defineJob(…))`, 'jobs');
  return definitions;
}
