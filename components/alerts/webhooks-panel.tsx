'use client';

import { useState } from 'react';
import type { WebhookEdit, WebhookFormat, WebhookView } from '@/lib/alerts';
import { useSaveWebhooks, useSendTestNotification } from '../api/alert-hooks';

const FORMATS: WebhookFormat[] = ['alertmanager', 'slack', 'pagerduty'];

/** Keeps what the server knows; a secret typed here is sent once and never shown again. */
const asEdit = (hook: WebhookView): WebhookEdit => ({ id: hook.id, name: hook.name, url: hook.url, format: hook.format });

function AddWebhookForm({ onAdd, disabled }: { onAdd: (edit: WebhookEdit) => void; disabled: boolean }) {
  const [form, setForm] = useState({ name: '', url: '', format: 'alertmanager' as WebhookFormat, secret: '', routingKey: '' });
  const field = (key: keyof typeof form) => ({
    value: form[key],
    onChange: (event: { target: { value: string } }) => setForm((current) => ({ ...current, [key]: event.target.value })),
  });
  const input = 'rounded border bg-transparent px-2 py-1 text-sm dark:border-slate-700';
  return (
    <form
      className="flex flex-wrap items-end gap-2"
      onSubmit={(event) => {
        event.preventDefault();
        onAdd({
          name: form.name || undefined,
          url: form.url,
          format: form.format,
          ...(form.secret ? { secret: form.secret } : {}),
          ...(form.routingKey ? { routingKey: form.routingKey } : {}),
        });
        setForm({ name: '', url: '', format: 'alertmanager', secret: '', routingKey: '' });
      }}
    >
      <input aria-label="Webhook name" placeholder="name" data-testid="webhook-name" className={`${input} w-32`} {...field('name')} />
      <input aria-label="Webhook URL" placeholder="https://…" required data-testid="webhook-url" className={`${input} w-72`} {...field('url')} />
      <select aria-label="Format" data-testid="webhook-format" className={input} {...field('format')}>
        {FORMATS.map((format) => (
          <option key={format}>{format}</option>
        ))}
      </select>
      <input aria-label="Signing secret" placeholder="signing secret (optional)" type="password" data-testid="webhook-secret" className={`${input} w-44`} {...field('secret')} />
      {form.format === 'pagerduty' ? <input aria-label="Routing key" placeholder="routing key" type="password" className={`${input} w-40`} {...field('routingKey')} /> : null}
      <button type="submit" disabled={disabled} data-testid="add-webhook" className="rounded bg-sky-700 px-3 py-1 text-sm text-white disabled:opacity-50">
        Add webhook
      </button>
    </form>
  );
}

/** Webhooks (admins): the ones from LOOKOUT_ALERT_WEBHOOKS read-only, the UI ones editable; a test button each. */
export function WebhooksPanel({ webhooks }: { webhooks: WebhookView[] }) {
  const save = useSaveWebhooks();
  const test = useSendTestNotification();
  const editable = webhooks.filter((hook) => hook.source === 'ui');
  const replace = (edits: WebhookEdit[]) => save.mutate(edits);
  return (
    <div className="flex flex-col gap-3" data-testid="webhooks-panel">
      {webhooks.length === 0 ? <p className="text-sm text-slate-500">No webhooks yet: notifications are evaluated but not sent anywhere.</p> : null}
      <ul className="flex flex-col gap-2">
        {webhooks.map((hook) => (
          <li key={hook.id} data-testid="webhook-row" data-webhook={hook.id} className="flex flex-wrap items-center gap-3 text-sm">
            <span className="font-medium">{hook.name}</span>
            <span className="rounded bg-slate-100 px-1.5 py-0.5 text-xs dark:bg-slate-800">{hook.format}</span>
            <span className="max-w-md truncate font-mono text-xs text-slate-500">{hook.url}</span>
            <span className="text-xs text-slate-500">{hook.hasSecret ? 'signed' : 'unsigned'}</span>
            {hook.source === 'env' ? <span className="text-xs text-slate-500">from LOOKOUT_ALERT_WEBHOOKS</span> : null}
            <button type="button" data-testid="send-test" disabled={test.isPending} onClick={() => test.mutate(hook.id)} className="rounded border px-2 py-0.5 text-xs dark:border-slate-700">
              Send test notification
            </button>
            {hook.source === 'ui' ? (
              <button type="button" disabled={save.isPending} onClick={() => replace(editable.filter((other) => other.id !== hook.id).map(asEdit))} className="rounded border px-2 py-0.5 text-xs text-red-700 dark:border-slate-700">
                Remove
              </button>
            ) : null}
          </li>
        ))}
      </ul>
      {test.data ? (
        <p className="text-sm" data-testid="test-result">
          {test.data.results.map((result) => `${result.webhookName}: ${result.ok ? `delivered (${result.status})` : `failed (${result.error})`}`).join('; ')}
        </p>
      ) : null}
      <AddWebhookForm disabled={save.isPending} onAdd={(edit) => replace([...editable.map(asEdit), edit])} />
      {save.isError || test.isError ? (
        <p role="alert" className="text-sm text-red-600">
          {save.error?.message ?? test.error?.message}
        </p>
      ) : null}
    </div>
  );
}
