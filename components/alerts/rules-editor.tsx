'use client';

import { useState } from 'react';
import type { RuleOverrides, RuleSettingsPatch, RuleView } from '@/lib/alerts';
import type { RuleName } from '@/lib/alerts/types';
import { useSaveRules } from '../api/alert-hooks';

const UNIT_LABEL: Record<RuleView['unit'], string> = { jobs: 'jobs', ms: 'ms', ratio: '0..1', flag: '' };

type GlobalDraft = Partial<Record<RuleName, RuleSettingsPatch>>;
type QueueDraft = Partial<Record<RuleName, Record<string, RuleSettingsPatch>>>;

function splitOverrides(overrides: RuleOverrides): { global: GlobalDraft; queues: QueueDraft } {
  const global: GlobalDraft = {};
  const queues: QueueDraft = {};
  for (const [name, override] of Object.entries(overrides) as [RuleName, NonNullable<RuleOverrides[RuleName]>][]) {
    const { queues: perQueue, ...patch } = override;
    if (Object.keys(patch).length) global[name] = patch;
    if (perQueue && Object.keys(perQueue).length) queues[name] = perQueue;
  }
  return { global, queues };
}

function joinOverrides(global: GlobalDraft, queues: QueueDraft): RuleOverrides {
  const overrides: RuleOverrides = {};
  for (const name of new Set([...Object.keys(global), ...Object.keys(queues)]) as Set<RuleName>) {
    overrides[name] = { ...global[name], ...(queues[name] ? { queues: queues[name] } : {}) };
  }
  return overrides;
}

function NumberCell({ value, onChange, label, testId }: { value: number; onChange: (value: number) => void; label: string; testId: string }) {
  return (
    <input
      type="number"
      aria-label={label}
      data-testid={testId}
      min={0}
      step="any"
      value={Number.isFinite(value) ? value : 0}
      onChange={(event) => onChange(Number(event.target.value))}
      className="w-28 rounded border bg-transparent px-2 py-1 text-right tabular-nums dark:border-slate-700"
    />
  );
}

/** Admins tune thresholds and `for` per rule, and per queue as JSON; saved overrides apply on the next tick. */
export function RulesEditor({ rules, overrides }: { rules: RuleView[]; overrides: RuleOverrides }) {
  const initial = splitOverrides(overrides);
  const [global, setGlobal] = useState<GlobalDraft>(initial.global);
  const [queuesText, setQueuesText] = useState(JSON.stringify(initial.queues, null, 2));
  const [parseError, setParseError] = useState<string | null>(null);
  const save = useSaveRules();

  const patch = (name: RuleName, change: RuleSettingsPatch) => setGlobal((draft) => ({ ...draft, [name]: { ...draft[name], ...change } }));

  const submit = () => {
    let queues: QueueDraft;
    try {
      queues = JSON.parse(queuesText || '{}') as QueueDraft;
    } catch (error) {
      setParseError(`Per-queue overrides are not valid JSON: ${(error as Error).message}`);
      return;
    }
    setParseError(null);
    save.mutate(joinOverrides(global, queues));
  };

  return (
    <div data-testid="rules-editor" className="flex flex-col gap-3">
      <div className="overflow-x-auto">
        <table className="w-full text-sm">
          <thead className="text-left text-xs uppercase text-slate-500">
            <tr>
              <th className="py-2 pr-4">Rule</th>
              <th className="py-2 pr-4">On</th>
              <th className="py-2 pr-4 text-right">Threshold</th>
              <th className="py-2 pr-4 text-right">For (s)</th>
              <th className="py-2 pr-4 text-right">Repeat (h)</th>
              <th className="py-2 text-right">Min jobs</th>
            </tr>
          </thead>
          <tbody>
            {rules.map((rule) => {
              const value = { ...rule.base, ...global[rule.name] };
              return (
                <tr key={rule.name} data-testid="rule-row" data-rule={rule.name} className="border-t border-slate-100 align-top dark:border-slate-800">
                  <td className="py-2 pr-4">
                    <span className="font-medium">{rule.name}</span> <span className="text-xs text-slate-500">({rule.severity})</span>
                    <div className="text-xs text-slate-500">{rule.description}</div>
                  </td>
                  <td className="py-2 pr-4">
                    <input type="checkbox" aria-label={`${rule.name} enabled`} checked={value.enabled} onChange={(event) => patch(rule.name, { enabled: event.target.checked })} />
                  </td>
                  <td className="py-2 pr-4 text-right">
                    {rule.unit === 'flag' ? (
                      <span className="text-slate-400">—</span>
                    ) : (
                      <span className="inline-flex items-center gap-1">
                        <NumberCell label={`${rule.name} threshold`} testId="rule-threshold" value={value.threshold} onChange={(threshold) => patch(rule.name, { threshold })} />
                        <span className="w-8 text-xs text-slate-500">{UNIT_LABEL[rule.unit]}</span>
                      </span>
                    )}
                  </td>
                  <td className="py-2 pr-4 text-right">
                    <NumberCell label={`${rule.name} for seconds`} testId="rule-for" value={value.forMs / 1000} onChange={(seconds) => patch(rule.name, { forMs: Math.round(seconds * 1000) })} />
                  </td>
                  <td className="py-2 pr-4 text-right">
                    <NumberCell label={`${rule.name} repeat hours`} testId="rule-repeat" value={value.repeatIntervalMs / 3_600_000} onChange={(hours) => patch(rule.name, { repeatIntervalMs: Math.round(hours * 3_600_000) })} />
                  </td>
                  <td className="py-2 text-right">
                    {rule.name === 'FailureRateHigh' ? (
                      <NumberCell label={`${rule.name} minimum jobs`} testId="rule-min-jobs" value={value.minJobs} onChange={(minJobs) => patch(rule.name, { minJobs: Math.round(minJobs) })} />
                    ) : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <label className="flex flex-col gap-1 text-sm">
        <span>
          Per-queue overrides (JSON: <code>{'{ "QueueLengthWarning": { "emails": { "threshold": 50 } } }'}</code>)
        </span>
        <textarea
          data-testid="rules-queues"
          rows={5}
          value={queuesText}
          onChange={(event) => setQueuesText(event.target.value)}
          className="rounded border bg-transparent p-2 font-mono text-xs dark:border-slate-700"
        />
      </label>
      <div className="flex items-center gap-3">
        <button type="button" data-testid="save-rules" onClick={submit} disabled={save.isPending} className="rounded bg-sky-700 px-3 py-1.5 text-sm text-white disabled:opacity-50">
          Save rules
        </button>
        <button
          type="button"
          onClick={() => {
            setGlobal({});
            setQueuesText('{}');
          }}
          className="rounded border px-3 py-1.5 text-sm dark:border-slate-700"
        >
          Reset to defaults
        </button>
        {save.isSuccess ? <span className="text-sm text-green-700" data-testid="rules-saved">Saved; applies at the next evaluation.</span> : null}
        {parseError || save.isError ? (
          <span role="alert" className="text-sm text-red-600">
            {parseError ?? save.error?.message}
          </span>
        ) : null}
      </div>
    </div>
  );
}
