'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { AlertView, DeliveryAttempt, RuleOverrides, RuleView, WebhookEdit, WebhookView } from '@/lib/alerts';
import { fetchJson } from './client';
import { POLL_INTERVAL_MS, queryKeys } from './hooks';

const sendJson = (method: 'POST' | 'PUT', body: unknown): RequestInit => ({
  method,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

export function useAlerts() {
  return useQuery({
    queryKey: queryKeys.alerts(),
    queryFn: () => fetchJson<{ active: AlertView[]; recent: AlertView[] }>('/api/alerts'),
    refetchInterval: POLL_INTERVAL_MS,
  });
}

export function useAlertRules() {
  return useQuery({ queryKey: queryKeys.alertRules(), queryFn: () => fetchJson<{ rules: RuleView[]; overrides: RuleOverrides }>('/api/alerts/rules') });
}

export function useWebhooks(enabled: boolean) {
  return useQuery({ queryKey: queryKeys.webhooks(), queryFn: () => fetchJson<{ webhooks: WebhookView[] }>('/api/alerts/webhooks'), enabled });
}

export function useDeliveries() {
  return useQuery({
    queryKey: queryKeys.deliveries(),
    queryFn: () => fetchJson<{ deliveries: DeliveryAttempt[] }>('/api/alerts/deliveries?limit=50'),
    refetchInterval: POLL_INTERVAL_MS,
  });
}

export function useSilenceAlert() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, minutes }: { id: string; minutes: number }) =>
      fetchJson<{ id: string; silencedUntil: number | null }>(`/api/alerts/${encodeURIComponent(id)}/silence`, sendJson('POST', { minutes })),
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.alerts() }),
  });
}

export function useSaveRules() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (overrides: RuleOverrides) => fetchJson<{ rules: RuleView[]; overrides: RuleOverrides }>('/api/alerts/rules', sendJson('PUT', overrides)),
    onSuccess: (data) => client.setQueryData(queryKeys.alertRules(), data),
  });
}

export function useSaveWebhooks() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (webhooks: WebhookEdit[]) => fetchJson<{ webhooks: WebhookView[] }>('/api/alerts/webhooks', sendJson('PUT', { webhooks })),
    onSuccess: (data) => client.setQueryData(queryKeys.webhooks(), data),
  });
}

export function useSendTestNotification() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (webhookId?: string) => fetchJson<{ results: DeliveryAttempt[] }>('/api/alerts/webhooks/test', sendJson('POST', { webhookId })),
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.deliveries() }),
  });
}
